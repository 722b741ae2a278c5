import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { Catalog } from '../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../src/core/catalog/registry/provider-registry.js';
import type { RouteSpec } from '../../../src/tools/emulator/routing/route-spec.js';
import { RouteTable } from '../../../src/tools/emulator/routing/route-table.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';
import { onePerGroup, seededRandom, testSeed } from '../../support/seeded-sample.js';
import { startTestEmulator } from './emulator-harness.js';

// One emulator with every route of v25.07.00000 compiled (its default version) serves the v25 checks
// and the sweep below: compiling every service takes a while.
const h = await startTestEmulator({ auth: false, preload: true });

async function table(version: string): Promise<RouteTable> {
  if (version === h.emu.version) return h.emu.routes;
  const catalog = new Catalog(
    new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
    new Map([['google', version]]),
  );
  return new RouteTable(await catalog.provider('google'));
}

for (const [version, services, minRoutes] of [
  ['v1.0.4', 130, 4500],
  ['v25.07.00000', 169, 7500],
] as const) {
  test(`every service of google ${version} compiles into routes`, async () => {
    const t = await table(version);
    t.loadAll();
    const stats = t.stats();
    assert.equal(stats.services, services);
    assert.ok(stats.hosts >= services - 5, `hosts: ${stats.hosts}`);
    assert.ok(stats.routes > minRoutes, `routes: ${stats.routes}`);
    const all = t.hosts().flatMap((h) => t.forHost(h)?.routes ?? []);
    const kinds = new Map<string, number>();
    for (const r of all) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    for (const k of [
      'list',
      'get',
      'create',
      'patch',
      'delete',
      'custom',
      'getIamPolicy',
      'setIamPolicy',
      'aggregatedList',
      'dicomWeb',
    ]) {
      assert.ok((kinds.get(k) ?? 0) > 0, `some ${k} routes`);
    }
    assert.ok(
      all.filter((r) => r.kind === 'list').every((r) => r.listKey !== undefined || r.response !== 'resource'),
      'list routes know their list key',
    );
    const instances = t
      .forHost('compute.googleapis.com')
      ?.routes.find((r) => r.template === '/compute/v1/projects/{project}/aggregated/instances');
    assert.deepEqual(instances?.listKey, { kind: 'aggregated', inner: 'instances' });
    const datasets = t
      .forHost('healthcare.googleapis.com')
      ?.routes.find(
        (r) =>
          r.template === '/v1/projects/{projectsId}/locations/{locationsId}/datasets' && r.method === 'POST',
      );
    assert.equal(datasets?.idParam, 'datasetId');
    assert.equal(datasets?.response, 'longrunning');
  });
}

function urlFor(r: RouteSpec): string {
  const path = r.segments
    .map((s) => (s.kind === 'literal' ? s.text : s.kind === 'var' ? 'x1' : `${s.prefix}x1${s.suffix}`))
    .join('/');
  return `/${r.host}/${path}`;
}

/**
 * The sweep calls routes with placeholder values: by default one route of each kind per service,
 * picked by a seed (printed; SKYQL_TEST_SEED replays it); SKYQL_TEST_ROUTES=all (`npm run
 * test:full`) calls every route of every service.
 */
const FULL = process.env.SKYQL_TEST_ROUTES === 'all';
const SEED = testSeed();

test(`${FULL ? 'every route' : 'a seeded sample of routes (each kind of each service)'} answers without crashing (no 5xx, Google errors)`, async (t) => {
  const routes = h.emu.routes.hosts().flatMap((host) => h.emu.routes.forHost(host)?.routes ?? []);
  assert.ok(routes.length > 7000);
  const chosen = FULL ? routes : onePerGroup(routes, (r) => `${r.host} ${r.kind}`, seededRandom(SEED));
  const replay = FULL ? '' : ` (replay this sample: SKYQL_TEST_SEED=${SEED})`;
  if (!FULL) {
    t.diagnostic(`route sample seed ${SEED}`);
    assert.equal(new Set(chosen.map((r) => r.host)).size, h.emu.routes.hosts().length, 'every service');
    assert.equal(
      new Set(chosen.map((r) => r.kind)).size,
      new Set(routes.map((r) => r.kind)).size,
      'every kind',
    );
  }
  const t0 = performance.now();
  let n = 0;
  const queue = [...chosen];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const query = r.queryParams.filter((p) => p.required).map((p) => `${p.name}=x1`);
      const url = `${urlFor(r)}${query.length ? `?${query.join('&')}` : ''}`;
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : '{"name":"x1"}';
      const res = await h.raw(r.method, url, { raw: body, headers: { 'content-type': 'application/json' } });
      n++;
      assert.ok(
        res.status < 500,
        `${r.method} ${url} (${r.kind}) → ${res.status} ${res.text.slice(0, 300)}${replay}`,
      );
      if (res.status >= 400)
        assert.equal(typeof res.json?.error?.status, 'string', `${r.method} ${url} error shape${replay}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const ms = performance.now() - t0;
  assert.equal(n, chosen.length);
  t.diagnostic(
    `${n} of ${routes.length} routes exercised over HTTP in ${Math.round(ms)} ms (${((ms / n) * 1000).toFixed(0)} µs per request)`,
  );
});
