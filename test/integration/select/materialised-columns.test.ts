import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseAuthConfig } from '../../../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { createSession } from '../../../src/core/engine/create-session.js';
import { parseEndpointSpecs } from '../../../src/core/http/endpoints.js';
import { collectingReporter } from '../../support/collecting-reporter.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';
import { json, startScriptedServer } from '../http/scripted-server.js';

// Only the columns a statement can name are stored (issue 13); these read buckets over HTTP.
const buckets = [
  {
    name: 'b1',
    location: 'US',
    labels: { env: 'prod', team: 'x' },
    iamConfiguration: { publicAccessPrevention: 'enforced' },
  },
  {
    name: 'b2',
    location: 'EU',
    labels: { env: 'dev' },
    iamConfiguration: { publicAccessPrevention: 'inherited' },
  },
];
const srv = await startScriptedServer(json(200, { kind: 'storage#buckets', items: buckets }));
after(() => srv.close());
const session = createSession({
  registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
  reporter: collectingReporter(),
  pins: new Map([['google', 'v25.07.00000']]),
  api: {
    auth: parseAuthConfig('{"google":{"type":"null_auth"}}'),
    pageLimit: 0,
    transport: { endpoints: parseEndpointSpecs([`google=${srv.base}`]) },
  },
});
after(() => session.close());
const FROM = "FROM google.storage.buckets WHERE project = 'p'";

test('a nested field read by json_extract, and a column named in another case or quoted', async () => {
  const r = await session.executeText(
    `SELECT NAME, json_extract(iamConfiguration, '$.publicAccessPrevention') AS pap, "location" ${FROM} ORDER BY name`,
  );
  assert.deepEqual(r?.rows, [
    ['b1', 'enforced', 'US'],
    ['b2', 'inherited', 'EU'],
  ]);
});

test('SELECT * and t.* still give every column', async () => {
  const all = await session.executeText(`SELECT * ${FROM}`);
  const described = await session.executeText('DESCRIBE google.storage.buckets');
  assert.equal(all?.columns.length, described?.rows.length);
  const qualified = await session.executeText(`SELECT b.* FROM google.storage.buckets b WHERE project = 'p'`);
  assert.equal(qualified?.columns.length, described?.rows.length);
  assert.deepEqual(
    all?.rows.map((row) => row[all.columns.findIndex((c) => c.name === 'labels')]),
    ['{"env":"prod","team":"x"}', '{"env":"dev"}'],
  );
});

test('a view over a provider table: the columns the outer query names through it are stored', async () => {
  await session.executeText(`CREATE VIEW bucket_labels AS SELECT name, labels ${FROM}`);
  const r = await session.executeText(
    "SELECT name, json_extract(labels, '$.env') AS env FROM bucket_labels ORDER BY name",
  );
  assert.deepEqual(r?.rows, [
    ['b1', 'prod'],
    ['b2', 'dev'],
  ]);
});

test('EXPLAIN names the stored columns; COUNT(*) stores none of them', async () => {
  const plan = await session.executeText(`EXPLAIN SELECT COUNT(*) ${FROM}`);
  const columns = plan?.rows.find((row) => row.includes('columns'));
  assert.match(String(columns?.at(-1)), /^0 of \d+ \(the others are not referenced\)$/);
  const count = await session.executeText(`SELECT COUNT(*) ${FROM}`);
  assert.deepEqual(count?.rows, [[2]]);
  const named = await session.executeText(`EXPLAIN SELECT name, labels ${FROM}`);
  assert.match(
    String(named?.rows.find((row) => row.includes('columns'))?.at(-1)),
    /^2 of \d+: labels, name /,
  );
});
