import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURE_APPROOT, REPO_ROOT } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const BUILD_ID = readFileSync(join(REPO_ROOT, 'dist', 'build-id'), 'utf8').trim();

test('exec keeps a V8 code cache in the app root, keyed by build, private, grown over its first runs, remade when rejected', async () => {
  const approot = tempDir();
  // the fixture's providers, so the first run does not pull Google (the cache is what is tested)
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const sql = 'DESCRIBE google.compute.instances';
  const dir = join(approot, 'cache', 'code');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'skyql-0000-v0.0.0-x64.v8'), 'an older build');
  const first = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(first.code, 0, first.stderr);
  const [file, ...others] = readdirSync(dir);
  assert.deepEqual(others, [], 'older builds’ caches are removed');
  assert.match(
    file,
    new RegExp(`^skyql-${BUILD_ID}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`),
  );
  const path = join(dir, file);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(readFileSync(path)[0], 1, 'first generation');
  // accepted: the same answers; the next runs add what they compiled (a SELECT here), then it stays
  const select = await runCli(['exec', '--approot', approot, 'SELECT 1 AS a']);
  assert.equal(select.stdout.includes('| a |'), true, select.stdout);
  for (let g = 3; g <= 4; g++)
    assert.equal((await runCli(['exec', '--approot', approot, sql])).stdout, first.stdout);
  assert.equal(readFileSync(path)[0], 4);
  const made = statSync(path).mtimeMs;
  const fifth = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(fifth.stdout, first.stdout);
  assert.equal(statSync(path).mtimeMs, made, 'after four runs the cache is only read');
  // garbage is rejected by V8: still the same answer, and the cache is made again
  writeFileSync(path, Buffer.alloc(4096, 7));
  const third = await runCli(['exec', '--approot', approot, sql]);
  assert.equal(third.stdout, first.stdout);
  assert.notDeepEqual(readFileSync(path).subarray(0, 64), Buffer.alloc(64, 7));
  assert.equal(readFileSync(path)[0], 1, 'made again: first generation');
  // V8 runs what a cache holds: one that others may write, or another user's, is not used (made again)
  if (process.platform !== 'win32') {
    assert.equal((await runCli(['exec', '--approot', approot, sql])).stdout, first.stdout);
    assert.equal(readFileSync(path)[0], 2, 'a trusted cache is used and grown');
    chmodSync(path, 0o622);
    assert.equal((await runCli(['exec', '--approot', approot, sql])).stdout, first.stdout);
    assert.equal(readFileSync(path)[0], 1, 'a cache others may write is made again');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    if (process.getuid?.() === 0) {
      chownSync(path, 4242, 4242);
      assert.equal((await runCli(['exec', '--approot', approot, sql])).stdout, first.stdout);
      assert.equal(statSync(path).uid, 0, "another user's cache is made again, as this user's");
      assert.equal(readFileSync(path)[0], 1);
    }
  }
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

/** Runs `exec` through a shell pipeline `| <reader>` (a reader that stops early closes the pipe). */
function execPiped(approot: string, sql: string, reader: string, env: Record<string, string> = {}): string {
  return execFileSync(
    'sh',
    ['-c', `"$NODE" "$SKYQL" exec --approot "$APPROOT" -o csv "$SQL" | ${reader}; echo "exit $?"`],
    {
      env: {
        ...process.env,
        NODE: process.execPath,
        SKYQL: join(REPO_ROOT, 'bin', 'skyql'),
        APPROOT: approot,
        SQL: sql,
        ...env,
      },
      encoding: 'utf8',
    },
  );
}

test('a streaming run that changed the heap flags leaves a cache the next run accepts, even cut short by a closed pipe', async () => {
  const approot = tempDir();
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const dir = join(approot, 'cache', 'code');
  // SKYQL_HEAP_TIGHTEN_AFTER_MS=0: the flags change at once (100 ms after the start otherwise)
  const tightened = { SKYQL_HEAP_TIGHTEN_AFTER_MS: '0' };
  const run = () => runCli(['exec', '--approot', approot, '-o', 'csv', 'SELECT 1 AS a'], tightened);
  assert.equal((await run()).stdout.trim(), 'a\n1');
  const path = join(dir, readdirSync(dir).find((n) => n.endsWith('.v8')) ?? '');
  assert.equal(readFileSync(path)[0], 1, 'first generation');
  // V8 keys the cache by its flags: made while they were changed, it would be rejected and made
  // again as a first generation at every run
  await run();
  assert.equal(readFileSync(path)[0], 2, 'accepted, then grown');
  // a reader that stops early: exec exits at the closed pipe, before its statements' end puts the
  // flags back; the launcher does it before making the cache
  const many =
    'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 2000000) SELECT n FROM t';
  assert.match(execPiped(approot, many, 'head -c 100000 > /dev/null', tightened), /^exit 0$/m);
  assert.equal(readFileSync(path)[0], 3, 'accepted, then grown');
  await run();
  assert.equal(readFileSync(path)[0], 4, 'the cache made after the closed pipe was accepted');
});

test('a code cache far larger than the bundle is not read (junk, a sparse file): it is made again', async () => {
  const approot = tempDir();
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const dir = join(approot, 'cache', 'code');
  const run = async () => {
    const r = await runCli(['exec', '--approot', approot, '-o', 'csv', 'SELECT 1 AS a']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'a\n1\n');
  };
  await run();
  const path = join(dir, readdirSync(dir).find((n) => n.endsWith('.v8')) ?? '');
  const size = statSync(path).size;
  // 5 GiB: more than a Buffer holds, so reading it would fail every run; 64 MiB: 20 s of reading junk
  for (const bytes of [5 * 1024 ** 3, 64 * 1024 ** 2]) {
    execFileSync('truncate', ['-s', String(bytes), path]);
    await run();
    assert.ok(statSync(path).size < 2 * size, `made again in place of ${bytes} bytes`);
    assert.equal(readFileSync(path)[0], 1, 'a first generation');
  }
});

