/**
 * What the whole-process benchmarks share: a result row, timing a node process (peak RSS from GNU
 * time when present), and skyql's CLI arguments against an endpoint. The SELECT benchmarks that
 * were here moved to servers that do almost no work per request: the 100,000-row list is P2 in
 * stream-bench.ts, the 200-call fan-out P3 in fanout-bench.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths.js';

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
