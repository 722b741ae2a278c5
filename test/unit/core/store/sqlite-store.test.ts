import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';

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
  const r = store.query('SELECT b, j, n, s FROM t ORDER BY n');
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
    store.query(`SELECT split_part('a/b/c', '/', 2), split_part(split_part('x/zones/us-east1-b', '/', 3), '-', 2),
    regexp_like('abc', '^a.c$'), regexp_replace('a1b22', '[0-9]+', '#'), regexp_substr('id=42;', '[0-9]+'),
    json_equal('{"a":1,"b":[1,2]}', '{"b":[1,2],"a":1}'), json_equal('{"a":1}', '{"a":2}')`);
  assert.deepEqual(r.rows[0], ['b', 'east1', 1, 'a#b#', '42', 1, 0]);
});

test('SQL errors are LOCAL_SQL_ERROR with SQLite’s message', () => {
  assert.throws(
    () => store.query('SELECT nope FROM t'),
    (e: unknown) => isSkyqlError(e, 'LOCAL_SQL_ERROR') && /no such column: nope/.test(e.message),
  );
});
