import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { KEY, startPty } from '../../support/pty-process.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Seconds of SQLite work that only a kill stops. */
const LONG =
  'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000) SELECT count(*) FROM c;';

test('Ctrl-C stops a long local query too (it runs in a runner process), and keeps the shell', {
  skip: !hasScript && 'script(1) from util-linux is not installed',
}, async () => {
  const sh = startPty(['shell']);
  await sh.waitFor(/skyql> $/);
  const mark = sh.screen().length;
  sh.type(`${LONG}${KEY.enter}`);
  await new Promise((r) => setTimeout(r, 800));
  sh.type(KEY.ctrlC);
  await sh.waitFor(/statement cancelled/, mark, 10_000);
  await sh.waitFor(/skyql> $/, mark);
  sh.type(`SELECT 42 AS answer;${KEY.enter}`);
  await sh.waitFor(/\| +42 +\|/, mark);
  sh.type(KEY.ctrlD);
  assert.equal(await sh.exited, 0);
});