test('a damaged or empty exec bundle falls back to the full CLI, which answers', async () => {
  const copy = tempDir();
  for (const dir of ['bin', 'dist']) execFileSync('cp', ['-a', join(REPO_ROOT, dir), join(copy, dir)]);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
  writeFileSync(join(copy, 'package.json'), readFileSync(join(REPO_ROOT, 'package.json')));
  const bundle = join(copy, 'dist', 'skyql.cjs');
  const whole = readFileSync(bundle);
  const approot = tempDir();
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const run = () =>
    execFileSync(
      process.execPath,
      [join(copy, 'bin', 'skyql'), 'exec', '--approot', approot, '-o', 'csv', 'SELECT 1 AS a'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
  for (const damaged of [whole.subarray(0, whole.length >> 1), Buffer.alloc(0)]) {
    writeFileSync(bundle, damaged);
    assert.equal(run(), 'a\n1\n');
  }
  rmSync(bundle);
  execFileSync('mkfifo', [bundle]); // a FIFO: not opened for reading
  assert.equal(run(), 'a\n1\n');
});

test('after its first runs the cache is made again only when a run compiled code it lacks (a SELECT after DESCRIBEs)', async () => {
  const approot = tempDir();
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const dir = join(approot, 'cache', 'code');
  const describe = () => runCli(['exec', '--approot', approot, 'DESCRIBE google.compute.instances']);
  for (let i = 0; i < 5; i++) assert.equal((await describe()).code, 0);
  const path = join(dir, readdirSync(dir).find((n) => n.endsWith('.v8')) ?? '');
  assert.equal(readFileSync(path)[0], 4, 'four rewrites, then only read');
  const select = () => runCli(['exec', '--approot', approot, 'SELECT 1 AS a']);
  // the growth check walks the heap, so it is made at most once a minute (<cache>.checked says when)
  assert.equal((await select()).code, 0);
  assert.equal(readFileSync(path)[0], 4, 'checked less than a minute ago: not measured');
  const checked = `${path}.checked`;
  const aMinuteAgo = () => utimesSync(checked, new Date(), new Date(Date.now() - 61_000));
  aMinuteAgo();
  assert.equal((await select()).code, 0);
  assert.equal(readFileSync(path)[0], 5, 'a SELECT compiles code the DESCRIBEs did not: made again');
  aMinuteAgo();
  const made = statSync(path).mtimeMs;
  assert.equal((await select()).code, 0);
  assert.ok(Date.now() - statSync(checked).mtimeMs < 30_000, 'checked now');
  aMinuteAgo();
  assert.equal((await describe()).code, 0);
  assert.equal(statSync(path).mtimeMs, made, 'work it has seen: only read');
});

test('the code cache is left alone in folders others may write, never written through links, and a FIFO does not hang exec', {
  skip: process.platform === 'win32' && 'POSIX owners and modes',
}, async () => {
  const approot = tempDir();
  symlinkSync(join(FIXTURE_APPROOT, 'src'), join(approot, 'src'));
  const dir = join(approot, 'cache', 'code');
  const name = `skyql-${BUILD_ID}-${process.version}-${process.arch}.v8`;
  const run = async () => {
    const r = await runCli(['exec', '--approot', approot, '-o', 'csv', 'SELECT 1 AS a']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'a\n1\n');
  };
  // a folder others may write: no cache read or written there
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o777);
  await run();
  assert.deepEqual(readdirSync(dir), []);
  chmodSync(dir, 0o700);
  // a FIFO where the cache goes: exec does not block on it
  execFileSync('mkfifo', [join(dir, name)]);
  await run();
  rmSync(join(dir, name), { force: true });
  // links planted where the cache and its check stamp go are replaced, their targets untouched
  const victim = join(approot, 'victim.txt');
  writeFileSync(victim, 'keep me');
  await run();
  const cache = join(dir, name);
  rmSync(cache);
  symlinkSync(victim, cache);
  await run();
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  assert.ok(lstatSync(cache).isFile(), 'a file of its own in place of the link');
  for (let i = 0; i < 4; i++) await run(); // past the first runs, the growth check writes <cache>.checked
  rmSync(`${cache}.checked`, { force: true });
  symlinkSync(victim, `${cache}.checked`);
  lutimesSync(`${cache}.checked`, new Date(0), new Date(0)); // the last check long ago: one is due
  await run();
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  assert.ok(lstatSync(`${cache}.checked`).isFile(), 'the stamp is a file of its own');
  // an app root anyone may write, or another user's (as git's "dubious ownership"): refused, nothing made
  const open = tempDir();
  chmodSync(open, 0o777);
  const refused = await runCli(['exec', '--approot', open, 'SELECT 1 AS a']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /app root .* may be written by anyone \(mode 777\)/);
  assert.match(refused.stderr, /hint: .*use a folder of your own/);
  assert.deepEqual(readdirSync(open), []);
  if (process.getuid?.() === 0) {
    const theirs = tempDir();
    chownSync(theirs, 4242, 4242);
    const r = await runCli(['exec', '--approot', theirs, 'SELECT 1 AS a']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /belongs to another user \(uid 4242\), not to this one \(uid 0\)/);
    assert.deepEqual(readdirSync(theirs), [], 'nothing made in their app root');
  }
});
