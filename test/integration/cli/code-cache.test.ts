import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const BUILD_ID = readFileSync(join(REPO_ROOT, 'dist', 'build-id'), 'utf8').trim();

test('exec keeps a V8 code cache in the app root, keyed by build, private, reused, and remade when rejected', async () => {
  const approot = tempDir();
  const sql = 'DESCRIBE google.compute.instances';
  const first = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(first.code, 0, first.stderr);
  const dir = join(approot, 'cache', 'code');
  const [file] = readdirSync(dir);
  assert.match(
    file,
    new RegExp(`^skyql-${BUILD_ID}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`),
  );
  const path = join(dir, file);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const made = statSync(path).mtimeMs;
  // accepted: the same answer, the cache left as it was
  const second = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(second.stdout, first.stdout);
  assert.equal(statSync(path).mtimeMs, made, 'an accepted cache is not rewritten');
  // garbage is rejected by V8: still the same answer, and the cache is made again
  writeFileSync(path, Buffer.alloc(4096, 7));
  const third = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(third.stdout, first.stdout);
  assert.notDeepEqual(readFileSync(path).subarray(0, 64), Buffer.alloc(64, 7));
  // SKYQL_CODE_CACHE=0 runs the ES module bundle
  const plain = await runCli(['exec', '--approot', approot, sql], { SKYQL_CODE_CACHE: '0' });
  assert.equal(plain.stdout, first.stdout);
});

test('commands other than exec run from the full bundle, and exec --help still works', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /emulator/);
  const execHelp = await runCli(['exec', '--help']);
  assert.equal(execHelp.code, 0);
  assert.match(execHelp.stdout, /Usage: skyql exec/);
  // flags before the command (StackQL's pflag forms) still name exec
  const json = await runCli(['-o=json', 'exec', 'SELECT 1 AS a']);
  assert.equal(json.stdout.trim(), '[{"a":1}]');
});
