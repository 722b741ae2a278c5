import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { ResultSet } from '../../../../src/base/result/result-set.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';

const store = new SqliteStore();
after(() => store.close());

const rowsOf = (...names: string[]): ResultSet => ({
  columns: [{ name: 'name', type: 'text' }],
  rows: names.map((n) => [n]),
});
const shard = (value: string, createMissing = false) => ({ column: '_shard', value, createMissing });
const content = () =>
  store.readSync('SELECT name, _shard FROM inv ORDER BY _shard, name').rows.map((r) => r.join('@'));

test("one shard's rows replace only that shard's earlier rows", async () => {
  await store.createTable('inv', 'name TEXT NOT NULL, _shard TEXT', { ifNotExists: false, strict: false });
  assert.equal(await store.replaceShardRows('inv', undefined, rowsOf('a', 'b'), shard('0/2')), 2);
  assert.equal(await store.replaceShardRows('inv', undefined, rowsOf('c'), shard('1/2')), 1);
  assert.equal(await store.replaceShardRows('inv', ['name'], rowsOf('d'), shard('0/2')), 1);
  assert.deepEqual(content(), ['d@0/2', 'c@1/2']);
});

test('a failed write leaves the shard as it was (one transaction)', async () => {
  const before = content();
  await assert.rejects(
    store.replaceShardRows('inv', undefined, rowsOf('e', null as unknown as string), shard('0/2')),
    (e) => isSkyqlError(e) && e.code === 'LOCAL_SQL_ERROR' && /NOT NULL/.test(e.message),
  );
  assert.deepEqual(content(), before);
});

test("createMissing makes the table from the rows' columns and the shard column", async () => {
  await store.replaceShardRows('made', undefined, rowsOf('x'), shard('2/3', true));
  assert.deepEqual(
    (await store.tableColumns('made')).map((c) => `${c.name}:${c.type}`),
    ['name:text', '_shard:text'],
  );
  await store.replaceShardRows('made', undefined, rowsOf('y'), shard('2/3', true));
  assert.deepEqual(store.readSync('SELECT name, _shard FROM made').rows, [['y', '2/3']]);
});
