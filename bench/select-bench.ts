/**
 * SELECT fan-out benchmark against the emulator (issue 4): 200 list calls with 50 ms latency,
 * compared with a bare Node fetch loop doing the same HTTP work. (The 100,000-row list is P2 in
 * stream-bench.ts, against a server that does no work per request.)
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
  options: { readonly discardStdout?: boolean } = {},
): Promise<{ ms: number; stdout: string; rssMb?: number }> {
  const useTime = existsSync(TIME);
  const cmd = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-f', 'maxrss=%M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  // discarded output goes to /dev/null itself, so reading it costs the measured process nothing
  const child = spawn(cmd, argv, {
    env,
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
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

/** Runs the fan-out benchmarks; returns their rows. */
export async function selectBenchmarks(): Promise<BenchRow[]> {
  const resources: Record<string, Record<string, JsonObject>> = {};
  for (let p = 0; p < 200; p++) resources[`projects/p${p}/topics`] = topics(`p${p}`, 3);
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
    // 200 list calls with 50 ms latency each.
    emu.faults.add({ id: 'latency', match: 'pubsub', latencyMs: 50 });
    const projects = Array.from({ length: 200 }, (_, p) => `'p${p}'`).join(', ');
    const sql = `SELECT count(*) FROM google.pubsub.topics WHERE projectsId IN (${projects})`;
    const urls = Array.from(
      { length: 200 },
      (_, p) => `${emu.url}/pubsub.googleapis.com/v1/projects/p${p}/topics`,
    );
    const fan = await skyql(sql);
    if (fan.stdout.trim() !== '600') throw new Error(`expected 600 rows, got ${fan.stdout}`);
    const bare16 = await bare(16, urls);
    const serial = await skyql(sql, ['--execution.concurrency.limit', '1']);
    rows.push({
      name: '200 calls x 50 ms latency, default concurrency vs bare loop (16)',
      value: `${fan.ms.toFixed(0)} ms vs ${bare16.ms.toFixed(0)} ms (${(fan.ms / bare16.ms).toFixed(2)}x)`,
      target: '<= 1.25x',
      ok: fan.ms / bare16.ms <= 1.25,
    });
    rows.push({
      name: '200 calls x 50 ms latency, default vs concurrency 1',
      value: `${fan.ms.toFixed(0)} ms vs ${serial.ms.toFixed(0)} ms (${(serial.ms / fan.ms).toFixed(1)}x faster)`,
      target: '>= 10x faster',
      ok: serial.ms / fan.ms >= 10,
    });
  } finally {
    await emu.close();
  }
  return rows;
}
