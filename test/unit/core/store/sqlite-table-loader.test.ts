import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Cell } from '../../../../src/base/result/result-set.js';
import { PLACEHOLDER_COLUMN } from '../../../../src/core/store/sqlite-schema.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';

const store = new SqliteStore();
after(() => store.close());

const cols = [
  { name: 'n', type: 'integer' as const },
  { name: 's', type: 'text' as const },
  { name: 'b', type: 'boolean' as const },
];
const page = (from: number, count: number, tag: string): Cell[][] =>
  Array.from({ length: count }, (_, k) => [from + k, `${tag}-${from + k}`, (from + k) % 2 === 0]);

test('pages go in through multi-row INSERTs prepared once: every row, in order, whatever the page size', async () => {
  const loader = store.openLoader('t_batches', cols);
  // 1000 values per INSERT at most: 3 columns → 100 rows per statement, plus one for each remainder size
  for (let p = 0; p < 20; p++) await loader.append(0, page(p * 250, 250, 'a'));
  await loader.append(0, page(5000, 7, 'a')); // less than a batch: buffered until more come or the close
  assert.equal(loader.preparedCount, 2, 'INSERTs of 100 and 50 rows (250-row pages)');
  await loader.finishBranch(0);
  await loader.close();
  const r = store.readSync('SELECT count(*), min(n), max(n), sum(b) FROM t_batches');
  assert.deepEqual(r.rows, [[5007, 0, 5006, 2504]]);
  const order = store.readSync('SELECT n FROM t_batches ORDER BY rowid LIMIT 3 OFFSET 249');
  assert.deepEqual(order.rows, [[249], [250], [251]]);
});

test('discarding a branch removes exactly its rows, its pages interleaved with other branches', async () => {
  const loader = store.openLoader('t_branches', cols);
  await loader.append(1, page(0, 3, 'one'));
  await loader.append(2, page(100, 2, 'two'));
  await loader.append(1, page(3, 3, 'one'));
  await loader.append(3, page(200, 4, 'three'));
  await loader.append(2, page(102, 2, 'two'));
  await loader.finishBranch(1);
  await loader.discardBranch(2); // failed on its third page: its first two go
  await loader.append(3, page(204, 1, 'three'));
  await loader.finishBranch(3);
  await loader.close();
  const r = store.readSync('SELECT s FROM t_branches ORDER BY n');
  assert.deepEqual(
    r.rows.map((x) => x[0]),
    [
      'one-0',
      'one-1',
      'one-2',
      'one-3',
      'one-4',
      'one-5',
      'three-200',
      'three-201',
      'three-202',
      'three-203',
      'three-204',
    ],
  );
});

test('a branch discarded after the last rows were inserted leaves the others, and rowids reused later stay apart', async () => {
  const loader = store.openLoader('t_tail', cols);
  await loader.append(1, page(0, 2, 'keep'));
  await loader.append(2, page(10, 2, 'drop')); // the highest rowids
  await loader.discardBranch(2);
  await loader.append(3, page(20, 2, 'late')); // may reuse the rowids just freed
  await loader.discardBranch(3);
  await loader.finishBranch(1);
  await loader.close();
  assert.deepEqual(store.readSync('SELECT s FROM t_tail ORDER BY n').rows, [['keep-0'], ['keep-1']]);
});

test('a table without columns gets a placeholder column, so COUNT(*) still counts its rows', async () => {
  const loader = store.openLoader('t_empty', []);
  await loader.append(0, [[], [], []]);
  await loader.close();
  assert.deepEqual(store.readSync('SELECT count(*) FROM t_empty').rows, [[3]]);
  assert.deepEqual(
    (await store.tableColumns('t_empty')).map((c) => c.name),
    [PLACEHOLDER_COLUMN],
  );
});

test('opening a loader replaces a table of that name', async () => {
  store.load('t_again', cols, page(0, 5, 'old'));
  const loader = store.openLoader('t_again', cols);
  await loader.append(0, page(0, 1, 'new'));
  await loader.close();
  assert.deepEqual(store.readSync('SELECT s FROM t_again').rows, [['new-0']]);
});

test('small pages of many branches are written together; a discarded branch loses its written and its buffered rows', async () => {
  const loader = store.openLoader('t_small', cols);
  // 3 columns → batches of 100 rows: 3-row pages of 80 branches cross two flushes
  for (let round = 0; round < 2; round++)
    for (let b = 0; b < 40; b++) await loader.append(b, page(b * 10 + round * 3, 3, `b${b}`));
  // branch 5's first page went out with the first flush, its second is still buffered
  await loader.discardBranch(5);
  for (let b = 0; b < 40; b++) if (b !== 5) await loader.finishBranch(b);
  await loader.close();
  const r = store.readSync("SELECT count(*), count(DISTINCT n), sum(s LIKE 'b5-%') FROM t_small");
  assert.deepEqual(r.rows, [[39 * 6, 39 * 6, 0]]);
});
