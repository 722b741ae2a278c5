import { homedir } from 'node:os';
import type { SendRequest } from '../http-types.js';
import type { AuthDeps, RunCommand } from './authenticator.js';

/** Runs a program with execFile (through the shell on Windows, where gcloud is a .cmd). */
export const runCommand: RunCommand = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    // node:child_process is loaded only when a command runs (gcloud), not at start-up
    process.getBuiltinModule('node:child_process').execFile(
      command,
      [...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
        windowsHide: true,
        shell: process.platform === 'win32',
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.env === undefined ? {} : { env: options.env }),
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(err);
          return;
        }
        const exitCode = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });

/** Auth dependencies on the real machine: files, home folder, clock, gcloud, the given transport. */
export function defaultAuthDeps(send: SendRequest, env: NodeJS.ProcessEnv = process.env): AuthDeps {
  return {
    send,
    env,
    readFile: (path) => process.getBuiltinModule('node:fs/promises').readFile(path, 'utf8'),
    homeDir: homedir(),
    now: Date.now,
    runCommand,
  };
}
