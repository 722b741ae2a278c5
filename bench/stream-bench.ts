/**
 * P2 and P2w (issue 13): 100,000 Compute instances over 200 pages from a server that only writes
 * pre-rendered bytes (page-server.ts), read by skyql (`--endpoint`, bearer auth) and by a bare Node
 * fetch + JSON.parse loop over the same pages. P2 is `SELECT COUNT(*)` (ratio and peak RSS), P2w
 * `SELECT *` to `-o json` into /dev/null. Medians of several whole-process runs, the two sides
 * alternating so that both see the same machine load.
 */
import { join } from 'node:path';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../test/support/paths.js';
import { startPageServer } from './page-server.js';
import { type BenchRow, timed } from './select-bench.js';

const PAGES = 200;
const ROWS_PER_PAGE = 500;
const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_STREAM_RUNS ?? 5);
const FROM = "FROM google.compute.instances WHERE project = 'bench' AND zone = 'us-central1-a'";

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function skyqlArgs(url: string, output: string, sql: string): string[] {
  return [
    join(REPO_ROOT, 'bin', 'skyql'),
    'exec',
    '-o',
    output,
    '-H',
    '--endpoint',
    `google=${url}`,
    '--auth',
    '{"google":{"type":"bearer","credentialsenvvar":"BENCH_BEARER"}}',
    sql,
  ];
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Runs P2 and P2w; returns their rows. */
export async function streamBenchmarks(): Promise<BenchRow[]> {
  const server = await startPageServer({ pages: PAGES, rowsPerPage: ROWS_PER_PAGE, token: TOKEN });
  const env = {
    ...process.env,
    SKYQL_REGISTRY: MIRROR_URL,
    SKYQL_APPROOT: FIXTURE_APPROOT,
    BENCH_BEARER: TOKEN,
  };
  const listUrl = `${server.url}/compute.googleapis.com/compute/v1/projects/bench/zones/us-central1-a/instances`;
  const bareArgs = [join(REPO_ROOT, 'build', 'bench', 'bare-fetch-loop.js'), '1', listUrl];
  const bare: { ms: number; rss: number }[] = [];
  const count: { ms: number; rss: number }[] = [];
  const star: { ms: number; rss: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const b = await timed(bareArgs, env);
      const rows = (JSON.parse(b.stdout) as { rows: number }).rows;
      if (rows !== PAGES * ROWS_PER_PAGE) throw new Error(`bare loop read ${rows} rows`);
      bare.push({ ms: b.ms, rss: b.rssMb ?? Number.NaN });
      const c = await timed(skyqlArgs(server.url, 'csv', `SELECT COUNT(*) ${FROM}`), env);
      if (c.stdout.trim() !== String(PAGES * ROWS_PER_PAGE)) throw new Error(`COUNT(*) gave ${c.stdout}`);
      count.push({ ms: c.ms, rss: c.rssMb ?? Number.NaN });
      const s = await timed(skyqlArgs(server.url, 'json', `SELECT * ${FROM}`), env, { discardStdout: true });
      star.push({ ms: s.ms, rss: s.rssMb ?? Number.NaN });
    }
  } finally {
    await server.close();
  }
  const bareMs = median(bare.map((r) => r.ms));
  const countMs = median(count.map((r) => r.ms));
  const starMs = median(star.map((r) => r.ms));
  const countRss = median(count.map((r) => r.rss));
  const mb = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} MB`);
  const size = `${(server.bytes / 1e6).toFixed(0)} MB of JSON`;
  return [
    {
      name: `P2 COUNT(*) 100k rows / 200 pages (${size}) vs bare loop`,
      value: `${fmt(countMs)} vs ${fmt(bareMs)} (${(countMs / bareMs).toFixed(2)}x)`,
      target: '<= 1.3x',
      ok: countMs / bareMs <= 1.3,
    },
    {
      name: 'P2 COUNT(*) peak RSS (median)',
      value: `${mb(countRss)} (bare loop ${mb(median(bare.map((r) => r.rss)))})`,
      target: '<= 150 MB',
      ok: Number.isNaN(countRss) || countRss <= 150,
    },
    {
      name: 'P2w SELECT * -o json > /dev/null vs bare loop',
      value: `${fmt(starMs)} vs ${fmt(bareMs)} (${(starMs / bareMs).toFixed(2)}x), RSS ${mb(median(star.map((r) => r.rss)))}`,
      target: '<= 2.2x',
      ok: starMs / bareMs <= 2.2,
    },
  ];
}

// `node build/bench/stream-bench.js` runs these alone
if (process.argv[1]?.endsWith('stream-bench.js')) {
  for (const r of await streamBenchmarks())
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(66)} ${r.value.padEnd(40)} target ${r.target}`);
}
