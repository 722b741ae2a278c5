import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { sqliteDriver } from '../../../../src/core/store/sqlite-driver.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { tempDir } from '../../../support/temp-dir.js';

const store = new SqliteStore();
after(() => store.close());

test('load keeps column types: booleans, json text that looks numeric, big integers', async () => {
  await store.load(
    't',
    [
      { name: 'b', type: 'boolean' },
      { name: 'j', type: 'json' },
      { name: 'n', type: 'integer' },
      { name: 's', type: 'text' },
    ],
    [
      [true, '123', 9007199254740993n, '007'],
      [false, '{"a":1}', 1, null],
    ],
  );
  const r = store.readSync('SELECT b, j, n, s FROM t ORDER BY n');
  assert.deepEqual(
    r.columns.map((c) => c.type),
    ['boolean', 'json', 'integer', 'text'],
  );
  assert.deepEqual(r.rows[0], [false, '{"a":1}', 1, null]);
  assert.equal(r.rows[1][1], '123', 'json text is not turned into a number');
  assert.equal(r.rows[1][3], '007');
  assert.equal(r.rows[1][2], 9007199254740993n, '64-bit integers stay exact');
});

test("StackQL's extra functions", async () => {
  const r =
    store.readSync(`SELECT split_part('a/b/c', '/', 2), split_part(split_part('x/zones/us-east1-b', '/', 3), '-', 2),
    regexp_like('abc', '^a.c$'), regexp_replace('a1b22', '[0-9]+', '#'), regexp_substr('id=42;', '[0-9]+'),
    json_equal('{"a":1,"b":[1,2]}', '{"b":[1,2],"a":1}'), json_equal('{"a":1}', '{"a":2}')`);
  assert.deepEqual(r.rows[0], ['b', 'east1', 1, 'a#b#', '42', 1, 0]);
});

test('SQL errors are LOCAL_SQL_ERROR with SQLite’s message', async () => {
  assert.throws(
    () => store.readSync('SELECT nope FROM t'),
    (e: unknown) => isSkyqlError(e, 'LOCAL_SQL_ERROR') && /no such column: nope/.test(e.message),
  );
});

test('the store is a file in a private folder, removed on close', async () => {
  const s = new SqliteStore();
  await s.load('x', [{ name: 'a', type: 'integer' }], [[1]]);
  const dir = dirname(s.file);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.ok(dir.startsWith(tmpdir()));
  await s.close();
  assert.equal(existsSync(dir), false);
});

test('user SQL that passes the token guard but writes is refused by the prepared-statement check', async () => {
  await store.load('w', [{ name: 'a', type: 'integer' }], [[1]]);
  for (const sql of [
    'WITH x AS (SELECT 2) INSERT INTO w SELECT * FROM x RETURNING *',
    'WITH x AS (SELECT 2) DELETE FROM w RETURNING a',
  ])
    assert.throws(
      () => store.readSync(sql),
      (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL'),
      sql,
    );
  assert.deepEqual(store.readSync('SELECT a FROM w').rows, [[1]]);
});

test('the reader connection cannot create files: ATTACH of a new file fails on it', async () => {
  const dir = tempDir();
  const reader = new (sqliteDriver())(store.file, { readonly: true, fileMustExist: true });
  try {
    assert.throws(() => reader.exec(`ATTACH '${join(dir, 'new.db')}' AS n`));
    assert.throws(() => reader.exec('CREATE TABLE z (a)'), /readonly/);
  } finally {
    reader.close();
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('column definitions of CREATE TABLE stay inside their parentheses', async () => {
  await assert.rejects(
    () =>
      store.createTable('c', "a); ATTACH 'x.db' AS y; CREATE TABLE u (b", {
        ifNotExists: false,
        strict: false,
      }),
    (e: unknown) => isSkyqlError(e, 'PARSE_ERROR'),
  );
  await assert.rejects(
    () => store.createTable('c', 'a DEFAULT (load_extension(1))', { ifNotExists: false, strict: false }),
    (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL'),
  );
  await store.createTable('c', "a INTEGER NOT NULL, b TEXT DEFAULT 'x)'", {
    ifNotExists: false,
    strict: false,
  });
  assert.deepEqual(
    (await store.tableColumns('c')).map((c) => c.name),
    ['a', 'b'],
  );
});

test('system tables are reserved, and left out of the user’s tables', async () => {
  await store.putSystemTables([{ name: 'pg_demo', columns: [{ name: 'x', type: 'text' }], rows: [['v']] }]);
  assert.ok(
    store.isReserved('PG_DEMO') && store.isReserved('sqlite_master') && store.isReserved('__skyql_x'),
  );
  assert.ok(!(await store.userTableNames()).includes('pg_demo'));
  assert.deepEqual(store.readSync('SELECT x FROM pg_demo').rows, [['v']]);
});
