import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { executeSelect } from '../../../../src/core/execute/execute-select.js';
import type { RowSource } from '../../../../src/core/execute/row-source.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';
import { scripted } from '../../../support/scripted-row-source.js';

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

function run(source: RowSource, sql: string, keepGoing = false) {
  const warnings: string[] = [];
  return executeSelect(
    { catalog, store, source, options: { concurrency: 4, keepGoing, warn: (m) => warnings.push(m) } },
    sql,
  ).then((r) => ({ ...r, warnings }));
}

test('the seed query calls retrieve_series with the six parameters and projects the columns', async () => {
  const src = scripted(() => [{ contentType: 'multipart/related', data: 'AAE=', extensions: null }]);
  const r = await run(
    src,
    `SELECT contentType, data, extensions FROM google.healthcare.series_series
    WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd' AND dicomStoresId = 's' AND studiesId = 'st' AND seriesId = 'se'`,
  );
  assert.deepEqual(src.calls, [
    'retrieve_series(datasetsId=d,dicomStoresId=s,locationsId=l,projectsId=p,seriesId=se,studiesId=st)',
  ]);
  assert.deepEqual(
    r.columns.map((c) => c.name),
    ['contentType', 'data', 'extensions'],
  );
  assert.deepEqual(r.rows, [['multipart/related', 'AAE=', null]]);
});

test('get is chosen over list when its parameters are given; SELECT * hides parameter columns', async () => {
  const src = scripted((_m, p) => [
    {
      name: `projects/${p.get('projectsId')}/locations/l/datasets/${p.get('datasetsId') ?? 'x'}`,
      timeZone: 'UTC',
    },
  ]);
  const r = await run(
    src,
    "SELECT * FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd1'",
  );
  assert.deepEqual(src.calls, ['get(datasetsId=d1,locationsId=l,projectsId=p)']);
  assert.deepEqual(
    r.columns.map((c) => c.name),
    ['encryptionSpec', 'name', 'timeZone'],
  );
  const list = scripted(() => [{ name: 'a' }, { name: 'b' }]);
  const r2 = await run(
    list,
    "SELECT name, projectsId FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l' ORDER BY name DESC",
  );
  assert.deepEqual(list.calls, ['list(locationsId=l,projectsId=p)']);
  assert.deepEqual(
    r2.rows,
    [
      ['b', 'p'],
      ['a', 'p'],
    ],
    'parameters are queryable columns',
  );
});

test('IN lists fan out one call per value and rows carry the value; other predicates filter locally', async () => {
  const src = scripted((_m, p) => [
    { name: `${p.get('locationsId')}-1`, timeZone: 'UTC' },
    { name: `${p.get('locationsId')}-2`, timeZone: 'CET' },
  ]);
  const r = await run(
    src,
    "SELECT locationsId, count(*) AS n FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId IN ('eu', 'us', 'asia') AND timeZone = 'UTC' GROUP BY locationsId ORDER BY locationsId",
  );
  assert.deepEqual([...src.calls].sort(), [
    'list(locationsId=asia,projectsId=p)',
    'list(locationsId=eu,projectsId=p)',
    'list(locationsId=us,projectsId=p)',
  ]);
  assert.deepEqual(r.rows, [
    ['asia', 1],
    ['eu', 1],
    ['us', 1],
  ]);
});

test('a dependent join fetches the independent table first, then once per distinct value', async () => {
  const src = scripted((m, p) => {
    if (m.resourceFqn === 'google.healthcare.locations')
      return [{ locationId: 'eu' }, { locationId: 'us' }, { locationId: 'eu' }];
    return [{ name: `ds-${p.get('locationsId')}` }];
  });
  const r = await run(
    src,
    `SELECT l.locationId, d.name FROM google.healthcare.locations l
    JOIN google.healthcare.datasets d ON d.locationsId = l.locationId
    WHERE l.projectsId = 'p' AND d.projectsId = 'p' ORDER BY d.name`,
  );
  assert.deepEqual(src.calls, [
    'list(projectsId=p)',
    'list(locationsId=eu,projectsId=p)',
    'list(locationsId=us,projectsId=p)',
  ]);
  assert.deepEqual(r.rows, [
    ['eu', 'ds-eu'],
    ['eu', 'ds-eu'],
    ['us', 'ds-us'],
  ]);
});

test('a missing required parameter names each candidate and what it lacks', async () => {
  await assert.rejects(
    run(
      scripted(() => []),
      "SELECT * FROM google.healthcare.datasets WHERE projectsId = 'p'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'NO_MATCHING_METHOD') &&
      e.message.includes("no appropriate method = 'select' for resource = 'datasets'") &&
      e.message.includes('get needs locationsId, datasetsId') &&
      e.message.includes('list needs locationsId') &&
      /SHOW METHODS IN google.healthcare.datasets/.test(e.hint ?? ''),
  );
});

test('a failing branch fails the statement naming it, or warns and keeps the rest', async () => {
  const src = scripted((_m, p) => {
    if (p.get('locationsId') === 'bad') throw new Error('HTTP 403 PERMISSION_DENIED');
    return [{ name: 'ok' }];
  });
  const sql =
    "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId IN ('good', 'bad')";
  await assert.rejects(
    run(src, sql),
    (e: unknown) =>
      isSkyqlError(e) &&
      /PERMISSION_DENIED \(in the call with projectsId=p, locationsId=bad\)/.test(e.message),
  );
  const kept = await run(src, sql, true);
  assert.deepEqual(kept.rows, [['ok']]);
  assert.match(kept.warnings[0], /PERMISSION_DENIED/);
});

test('interrupted under keepGoing: the statement is cancelled; the calls cut short are not failures', async () => {
  const stop = new AbortController();
  const src = scripted((_m, p) => {
    if (p.get('locationsId') === 'first') stop.abort(); // Ctrl-C while the calls are out
    throw new Error('request cancelled'); // as the transport answers an aborted call
  });
  const failures: unknown[] = [];
  const warnings: string[] = [];
  await assert.rejects(
    executeSelect(
      {
        catalog,
        store,
        source: src,
        options: {
          concurrency: 1,
          keepGoing: true,
          signal: stop.signal,
          onBranchFailure: (f) => failures.push(f),
          warn: (m) => warnings.push(m),
        },
      },
      "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId IN ('first', 'second', 'third')",
    ),
    (e: unknown) => isSkyqlError(e, 'CANCELLED'),
  );
  assert.deepEqual(failures, [], 'no failure summary for calls an interruption cut short');
  assert.deepEqual(warnings, []);
});

test('local SQL: CTE, window function, json_extract and a statement with no provider table', async () => {
  const src = scripted(() => [
    { name: 'a', labels: { env: 'prod' }, timeZone: 'UTC' },
    { name: 'b', labels: { env: 'dev' }, timeZone: 'UTC' },
  ]);
  const r = await run(
    src,
    `WITH d AS (SELECT name, encryptionSpec FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l')
    SELECT name, row_number() OVER (ORDER BY name DESC) AS rn FROM d`,
  );
  assert.deepEqual(r.rows, [
    ['b', 1],
    ['a', 2],
  ]);
  const plain = await run(src, "SELECT json_extract('{\"a\": [1, 2]}', '$.a[1]') AS x");
  assert.deepEqual(plain.rows, [[2]]);
});
