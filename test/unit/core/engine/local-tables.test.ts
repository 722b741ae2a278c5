import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import type { ResultSet } from '../../../../src/base/result/result-set.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

const session = createSession({ registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT) });
after(() => session.close());

/** Runs a script; throws the first error; returns the last result. */
async function run(script: string): Promise<ResultSet | undefined> {
  let last: ResultSet | undefined;
  for await (const o of session.run(script)) {
    if (!o.ok) throw o.error;
    last = o.result;
  }
  return last;
}

const rows = async (sql: string) => (await run(sql))?.rows;
const code = (c: string) => (e: Error & { code?: string }) => e.code === c;

test('INSERT, UPDATE and DELETE on local tables, with conflict clauses, FROM, ORDER BY and LIMIT', async () => {
  await run(`CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER DEFAULT 0);
    INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c');
    INSERT INTO t (id, name) SELECT 4, upper('d');
    INSERT OR IGNORE INTO t (id, name) VALUES (1, 'dup');
    REPLACE INTO t (id, name, n) VALUES (2, 'B', 7)`);
  assert.deepEqual(await rows('SELECT id, name, n FROM t ORDER BY id'), [
    [1, 'a', 0],
    [2, 'B', 7],
    [3, 'c', 0],
    [4, 'D', 0],
  ]);
  await run(`CREATE TABLE bonus (name TEXT, amount INTEGER);
    INSERT INTO bonus VALUES ('a', 5), ('c', 6);
    UPDATE t AS x SET n = x.n + b.amount, name = b.name || '!' FROM bonus b WHERE b.name = x.name;
    UPDATE t SET n = n + 100 WHERE id > 1 ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(await rows('SELECT id, name, n FROM t ORDER BY id'), [
    [1, 'a!', 5],
    [2, 'B', 7],
    [3, 'c!', 6],
    [4, 'D', 100],
  ]);
  await run('DELETE FROM t WHERE n < 7 ORDER BY id LIMIT 1; DELETE FROM bonus');
  assert.deepEqual(await rows('SELECT id FROM t ORDER BY id'), [[2], [3], [4]]);
  assert.deepEqual(await rows('SELECT count(*) FROM bonus'), [[0]]);
  await run('INSERT INTO bonus DEFAULT VALUES; DROP TABLE bonus; DROP TABLE IF EXISTS bonus');
});

test('a failing change leaves the table as it was (statements stay atomic)', async () => {
  await run(
    "CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO u VALUES (1, 'x'), (2, 'y')",
  );
  await assert.rejects(run("INSERT INTO u VALUES (3, 'z'), (1, 'again')"), code('LOCAL_SQL_ERROR'));
  await assert.rejects(run('UPDATE u SET v = NULL WHERE id = 2'), /NOT NULL/);
  assert.deepEqual(await rows('SELECT id, v FROM u ORDER BY id'), [
    [1, 'x'],
    [2, 'y'],
  ]);
});

test('clauses local tables do not take, and reserved names, are refused clearly', async () => {
  await run('CREATE TABLE r (a INTEGER)');
  await assert.rejects(run('INSERT INTO r VALUES (1) RETURNING a'), code('UNSUPPORTED_STATEMENT'));
  await assert.rejects(run('DELETE FROM r RETURNING *'), code('UNSUPPORTED_STATEMENT'));
  await assert.rejects(run('INSERT INTO r VALUES (1) ON CONFLICT DO NOTHING'), code('UNSUPPORTED_STATEMENT'));
  await assert.rejects(run('UPDATE r SET (a) = (1)'), code('UNSUPPORTED_STATEMENT'));
  await assert.rejects(run('CREATE TABLE w (a) WITHOUT ROWID'), code('UNSUPPORTED_STATEMENT'));
  await assert.rejects(run('CREATE TABLE d AS SELECT 1 AS a, 2 AS a'), code('LOCAL_SQL_ERROR'));
  for (const sql of [
    "INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(a)')",
    "UPDATE sqlite_schema SET sql = ''",
    'DELETE FROM sqlite_master',
    'DROP TABLE sqlite_master',
    'CREATE TABLE __skyql_x (a)',
  ])
    await assert.rejects(run(sql), code('FORBIDDEN_SQL'), sql);
});

test('user expressions in local DML run read-only: a write hidden in them is refused', async () => {
  await run('CREATE TABLE h (a INTEGER); INSERT INTO h VALUES (1)');
  await assert.rejects(
    run('UPDATE h SET a = 2 WHERE a IN (WITH x AS (SELECT 1) DELETE FROM h RETURNING a)'),
    (e: Error & { code?: string }) => e.code === 'LOCAL_SQL_ERROR' || e.code === 'FORBIDDEN_SQL',
  );
  await assert.rejects(run("UPDATE h SET a = load_extension('x')"), code('FORBIDDEN_SQL'));
  assert.deepEqual(await rows('SELECT a FROM h'), [[1]]);
});
