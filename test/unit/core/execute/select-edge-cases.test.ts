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
import { scripted, scriptedInstances } from '../../../support/scripted-row-source.js';

/** SELECT shapes users write that once went wrong: WHERE structure, casts, names, errors. */

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

const datasets = () =>
  scripted((_m, p) => [
    { name: `${p.get('locationsId')}/a`, timeZone: 'UTC' },
    { name: `${p.get('locationsId')}/b`, timeZone: 'CET' },
  ]);

function run(source: RowSource, sql: string) {
  return executeSelect(
    { catalog, store, source, options: { concurrency: 4, keepGoing: false, warn: () => {} } },
    sql,
  );
}

test('parameter terms in parentheses bind, alone or nested', async () => {
  for (const where of [
    "(projectsId = 'p') AND locationsId = 'l'",
    "(projectsId = 'p' AND (locationsId = 'l'))",
    "((projectsId = 'p')) AND (timeZone = 'UTC' AND locationsId = 'l')",
  ]) {
    const src = datasets();
    const r = await run(src, `SELECT name FROM google.healthcare.datasets WHERE ${where}`);
    assert.deepEqual(src.calls, ['list(locationsId=l,projectsId=p)'], where);
    assert.equal(r.rows.length, where.includes('UTC') ? 1 : 2, where);
  }
});

test('a top-level OR binds nothing: AND does not split across it', async () => {
  await assert.rejects(
    run(
      datasets(),
      "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l' AND name = 'a' OR name = 'x'",
    ),
    (e: unknown) => isSkyqlError(e, 'NO_MATCHING_METHOD'),
  );
  // an OR inside CASE … END is not a top-level OR
  const src = datasets();
  const r = await run(
    src,
    "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND CASE WHEN name = 'l/a' OR name = 'x' THEN 1 ELSE 0 END AND locationsId = 'l'",
  );
  assert.deepEqual(src.calls, ['list(locationsId=l,projectsId=p)']);
  assert.deepEqual(r.rows, [['l/a']]);
});

test('repeated parameter terms intersect: no duplicate calls, contradictions give no rows', async () => {
  const dup = datasets();
  const r1 = await run(
    dup,
    "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND projectsId = 'p' AND locationsId IN ('l', 'l')",
  );
  assert.deepEqual(dup.calls, ['list(locationsId=l,projectsId=p)']);
  assert.equal(r1.rows.length, 2);
  const narrowed = datasets();
  await run(
    narrowed,
    "SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId IN ('a', 'b') AND locationsId = 'b'",
  );
  assert.deepEqual(narrowed.calls, ['list(locationsId=b,projectsId=p)']);
  const none = datasets();
  const r3 = await run(
    none,
    "SELECT count(*) AS n FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'a' AND locationsId = 'b'",
  );
  assert.deepEqual(none.calls, []);
  assert.deepEqual(r3.rows, [[0]]);
});

test('PostgreSQL ::type casts run as CAST (or are dropped for types SQLite lacks)', async () => {
  const r = await run(
    datasets(),
    `SELECT name::text AS n, length(name)::varchar(10) || 'x' AS l, '7'::integer + 1 AS i,
      (1 + 1)::text AS t, timeZone::jsonb AS z, '2.5'::double precision * 2 AS d
    FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l' AND name::text > '' ORDER BY 1 LIMIT 1`,
  );
  assert.deepEqual(r.rows, [['l/a', '3x', 8, '2', 'UTC', 5]]);
  const local = await run(datasets(), "SELECT '12'::int * 2 AS x, 'a'::text::varchar AS y");
  assert.deepEqual(local.rows, [[24, 'a']]);
});

test('columns qualified by the full resource name', async () => {
  const src = datasets();
  const r = await run(
    src,
    `SELECT google.healthcare.datasets.name FROM google.healthcare.datasets
    WHERE google.healthcare.datasets.projectsId = 'p' AND google.healthcare.datasets.locationsId = 'l'
    ORDER BY google.healthcare.datasets.name DESC`,
  );
  assert.deepEqual(src.calls, ['list(locationsId=l,projectsId=p)']);
  assert.deepEqual(r.rows, [['l/b'], ['l/a']]);
});

