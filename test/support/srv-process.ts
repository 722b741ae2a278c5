import { spawn } from 'node:child_process';
import { after } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from './paths.js';

/** A `skyql srv` process on a free port, stopped after the file. */
export async function startSrvProcess(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ port: number; pid: number; stderr: () => string; alive: () => boolean }> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) base[k] = v;
  const child = spawn(process.execPath, [SKYQL_BIN, 'srv', '--pgsrv.port', '0', ...args], {
    env: { ...base, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  after(() => {
    child.kill('SIGTERM');
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on [^\s]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`skyql srv exited with ${code}: ${err}`)));
  });
  return {
    port,
    pid: child.pid ?? 0,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}
