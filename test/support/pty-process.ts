import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { after } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from './paths.js';

/** Control characters a terminal sends. */
export const KEY = { tab: '\t', enter: '\r', ctrlC: '\x03', ctrlD: '\x04', up: '\x1b[A' } as const;

/** A CLI process on a pseudo-terminal (util-linux `script`), driven by keystrokes. */
export interface PtyProcess {
  /** Everything the terminal showed so far, escape sequences removed. */
  screen(): string;
  /** Types `text` (use {@link KEY} for control keys). */
  type(text: string): void;
  /** Waits until the screen after `from` (an earlier screen length) matches `pattern`. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
  readonly child: ChildProcessWithoutNullStreams;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the terminal's ESC sequences is the point
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Starts `skyql <args>` on a pseudo-terminal with the mirror and fixture app root unless `env` overrides them. */
export function startPty(args: readonly string[], env: Record<string, string> = {}): PtyProcess {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) base[k] = v;
  const quoted = [process.execPath, SKYQL_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], {
    env: { ...base, TERM: 'xterm', SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (raw += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (raw += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const screen = () => raw.replace(ANSI, '').replace(/\r/g, '');
  return {
    child,
    exited,
    screen,
    type: (text) => void child.stdin.write(text),
    async waitFor(pattern, from = 0, timeoutMs = 15_000) {
      const t0 = Date.now();
      for (;;) {
        const s = screen().slice(from);
        if (pattern.test(s)) return s;
        if (Date.now() - t0 > timeoutMs || child.exitCode !== null)
          throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
