/**
 * How `skyql exec` reports usage mistakes and output failures: one line with what was wrong, a
 * hint, the documented exit code, and never a JavaScript stack trace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../../support/paths.js';
import { startPty } from '../../support/pty-process.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const STACK = /\n\s+at |node:events|Node\.js v/;

test('--outfile that is a folder or in a missing folder: a clear error, exit 2', async () => {
  const dir = tempDir();
  for (const target of [dir, join(dir, 'missing', 'out.txt')]) {
    const r = await runCli(['exec', '-f', target, 'SELECT 1 AS a']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /cannot write --outfile/);
    assert.doesNotMatch(r.stderr, STACK);
  }
});

test('exec with no query reads stdin (several statements); with none there, exit 2 in one line', async () => {
  const piped = await runCli(['exec', '-o', 'csv'], {}, 'SELECT 7 AS a;\nSELECT 8 AS b;\n');
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(piped.stdout, 'a\n7\nb\n8\n');
  const none = await runCli(['exec'], {}, '-- nothing\n/* here */ ;\n');
  assert.deepEqual([none.code, none.stdout], [2, '']);
  assert.match(none.stderr, /^no statements to run: no query argument and stdin held none\nhint: /);
  assert.doesNotMatch(none.stderr, /Usage:/);
  const explicit = await runCli(['exec', '-o', 'csv', '-i', '-'], {}, 'SELECT 7 AS a;');
  assert.equal(explicit.code, 0, explicit.stderr);
  assert.equal(explicit.stdout, 'a\n7\n');
});

test('exec with nothing to run on a terminal prints help (as StackQL); an empty or comment-only file does nothing', async () => {
  const tty = startPty(['exec']);
  assert.equal(await tty.exited, 0);
  assert.match(tty.screen(), /Usage: skyql exec/);
  const dir = tempDir();
  const empty = join(dir, 'empty.sql');
  const comments = join(dir, 'comments.sql');
  writeFileSync(empty, '');
  writeFileSync(comments, '-- nothing\n/* here */\n');
  for (const f of [empty, comments]) {
    const r = await runCli(['exec', '-i', f]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  }
});

test('pflag forms: -o=csv, -H=false, -d=;, flags before the command and after the query', async () => {
  // --tls.allowInsecure is a boolean: it must not take the query as its value
  const r = await runCli([
    '-o=csv',
    'exec',
    '-H=false',
    '--tls.allowInsecure',
    'SELECT 1 AS a, 2 AS b',
    '-d=;',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a;b\n1;2\n');
  assert.equal(r.stderr, '');
});

test('-H false (a switch with a spaced value): the stray word is named and -H=false suggested; exit 2', async () => {
  const r = await runCli(['exec', '-o', 'text', '-H', 'false', 'SELECT 1 AS a']);
  assert.deepEqual([r.code, r.stdout], [2, '']);
  assert.equal(
    r.stderr,
    "too many arguments: 'false' after -H is an extra argument ('exec' takes 1 argument)\nhint: a switch takes true or false only after '=': write -H=false\n",
  );
  const two = await runCli(['exec', 'SELECT 1 AS a', 'SELECT 2 AS b']);
  assert.equal(two.code, 2);
  assert.match(
    two.stderr,
    /^too many arguments: 'SELECT 2 AS b' is an extra argument \('exec' takes 1 argument\)\nhint: give the statements as one quoted argument/,
  );
});

test("-d '\\t' means a tab", async () => {
  const r = await runCli(['exec', '-o', 'csv', '-d', '\\t', 'SELECT 1 AS a, 2 AS b']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a\tb\n1\t2\n');
});

test('SHOW ... WHERE with a bad expression says the WHERE is invalid, names the columns', async () => {
  // both statements in one run: a failing statement does not stop the next
  const r = await runCli([
    'exec',
    "SHOW SERVICES IN google WHERE nme = 'x'; SHOW PROVIDERS WHERE __skyql_metadata.x = 1",
  ]);
  assert.equal(r.code, 1);
  const [bad, internal] = r.stderr.split(/\n(?=invalid WHERE)/);
  assert.match(bad, /^invalid WHERE/);
  assert.match(bad, /hint: .*\bname\b/);
  assert.match(internal, /^invalid WHERE/, r.stderr);
  assert.doesNotMatch(internal, /__skyql_metadata/);
});

test('output piped to a reader that closes early (head): no stack trace', async () => {
  // 0.6 MB of jsonl, many times what a pipe holds: most writes come after the reader has gone
  const sql = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<50000) SELECT x FROM c';
  const child = spawn(process.execPath, [SKYQL_BIN, 'exec', '-o', 'jsonl', sql], {
    env: { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((done) => child.on('close', done));
  assert.doesNotMatch(stderr, STACK);
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('docs of an unknown provider or service says so before asking for --out', async () => {
  const r = await runCli(['docs', 'google.nosuchservice']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /service 'google.nosuchservice' not found/);
});

test('1,000 nested subqueries, or views nesting past the limit: a clear nesting error, not a stack overflow', async () => {
  const dir = tempDir();
  const nest = (n: number, inner: string) => {
    let q = inner;
    for (let i = 0; i < n; i++) q = `SELECT * FROM (${q})`;
    return q;
  };
  // one run: a statement nesting too deep, then views nesting past the limit, then one within it
  const script = join(dir, 'nested.sql');
  writeFileSync(
    script,
    [
      nest(1000, 'SELECT 1 AS one'),
      `CREATE VIEW v1 AS ${nest(150, 'SELECT 1 AS one')}`,
      `CREATE VIEW v2 AS ${nest(150, 'SELECT * FROM v1')}`,
      'SELECT * FROM v2',
      nest(150, 'SELECT 1 AS one'),
    ].join(';\n'),
  );
  const r = await runCli(['exec', '-o', 'csv', '-i', script]);
  assert.equal(r.code, 1, r.stderr);
  const [deep, views] = r.stderr.split(/\n(?=statement nests)/);
  assert.match(deep, /^statement nests parentheses \(subqueries, expressions\) more than 200 deep/);
  assert.match(deep, /hint: flatten it/);
  assert.match(views, /^statement nests .* more than 200 deep/, r.stderr);
  assert.doesNotMatch(r.stderr, /Maximum call stack|INTERNAL/);
  assert.doesNotMatch(r.stderr, STACK);
  assert.equal(r.stdout, 'one\n1\n', 'the statement within the limit ran');
});
