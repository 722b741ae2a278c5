import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { requiredParamsInShowOrder } from '../../../../src/core/catalog/resource-info.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';
import { seededRandom, testSeed } from '../../../support/seeded-sample.js';

function catalog(version: string): Catalog {
  const registry = new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT));
  return new Catalog(registry, new Map([['google', version]]));
}

const v25 = catalog('v25.07.00000');
const v104 = catalog('v1.0.4');

test('v25: series_series selects with retrieve_series and six required path params', async () => {
  const r = await v25.resource('google', 'healthcare', 'series_series');
  const m = r.verbs.select[0];
  assert.equal(m.name, 'retrieve_series');
  assert.equal(m.httpMethod, 'GET');
  assert.equal(
    m.path,
    '/v1/projects/{projectsId}/locations/{locationsId}/datasets/{datasetsId}/dicomStores/{dicomStoresId}/dicomWeb/studies/{studiesId}/series/{seriesId}',
  );
  assert.equal(m.servers[0].url, 'https://healthcare.googleapis.com');
  assert.deepEqual(
    requiredParamsInShowOrder(m).map((p) => p.name),
    ['datasetsId', 'dicomStoresId', 'locationsId', 'projectsId', 'seriesId', 'studiesId'],
  );
  assert.deepEqual(
    m.columns.map((c) => [c.name, c.type, c.format ?? '']),
    [
      ['contentType', 'string', ''],
      ['data', 'string', 'byte'],
      ['extensions', 'array', ''],
    ],
  );
  assert.ok(
    m.params.some((p) => p.name === 'alt' && p.shared && !p.required),
    'standard query params are shared, optional',
  );
});

test('v25: datasets verbs, JSONPath objectKey, data__ body fields and the EXEC method', async () => {
  const r = await v25.resource('google', 'healthcare', 'datasets');
  assert.deepEqual(
    r.verbs.select.map((m) => m.name),
    ['get', 'list'],
  );
  assert.deepEqual(
    r.verbs.insert.map((m) => m.name),
    ['create'],
  );
  assert.deepEqual(
    r.verbs.update.map((m) => m.name),
    ['patch'],
  );
  assert.deepEqual(r.verbs.replace, []);
  const list = r.verbs.select[1];
  assert.equal(list.response.objectKey, '$.datasets');
  assert.deepEqual(list.columns.map((c) => c.name).sort(), ['encryptionSpec', 'name', 'timeZone']);
  const create = r.verbs.insert[0];
  assert.equal(create.httpMethod, 'POST');
  assert.ok(create.params.some((p) => p.name === 'datasetId' && p.location === 'query' && !p.required));
  assert.ok(
    create.params.some(
      (p) => p.name === 'data__timeZone' && p.location === 'body' && p.wireName === 'timeZone',
    ),
  );
  assert.equal(r.methods.find((m) => m.name === 'deidentify')?.verb, 'exec');
});

test('v1.0.4: camelCase method names, bare objectKey, the same columns', async () => {
  const r = await v104.resource('google', 'healthcare', 'datasets');
  const list = r.verbs.select.find((m) => m.name === 'projects_locations_datasets_list');
  assert.ok(list);
  assert.equal(list.response.objectKey, 'datasets');
  assert.ok(list.columns.some((c) => c.name === 'timeZone'));
  const series = await v104.resource('google', 'healthcare', 'series_series');
  assert.deepEqual(
    series.verbs.select[0].columns.map((c) => c.name),
    ['contentType', 'data', 'extensions'],
  );
});

test('compute aggregatedList: $.items[*].instances[*] reaches Instance columns', async () => {
  const r = await v25.resource('google', 'compute', 'instances');
  const agg = r.methods.find((m) => m.response.objectKey === '$.items[*].instances[*]');
  assert.ok(agg, 'instances has an aggregated list method');
  for (const col of ['name', 'zone', 'machineType', 'networkInterfaces'])
    assert.ok(
      agg.columns.some((c) => c.name === col),
      col,
    );
  const insert = r.verbs.insert[0];
  assert.ok(insert.params.some((p) => p.name === 'data__name'));
  assert.deepEqual(
    requiredParamsInShowOrder(insert).map((p) => p.name),
    ['project', 'zone'],
  );
});

test("v1.0.4 aggregatedList without objectKey: rows are the scoped lists' elements", async () => {
  const r = await v104.resource('google', 'compute', 'instances');
  const agg = r.methods.find((m) => m.name === 'aggregatedList');
  assert.ok(agg);
  assert.equal(agg.response.objectKey, undefined);
  for (const col of ['name', 'zone', 'status', 'networkInterfaces'])
    assert.ok(
      agg.columns.some((c) => c.name === col),
      col,
    );
});

test('unknown service and resource name the closest existing names', async () => {
  await assert.rejects(
    v25.service('google', 'helthcare'),
    (e: unknown) =>
      isSkyqlError(e, 'SERVICE_NOT_FOUND') && /did you mean google\.healthcare\?/.test(e.message),
  );
  await assert.rejects(
    v25.resource('google', 'healthcare', 'series_seris'),
    (e: unknown) =>
      isSkyqlError(e, 'RESOURCE_NOT_FOUND') &&
      /did you mean google\.healthcare\.series_series/.test(e.message),
  );
});

/**
 * Building every resource of every service reads all 170 documents (seconds of a test run): by
 * default a seeded sample of services (the seed is printed; SKYQL_TEST_SEED replays it) plus
 * compute, the largest; `npm run test:full` (SKYQL_TEST_ROUTES=all) builds them all.
 */
const FULL = process.env.SKYQL_TEST_ROUTES === 'all';
const SEED = testSeed();

test(`${FULL ? 'every resource of every v25 service' : 'every resource of a seeded sample of v25 services'} builds (methods bound to operations)`, async (t) => {
  const provider = await v25.provider('google');
  const all = provider.services().map((s) => s.name);
  assert.ok(all.length > 150, `only ${all.length} services`);
  const random = seededRandom(SEED);
  const chosen = FULL ? all : ['compute', ...all.filter(() => random() < 0.15)];
  if (!FULL)
    t.diagnostic(`service sample seed ${SEED} (replay: SKYQL_TEST_SEED=${SEED}): ${chosen.join(', ')}`);
  let resources = 0;
  for (const name of new Set(chosen)) {
    const svc = provider.service(name);
    for (const resource of svc.resourceNames()) {
      const r = svc.resource(resource);
      assert.ok(r.methods.length > 0, `${r.fqn} (seed ${SEED})`);
      resources++;
    }
  }
  assert.ok(resources > (FULL ? 1800 : 100), `only ${resources} resources`);
});

test('installedProvider: the installed (pinned) provider, shared with provider(); undefined for an unknown one, without pulling', async () => {
  const fresh = catalog('v1.0.4');
  const warm = fresh.installedProvider('google');
  assert.ok(warm, 'google is installed');
  assert.equal(fresh.provider('google'), warm, 'the planner finds the handle the warm-up made');
  assert.equal((await warm).install.version, 'v1.0.4', 'the pin is kept');
  assert.equal(fresh.installedProvider('nosuchprovider'), undefined);
  await assert.rejects(fresh.provider('nosuchprovider'), (e) => isSkyqlError(e)); // the planner reports it
});
