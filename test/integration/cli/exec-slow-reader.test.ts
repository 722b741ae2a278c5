/**
 * `skyql exec` output reaches a reader whatever its pace: every byte arrives before the process
 * is gone, and a reader that goes away ends the run at once (as `| head` does).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../../support/paths.js';

const ROWS = 100_000;
const SQL = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT i, printf('%0100d', i) AS s FROM n`;

function exec(args: readonly string[]) {
  return spawn(process.execPath, [SKYQL_BIN, 'exec', ...args], {
    env: { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('a reader that stops taking the output near its end gets every byte', async () => {
  const child = exec(['-o', 'csv', SQL]);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const total =
    'i,s\n'.length +
    ROWS * 100 +
    Array.from({ length: ROWS }, (_, i) => `${i + 1},\n`.length).reduce((a, b) => a + b);
  // read until 3 MB are left, more than the socket and this side's buffer hold, then pause for
  // a second: skyql ends its run while its last rows still wait to be written
  const chunks: Buffer[] = [];
  let received = 0;
  await new Promise<void>((resolve) => {
    const onData = (c: Buffer) => {
      chunks.push(c);
      received += c.length;
      if (total - received < 3_000_000) {
        child.stdout.off('data', onData);
        child.stdout.pause();
        resolve();
      }
    };
    child.stdout.on('data', onData);
  });
  await new Promise((r) => setTimeout(r, 1000));
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdout.resume();
  await new Promise((r) => child.on('close', r));
  assert.equal(await exited, 0);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.equal(text.length, total);
  assert.ok(text.endsWith(`${ROWS},${String(ROWS).padStart(100, '0')}\n`));
});

test('a reader that stops early ends the run at once, exit status 0 (as `| head`)', async () => {
  const child = exec(['-o', 'csv', SQL]);
  const first = await new Promise<string>((resolve) =>
    child.stdout.once('data', (c: Buffer) => resolve(String(c))),
  );
  assert.match(first, /^i,s\n/);
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0);
});
