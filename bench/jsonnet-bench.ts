/**
 * Jsonnet: what a `<<<jsonnet` block costs a whole `skyql exec` (loading the implementation and
 * std.jsonnet on first use) beside the same data as `<<<json`, and in process the time to the first
 * evaluation (import, std.jsonnet parsed and evaluated once) and per later evaluation. Most of the
 * first-use cost is V8 compiling the lexer and parser while they read std.jsonnet (60 KB) cold.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT, SKYQL_BIN } from '../test/support/paths.js';
import type { BenchRow } from './select-bench.js';

const DATA =
  "{ project: 'p', region: std.extVar('region'), zones: [std.extVar('region') + '-' + z for z in ['a', 'b']], name: '%s-%d' % ['vm', 1] }";
const JSON_DATA = '{ "project": "p", "region": "eu", "zones": ["eu-a", "eu-b"], "name": "vm-1" }';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeExec(block: string, runs: number): number {
  const env = { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT };
  const args = [SKYQL_BIN, 'exec', '--dryrun', '--var', 'region=eu', `${block}\nSELECT '{{ .name }}' AS n;`];
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`skyql exec failed: ${r.stderr}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

/** In a fresh process: [import + first evaluation, median later evaluation] in ms. */
function timeInProcess(): [number, number] {
  const engine = join(REPO_ROOT, 'build', 'src', 'core', 'template', 'jsonnet', 'engine.js');
  const script = `
    const t0 = performance.now();
    const { evaluateToJs } = await import(${JSON.stringify(engine)});
    const opts = { file: 'vars.jsonnet', extVars: new Map([['region', 'eu']]) };
    evaluateToJs(${JSON.stringify(DATA)}, opts);
    const first = performance.now() - t0;
    const times = [];
    for (let i = 0; i < 200; i++) { const t = performance.now(); evaluateToJs(${JSON.stringify(DATA)}, opts); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify([first, times[100]]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jsonnet timing failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as [number, number];
}

export function jsonnetBenchmarks(runs: number): BenchRow[] {
  const json = timeExec(`<<<json ${JSON_DATA} >>>`, runs);
  const jsonnet = timeExec(`<<<jsonnet ${DATA} >>>`, runs);
  const firsts: number[] = [];
  const pers: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [first, per] = timeInProcess();
    firsts.push(first);
    pers.push(per);
  }
  const first = median(firsts);
  const per = median(pers);
  return [
    {
      name: 'skyql exec --dryrun with <<<jsonnet vs <<<json data',
      value: `${jsonnet.toFixed(0)} vs ${json.toFixed(0)} ms (+${(jsonnet - json).toFixed(0)})`,
      target: '+ < 300 ms',
      ok: jsonnet - json < 300,
    },
    {
      name: 'Jsonnet in process: first evaluation (load + std.jsonnet)',
      value: `${first.toFixed(1)} ms`,
      target: '< 300 ms',
      ok: first < 300,
    },
    {
      name: 'Jsonnet in process: each later evaluation',
      value: `${per.toFixed(2)} ms`,
      target: '< 2 ms',
      ok: per < 2,
    },
  ];
}
