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
