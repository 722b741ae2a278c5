import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { executeSelect } from '../../../../src/core/execute/execute-select.js';
import type { ApiRow, RowSource } from '../../../../src/core/execute/row-source.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

/** Rows in the statement's (only) materialised table right now, or the error reading it. */
const stored = () => {
  const table = store.tableNames().find((t) => t.startsWith('__skyql_'));
  return table ? Number(store.readSync(`SELECT count(*) FROM "${table}"`).rows[0][0]) : 'no table';
};

/**
 * Buckets page by page, 100 per page (a full INSERT batch: smaller pages wait in a buffer of less
 * than one) and 5 pages per project; project `bad` fails on its third page. Records how many rows
 * the store held when that page failed.
 */
function pagedBuckets(seen: { atFailure?: number | string; pagesHanded: number }): RowSource {
  const pageOf = (project: string, p: number): ApiRow[] =>
    Array.from({ length: 100 }, (_, k) => ({ name: `${project}-${p}-${k}`, labels: { page: p } }));
  return {
    async fetch() {
      throw new Error('the streaming path must be used');
    },
    async stream(_m, params, sink) {
      const project = String(params.get('project'));
      for (let p = 1; p <= 5; p++) {
        if (project === 'bad' && p === 3) {
          seen.atFailure = stored();
          throw new SkyqlError('HTTP_ERROR', 'page 3 failed');
        }
        await sink(pageOf(project, p));
        seen.pagesHanded++;
      }
    },
  };
}

test('pages are stored as they come; a branch failing on page 3 of 5 leaves none of its rows (keepGoing)', async () => {
  const seen: { atFailure?: number | string; pagesHanded: number } = { pagesHanded: 0 };
  const warnings: string[] = [];
  const r = await executeSelect(
    {
      catalog,
      store,
      source: pagedBuckets(seen),
      options: { concurrency: 1, keepGoing: true, warn: (m) => warnings.push(m) },
    },
    "SELECT project, count(*) AS n FROM google.storage.buckets WHERE project IN ('bad', 'good') GROUP BY project",
  );
  assert.equal(
    seen.atFailure,
    200,
    'pages 1 and 2 of the failing branch were in the table when page 3 failed',
  );
  assert.deepEqual(r.rows, [['good', 500]]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /page 3 failed \(in the call with project=bad\)/);
});

test('without keepGoing the statement fails naming the branch, and leaves no table behind', async () => {
  const seen = { pagesHanded: 0 };
  await assert.rejects(
    executeSelect(
      {
        catalog,
        store,
        source: pagedBuckets(seen),
        options: { concurrency: 2, keepGoing: false, warn: () => {} },
      },
      "SELECT count(*) FROM google.storage.buckets WHERE project IN ('bad', 'good')",
    ),
    /page 3 failed \(in the call with project=bad\)/,
  );
  assert.equal(stored(), 'no table');
});

test('only referenced columns are stored; json_extract over a stored nested column still reads it', async () => {
  const seen = { pagesHanded: 0 };
  const r = await executeSelect(
    {
      catalog,
      store,
      source: pagedBuckets(seen),
      options: { concurrency: 1, keepGoing: false, warn: () => {} },
    },
    "SELECT name, json_extract(labels, '$.page') AS page FROM google.storage.buckets WHERE project = 'good' AND name LIKE '%-4-9'",
  );
  assert.deepEqual(r.rows, [['good-4-9', 4]]);
});
