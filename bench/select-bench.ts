/**
 * SELECT benchmarks against the emulator (issue 4): a 100,000-row list over 200 pages, compared
 * with a bare Node fetch loop doing the same HTTP work. (The 200-call fan-out, P3, is
 * fanout-bench.ts, against a server that does almost nothing per request.)
 * Whole processes are timed (skyql's CLI vs node running the bare loop); peak RSS from
 * GNU time when present, else not reported.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryConfig } from '../src/base/config/registry-config.js';
import type { JsonObject } from '../src/core/catalog/model/catalog-types.js';
import { startEmulator } from '../src/tools/emulator/index.js';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../test/support/paths.js';

/** One benchmark line: name, measured value, target, verdict. */
export interface BenchRow {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean;
}

const TIME = '/usr/bin/time';

/** Runs node with `args`, timing the whole process (and its peak RSS when GNU time is there). */
export async function timed(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; stdout: string; rssMb?: number }> {
  const useTime = existsSync(TIME);
  const cmd = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-f', 'maxrss=%M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr}`);
  const m = /maxrss=(\d+)/.exec(stderr);
  return { ms, stdout, rssMb: m ? Number(m[1]) / 1024 : undefined };
}

/** `bin/skyql exec -o csv -H` against an emulator without auth: node's arguments. */
export function skyqlCsvArgs(emulatorUrl: string, sql: string, extra: readonly string[] = []): string[] {
  return [
    join(REPO_ROOT, 'bin', 'skyql'),
    'exec',
    '-o',
    'csv',
    '-H',
    '--endpoint',
    `google=${emulatorUrl}`,
    '--auth',
    '{"google":{"type":"null_auth"}}',
    ...extra,
    sql,
  ];
}

function topics(project: string, n: number): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (let i = 0; i < n; i++) {
    const id = `topic-${String(i).padStart(6, '0')}`;
    out[id] = {
      labels: { shard: String(i % 10) },
      messageRetentionDuration: '86400s',
      kmsKeyName: `projects/${project}/keys/k${i % 7}`,
    };
  }
  return out;
}

/** Runs the SELECT benchmarks; returns their rows. */
export async function selectBenchmarks(): Promise<BenchRow[]> {
  const resources: Record<string, Record<string, JsonObject>> = {
    'projects/big/topics': topics('big', 100_000),
  };
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    auth: false,
    seed: {
      settings: { defaultPageSize: 500, maxPageSize: 1000 },
      resources: { 'pubsub.googleapis.com': resources },
    },
  });
  const env = { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT };
  const skyql = (sql: string, extra: string[] = []) => timed(skyqlCsvArgs(emu.url, sql, extra), env);
  const bare = (concurrency: number, urls: string[]) =>
    timed([join(REPO_ROOT, 'build', 'bench', 'bare-fetch-loop.js'), String(concurrency), ...urls], env);
  const rows: BenchRow[] = [];
  try {
    // 1. 100,000 rows over 200 pages.
    const bigUrl = `${emu.url}/pubsub.googleapis.com/v1/projects/big/topics`;
    const base = await bare(1, [bigUrl]);
    const big = await skyql("SELECT count(*) FROM google.pubsub.topics WHERE projectsId = 'big'");
    if (big.stdout.trim() !== '100000') throw new Error(`expected 100000 rows, got ${big.stdout}`);
    const ratio = big.ms / base.ms;
    rows.push({
      name: '100k rows / 200 pages: skyql vs bare fetch loop',
      value: `${big.ms.toFixed(0)} ms vs ${base.ms.toFixed(0)} ms (${ratio.toFixed(2)}x)`,
      target: '<= 1.5x',
      ok: ratio <= 1.5,
    });
    if (big.rssMb !== undefined) {
      rows.push({
        name: '100k rows / 200 pages: skyql peak RSS',
        value: `${big.rssMb.toFixed(0)} MB (bare loop ${base.rssMb?.toFixed(0)} MB)`,
        target: '< 300 MB',
        ok: big.rssMb < 300,
      });
    }
  } finally {
    await emu.close();
  }
  return rows;
}
