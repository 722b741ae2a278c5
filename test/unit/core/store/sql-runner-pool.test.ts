import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { SqlRunnerPool } from '../../../../src/core/store/sql-runner-pool.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';

const store = new SqliteStore();
const pool = new SqlRunnerPool({ maxIdle: 1 });
after(async () => {
  await pool.close();
  store.close();
});
store.load(
  't',
  [
    { name: 'b', type: 'boolean' },
    { name: 'n', type: 'integer' },
    { name: 's', type: 'text' },
  ],
  [[true, 9007199254740993n, 'abc']],
);

/** Counts to a few hundred million: seconds of SQLite work that nothing but a kill can stop. */
const LONG =
  'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000) SELECT count(*) FROM c';

test('a runner answers with typed rows, sees later writes, and calls the functions it was given', async () => {
  const r = await pool.read(store.readTarget(), "SELECT b, n, s, split_part('a/b', '/', 2) AS p FROM t");
  assert.deepEqual(r.rows, [[true, 9007199254740993n, 'abc', 'b']]);
  assert.deepEqual(
    r.columns.map((c) => c.type),
    ['boolean', 'integer', 'text', 'text'],
  );
  store.load('later', [{ name: 'x', type: 'text' }], [['new']]);
  store.addFunctions({
    constants: { answer: 42 },
    lookups: { pick: { values: { a: 'A' }, otherwise: '?' } },
  });
  const again = await pool.read(store.readTarget(), "SELECT x, answer(), pick('a'), pick('z') FROM later");
  assert.deepEqual(again.rows, [['new', 42, 'A', '?']]);
});

test('the runner applies the same checks as the store', async () => {
  for (const sql of [
    "ATTACH '/tmp/x.db' AS x",
    'DROP TABLE t',
    'WITH x AS (SELECT 1) DELETE FROM t RETURNING *',
  ])
    await assert.rejects(
      pool.read(store.readTarget(), sql),
      (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL'),
      sql,
    );
  await assert.rejects(pool.read(store.readTarget(), 'SELECT nope FROM t'), /no such column: nope/);
});

test('aborting kills the runner mid-statement; the next query gets a new one and the writer is not locked', async () => {
  const ac = new AbortController();
  const pending = pool.read(store.readTarget(), LONG, ac.signal);
  setTimeout(() => ac.abort(), 300);
  await assert.rejects(pending, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
  store.load('after_kill', [{ name: 'x', type: 'integer' }], [[1]]);
  assert.deepEqual((await pool.read(store.readTarget(), 'SELECT x FROM after_kill')).rows, [[1]]);
});

test('two long queries do not wait for each other: each gets a runner of its own', async () => {
  const ac = new AbortController();
  const slow = pool.read(store.readTarget(), LONG, ac.signal);
  let slowDone = false;
  void slow.catch(() => (slowDone = true));
  const quick = await pool.read(store.readTarget(), 'SELECT 1 AS one');
  assert.deepEqual(quick.rows, [[1]]);
  assert.equal(slowDone, false, 'answered while the long query was still running');
  ac.abort();
  await assert.rejects(slow, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
});

test('a query cancelled while its runner starts leaves that runner to the next query', async () => {
  const fresh = new SqlRunnerPool({ maxIdle: 1 });
  after(() => fresh.close());
  const ac = new AbortController();
  const pending = fresh.read(store.readTarget(), 'SELECT 1 AS one', ac.signal);
  while (fresh.started === 0) await new Promise((r) => setImmediate(r));
  ac.abort(); // the runner was just forked: it cannot have started yet
  await assert.rejects(pending, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
  assert.deepEqual((await fresh.read(store.readTarget(), 'SELECT 2 AS two')).rows, [[2]]);
  assert.equal(fresh.started, 1, 'the next query ran on the same runner');
});

test('a result cap stops a query in the runner and in process with RESULT_TOO_LARGE', async () => {
  const capped = new SqliteStore({ maxResultBytes: 100_000 });
  after(() => capped.close());
  const big = 'SELECT randomblob(60000) FROM (VALUES (1), (2))';
  for (const run of [() => pool.read(capped.readTarget(), big), async () => capped.read(big)])
    await assert.rejects(
      run(),
      (e) =>
        isSkyqlError(e) && e.code === 'RESULT_TOO_LARGE' && /over 100000 bytes \(at row 2\)/.test(e.message),
    );
  const fits = await pool.read(capped.readTarget(), "SELECT randomblob(60000), 'x'");
  assert.equal((fits.rows[0][0] as unknown as Uint8Array).byteLength, 60000);
  assert.equal(store.readSync(big).rows.length, 2, 'no cap unless one is given');
});

test('a warmed pool replaces a killed runner at once: the next query finds one already started', async () => {
  const warmPool = new SqlRunnerPool({ maxIdle: 1 });
  after(() => warmPool.close());
  warmPool.warm();
  assert.deepEqual((await warmPool.read(store.readTarget(), 'SELECT 1 AS one')).rows, [[1]]);
  assert.equal(warmPool.started, 1);
  const ac = new AbortController();
  const pending = warmPool.read(store.readTarget(), LONG, ac.signal);
  setTimeout(() => ac.abort(), 200);
  await assert.rejects(pending, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
  // the replacement is forked when the killed runner exits, before any query asks for it
  for (let i = 0; i < 200 && warmPool.started < 2; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(warmPool.started, 2);
  assert.deepEqual((await warmPool.read(store.readTarget(), 'SELECT 2 AS two')).rows, [[2]]);
  assert.equal(warmPool.started, 2, 'the query used the replacement, no third fork');
});
