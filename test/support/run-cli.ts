import { spawn } from 'node:child_process';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from './paths.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs bin/skyql with `args`, pointed at the mirror and the fixture app root unless the args or
 * `env` say otherwise. Never inherits the developer's SKYQL_* settings. `cwd` defaults to this
 * process's working directory.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
  cwd?: string,
): Promise<CliRun> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) base[k] = v;
  const child = spawn(process.execPath, [SKYQL_BIN, ...args], {
    env: { ...base, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(cwd ? { cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
