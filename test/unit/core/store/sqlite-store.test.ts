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

test('load keeps column types: booleans, json text that looks numeric, big integers', () => {
  store.load(
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
  const r = store.read('SELECT b, j, n, s FROM t ORDER BY n');
  assert.deepEqual(
    r.columns.map((c) => c.type),
    ['boolean', 'json', 'integer', 'text'],
  );
  assert.deepEqual(r.rows[0], [false, '{"a":1}', 1, null]);
  assert.equal(r.rows[1][1], '123', 'json text is not turned into a number');
  assert.equal(r.rows[1][3], '007');
  assert.equal(r.rows[1][2], 9007199254740993n, '64-bit integers stay exact');
});

test("StackQL's extra functions", () => {
  const r =
    store.read(`SELECT split_part('a/b/c', '/', 2), split_part(split_part('x/zones/us-east1-b', '/', 3), '-', 2),
    regexp_like('abc', '^a.c$'), regexp_replace('a1b22', '[0-9]+', '#'), regexp_substr('id=42;', '[0-9]+'),
    json_equal('{"a":1,"b":[1,2]}', '{"b":[1,2],"a":1}'), json_equal('{"a":1}', '{"a":2}')`);
  assert.deepEqual(r.rows[0], ['b', 'east1', 1, 'a#b#', '42', 1, 0]);
});

test('SQL errors are LOCAL_SQL_ERROR with SQLite’s message', () => {
  assert.throws(
    () => store.read('SELECT nope FROM t'),
    (e: unknown) => isSkyqlError(e, 'LOCAL_SQL_ERROR') && /no such column: nope/.test(e.message),
  );
});

test('the store is a file in a private folder, removed on close', () => {
  const s = new SqliteStore();
  s.load('x', [{ name: 'a', type: 'integer' }], [[1]]);
  const dir = dirname(s.file);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.ok(dir.startsWith(tmpdir()));
  s.close();
  assert.equal(existsSync(dir), false);
});

test('user SQL that passes the token guard but writes is refused by the prepared-statement check', () => {
  store.load('w', [{ name: 'a', type: 'integer' }], [[1]]);
  for (const sql of [
    'WITH x AS (SELECT 2) INSERT INTO w SELECT * FROM x RETURNING *',
    'WITH x AS (SELECT 2) DELETE FROM w RETURNING a',
  ])
    assert.throws(
      () => store.read(sql),
      (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL'),
      sql,
    );
  assert.deepEqual(store.read('SELECT a FROM w').rows, [[1]]);
});

test('the reader connection cannot create files: ATTACH of a new file fails on it', () => {
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

test('column definitions of CREATE TABLE stay inside their parentheses', () => {
  assert.throws(
    () =>
      store.createTable('c', "a); ATTACH 'x.db' AS y; CREATE TABLE u (b", {
        ifNotExists: false,
        strict: false,
      }),
    (e: unknown) => isSkyqlError(e, 'PARSE_ERROR'),
  );
  assert.throws(
    () => store.createTable('c', 'a DEFAULT (load_extension(1))', { ifNotExists: false, strict: false }),
    (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL'),
  );
  store.createTable('c', "a INTEGER NOT NULL, b TEXT DEFAULT 'x)'", { ifNotExists: false, strict: false });
  assert.deepEqual(
    store.tableColumns('c').map((c) => c.name),
    ['a', 'b'],
  );
});

test('system tables are reserved, and left out of the user’s tables', () => {
  store.putSystemTables([{ name: 'pg_demo', columns: [{ name: 'x', type: 'text' }], rows: [['v']] }]);
  assert.ok(
    store.isReserved('PG_DEMO') && store.isReserved('sqlite_master') && store.isReserved('__skyql_x'),
  );
  assert.ok(!store.userTableNames().includes('pg_demo'));
  assert.deepEqual(store.read('SELECT x FROM pg_demo').rows, [['v']]);
});
