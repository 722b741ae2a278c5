/**
 * `skyql exec` keeps its session database in a file it unlinks as soon as both of its connections
 * are open (no runner process needs the path): a process killed mid-statement leaves no folder
 * behind. With `--execution.timeout` the runner processes open the file by its path, so it stays
 * until the session closes, and is removed then.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const LONG =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n';

test('a killed exec leaves no session folder behind', async () => {
  const tmp = tempDir();
  const child = spawn(process.execPath, [SKYQL_BIN, 'exec', LONG], {
    env: { ...process.env, TMPDIR: tmp, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
    stdio: 'ignore',
  });
  // the statement is running once the session's database was made (and its folder removed)
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(child.exitCode, null, 'still counting');
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.deepEqual(readdirSync(tmp), []);
});

test('with runner processes the file keeps its path while the session lives, and is gone after', async () => {
  const tmp = tempDir();
  const r = await runCli(['exec', '--execution.timeout', '30', '-o', 'csv', '-H', 'SELECT 41 + 1'], {
    TMPDIR: tmp,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), '42');
  assert.deepEqual(readdirSync(tmp), []);
});
