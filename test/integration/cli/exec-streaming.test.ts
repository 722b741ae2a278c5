/**
 * `skyql exec` streams a SELECT's rows from SQLite to the output in batches (issue 13): the
 * output is the same in every format as when the result is read whole (a runner process, which
 * `--execution.timeout` uses, answers with the whole result), and a query failing part-way keeps
 * its error and exit code, with a note that the rows before it are incomplete.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const ROWS = 2500;
/** Several batches of rows with every kind of cell: text needing quotes, big integers, reals, JSON, NULL. */
const BIG = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS})
SELECT x, 'vm, "' || x || '"' AS name, x * 1000000000000000 AS big, x / 8.0 AS r,
  CASE WHEN x % 3 = 0 THEN NULL ELSE json_object('k', json_array(x, 'a b')) END AS j,
  json_extract('{"v": {"n": 1}}', '$.v') AS o
FROM c`;
const FAILING = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000)
SELECT x, CASE WHEN x < 2500 THEN 'ok' ELSE json_extract('bad', '$') END AS v FROM c;
SELECT 1 AS after`;

test('every format: streamed output equals the whole-result output of a runner process', async () => {
  for (const format of ['json', 'jsonl', 'csv', 'text', 'pptext', 'table']) {
    const streamed = await runCli(['exec', '-o', format, BIG]);
    const whole = await runCli(['exec', '-o', format, '--execution.timeout', '60', BIG]);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.equal(whole.code, 0, whole.stderr);
    assert.equal(streamed.stdout, whole.stdout, format);
    if (format === 'json') {
      const rows = JSON.parse(streamed.stdout) as Array<Record<string, unknown>>;
      assert.equal(rows.length, ROWS);
      assert.deepEqual(rows[1], {
        x: 2,
        name: 'vm, "2"',
        big: 2000000000000000,
        r: 0.25,
        j: '{"k":[2,"a b"]}',
        o: '{"n":1}',
      });
    }
    if (format === 'csv') assert.equal(streamed.stdout.split('\n').length, ROWS + 2);
  }
});

test('a query failing part-way: the rows so far, its error and a note, exit 1; the next statement runs', async () => {
  const r = await runCli(['exec', '-o', 'csv', FAILING]);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'x,v');
  assert.equal(lines[2000], '2000,ok'); // two batches of 1000 were written before the error
  assert.ok(r.stdout.endsWith('2000,ok\nafter\n1\n'), r.stdout.slice(-40));
  assert.equal(
    r.stderr,
    'SQL error: malformed JSON\nnote: the 2000 rows written before this error are an incomplete result\n',
  );
  const json = await runCli(['exec', '-o', 'json', FAILING]);
  assert.equal(json.code, 1);
  assert.ok(
    !json.stdout.startsWith('[{"x":1,"v":"ok"},') || !json.stdout.includes(']\n['),
    'never a closed array',
  );
  assert.throws(() => JSON.parse(json.stdout.slice(0, json.stdout.indexOf('[{"after"'))));
});

test('through a runner process (--execution.timeout) a failing query writes nothing, as before streaming', async () => {
  const r = await runCli(['exec', '-o', 'csv', '--execution.timeout', '60', FAILING]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'after\n1\n');
  assert.equal(r.stderr, 'SQL error: malformed JSON\n');
});

test('a query failing on its first rows writes nothing, and --outfile gets the streamed rows', async () => {
  const r = await runCli(['exec', '-o', 'json', "SELECT json_extract('bad', '$') AS v"]);
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'SQL error: malformed JSON\n']);
  const file = join(tempDir(), 'out.json');
  const toFile = await runCli(['exec', '-o', 'json', '-f', file, BIG]);
  assert.equal(toFile.code, 0, toFile.stderr);
  assert.equal(readFileSync(file, 'utf8'), (await runCli(['exec', '-o', 'json', BIG])).stdout);
});
