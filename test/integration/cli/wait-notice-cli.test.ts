import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startPty } from '../../support/pty-process.js';
import { runCli } from '../../support/run-cli.js';

/** An API endpoint that accepts every request and never answers. */
const silent = createServer(() => {
  /* never answers */
});
let args: string[] = [];
before(async () => {
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as AddressInfo).port;
  args = [
    'exec',
    '--endpoint',
    `google=http://127.0.0.1:${port}`,
    '--auth',
    '{"google": {"type": "null_auth"}}',
    '--http.retry.maxAttempts',
    '1',
    // the notice comes after 1 s (default 5); the response timeout ends the wait 1 s later
    '--http.waitNotice',
    '1',
    '--apirequesttimeout',
    '2',
    "SELECT name FROM google.storage.buckets WHERE project = 'p'",
  ];
});
after(() => {
  silent.closeAllConnections();
  silent.close();
});

test('a request still waiting: a notice on a terminal, erased before the error; nothing when piped', async () => {
  const pty = startPty(args);
  let raw = '';
  pty.child.stdout.on('data', (d: Buffer | string) => (raw += d.toString()));
  const [code, piped] = await Promise.all([pty.exited, runCli(args)]);

  assert.equal(code, 1);
  const screen = pty.screen();
  assert.match(screen, /waiting for 127\.0\.0\.1:\d+ \(for storage\.googleapis\.com\) \(\d s\)…/);
  assert.match(screen, /did not answer within 2 s \(response timeout\)/);
  // the notice line is erased (carriage return, clear line) before the error is printed
  const notice = raw.lastIndexOf(' s)…');
  const error = raw.indexOf('did not answer within');
  assert.ok(notice >= 0 && error > notice);
  assert.ok(raw.slice(notice, error).includes('\r\x1b[K'), 'erased');

  assert.equal(piped.code, 1);
  assert.match(piped.stderr, /did not answer within 2 s \(response timeout\)/);
  assert.doesNotMatch(piped.stderr, /waiting for/, 'never on a non-terminal');
  assert.ok(!piped.stderr.includes('\x1b['), 'no terminal escapes');
});