test('an unknown column names the table and suggests close column names', async () => {
  await assert.rejects(
    run(
      datasets(),
      "SELECT nme FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'LOCAL_SQL_ERROR') &&
      /no such column: nme/.test(e.message) &&
      e.message.includes('google.healthcare.datasets') &&
      /did you mean name\b/.test(e.message),
  );
  await assert.rejects(
    run(
      datasets(),
      "SELECT d.timezone2 FROM google.healthcare.datasets d WHERE projectsId = 'p' AND locationsId = 'l'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'LOCAL_SQL_ERROR') &&
      e.message.includes('google.healthcare.datasets') &&
      /did you mean d\.timeZone/.test(e.message),
  );
});

test('two tables answering to the same name in one FROM are an error asking for aliases', async () => {
  const src = scripted(() => []);
  await assert.rejects(
    run(
      src,
      "SELECT * FROM google.healthcare.datasets, google.bigquery.datasets WHERE projectsId = 'p' AND locationsId = 'l' AND projectId = 'p'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'AMBIGUOUS_TABLE') &&
      /google.healthcare.datasets and google.bigquery.datasets are both called 'datasets'/.test(e.message),
  );
  assert.deepEqual(src.calls, [], 'nothing is called');
});

test('an OR of = / IN terms on a parameter binds like an IN list: one call per value', async () => {
  for (const where of [
    "(zone = 'a' OR zone = 'b')",
    "((zone = 'a') OR (zone = 'b'))",
    "(zone = 'a' OR zone IN ('b', 'a'))",
    "zone IN ('a', 'b')",
  ]) {
    const src = scriptedInstances();
    const r = await run(
      src,
      `SELECT name FROM google.compute.instances WHERE project = 'p' AND ${where} ORDER BY name`,
    );
    assert.deepEqual(src.calls, ['list(project=p,zone=a)', 'list(project=p,zone=b)'], where);
    assert.deepEqual(r.rows, [['vm-a'], ['vm-b']], where);
  }
});

test('parameters named like SQL words bind, quoted or not; SQLite gets reserved names quoted', async () => {
  const roles = scripted((_m, p) => [{ name: 'roles/x', title: `T ${p.get('view')}` }]);
  const r = await run(roles, "SELECT title, view FROM google.iam.roles WHERE view = 'FULL'");
  assert.deepEqual(roles.calls, ['list(view=FULL)']);
  assert.deepEqual(r.rows, [['T FULL', 'FULL']]);
  const quoted = scripted(() => []);
  await run(quoted, `SELECT title FROM google.iam.roles WHERE "view" IN ('BASIC', 'FULL')`);
  assert.deepEqual(quoted.calls, ['list(view=BASIC)', 'list(view=FULL)']);
  const stats = scripted((_m, p) => [{ count: '3', representative: { message: String(p.get('order')) } }]);
  const s = await run(
    stats,
    `SELECT order, count FROM google.clouderrorreporting.group_stats
    WHERE projectsId = 'p' AND locationsId = 'l' AND order = 'COUNT_DESC' AND (order LIKE 'C%' OR count > 1)
    ORDER BY "order"`,
  );
  assert.deepEqual(stats.calls, ['list(locationsId=l,order=COUNT_DESC,projectsId=p)']);
  assert.deepEqual(s.rows, [['COUNT_DESC', '3']]);
  const datasets = scripted(() => [{ id: 'p:d' }]);
  const d = await run(
    datasets,
    "SELECT id, all FROM google.bigquery.datasets WHERE projectId = 'p' AND all = true",
  );
  assert.deepEqual(datasets.calls, ['list(all=true,projectId=p)']);
  assert.deepEqual(d.rows, [['p:d', 'true']]);
});

test('over two or more tables, unnamed expressions are col_1, col_2, … as in StackQL; one table keeps the text', async () => {
  const src = scripted((m) =>
    m.resourceFqn.endsWith('networks') ? [{ name: 'default' }] : [{ name: 'vm' }],
  );
  const two = await run(
    src,
    `SELECT i.name, 'vm ' || i.name, n.name AS network, length(n.name), upper(i.name) u
    FROM google.compute.instances i, google.compute.networks n
    WHERE i.project = 'p' AND i.zone = 'z' AND n.project = 'p' UNION ALL SELECT 1, 2, 3, 4, 5`,
  );
  assert.deepEqual(
    two.columns.map((c) => c.name),
    ['name', 'col_1', 'network', 'col_2', 'u'],
  );
  assert.deepEqual(two.rows[0], ['vm', 'vm vm', 'default', 7, 'VM']);
  const one = await run(
    src,
    "SELECT 'vm ' || name FROM google.compute.instances WHERE project = 'p' AND zone = 'z'",
  );
  assert.deepEqual(
    one.columns.map((c) => c.name),
    ["'vm ' || name"],
  );
});

test('a missing column after the method was chosen names the method and how to look it up', async () => {
  const src = scripted(() => [{ services: [{ name: 'a', config: {} }] }]);
  await assert.rejects(
    run(
      src,
      "SELECT config FROM google.serviceusage.services WHERE parent = 'projects/p' AND parentType = 'projects'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'LOCAL_SQL_ERROR') &&
      e.message.endsWith(
        'no such column: config (not a column of google.serviceusage.services (read with batch_get))',
      ) &&
      e.hint ===
        'DESCRIBE METHOD google.serviceusage.services.batch_get lists the columns batch_get returns; SHOW METHODS IN google.serviceusage.services lists the other methods and the parameters that choose each',
  );
  await assert.rejects(
    run(
      scripted(() => [{ title: 't' }]),
      "SELECT title FROM google.iam.roles WHERE view LIKE 'F%'",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'LOCAL_SQL_ERROR') &&
      e.message.includes(
        "view is a parameter of google.iam.roles: only view = '…' or view IN (…) pass it to the API",
      ),
  );
});
