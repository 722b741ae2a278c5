import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ResultColumn } from '../../../src/base/result/result-set.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';

/**
 * The PostgreSQL table loader runs a page's COPY while the caller prepares the next page; a
 * branch is finished only once its rows are in, and a failed COPY fails every later call.
 */

let pg: RunningPostgres;
let store: PgStore;
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  store = new PgStore(pg.backend());
  await store.open();
  after(() => store.close());
}

const columns: ResultColumn[] = [
  { name: 'name', type: 'text' },
  { name: 'meta', type: 'json' },
];
const page = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => [`vm-${from + i}`, `{"n":${from + i}}`]);

test(
  'pages of two branches load side by side; a discarded branch leaves none of its rows',
  NEEDS_POSTGRES,
  async () => {
    const loader = await store.openLoader('__skyql_loader_a', columns);
    await loader.append(1, page(0, 300));
    await loader.append(2, page(1000, 200));
    await loader.append(1, page(300, 300));
    await loader.finishBranch(1);
    await loader.discardBranch(2);
    await loader.close();
    const r = await store.read(
      'SELECT count(*)::int AS n, max((meta->>\'n\')::int) AS m FROM pg_temp."__skyql_loader_a"',
    );
    assert.deepEqual(r.rows, [[600, 599]]);
  },
);

test('a page PostgreSQL refuses fails the calls after it, up to close', NEEDS_POSTGRES, async () => {
  const loader = await store.openLoader('__skyql_loader_b', columns);
  await loader.append(1, page(0, 10));
  await loader.append(1, [['bad', 'not json']]); // jsonb refuses it on the server
  await assert.rejects(Promise.resolve(loader.finishBranch(1)), /invalid input syntax for type json/);
  await assert.rejects(Promise.resolve(loader.append(1, page(10, 10))), /invalid input syntax for type json/);
  await assert.rejects(Promise.resolve(loader.close()), /invalid input syntax for type json/);
});

test(
  'CREATE TABLE AS / INSERT … SELECT of a whole statement table copy it as it is; other queries go through a stage',
  NEEDS_POSTGRES,
  async () => {
    const loader = await store.openLoader('__skyql_loader_c', columns);
    await loader.append(1, page(0, 50));
    await loader.finishBranch(1);
    await loader.close(); // drops the hidden branch column: not copied
    const whole = 'SELECT "t"."name", "t"."meta" FROM "__skyql_loader_c" AS "t" WHERE TRUE AND TRUE';
    assert.equal(await store.selectInto(whole, { table: 'loader_copy', replace: true }), 50);
    assert.equal(
      await store.selectInto('SELECT * FROM "__skyql_loader_c"', { table: 'loader_copy', replace: false }),
      50,
    );
    // a computed column: run read-only into a stage, as before
    assert.equal(
      await store.selectInto('SELECT "name", "meta" || \'{}\' FROM "__skyql_loader_c"', {
        table: 'loader_copy',
        replace: false,
      }),
      50,
    );
    const r = await store.read(
      'SELECT count(*)::int, count(DISTINCT name)::int, min(pg_typeof(meta)::text) FROM loader_copy',
    );
    assert.deepEqual(r.rows, [[150, 50, 'jsonb']]);
    const cols = await store.read(
      "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'loader_copy'",
    );
    assert.deepEqual(cols.rows, [['name,meta']]);
    await store.read('SELECT 1'); // the session still answers
  },
);
