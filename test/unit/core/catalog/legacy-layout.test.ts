import assert from 'node:assert/strict';
import { existsSync, readdirSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import type { Resource } from '../../../../src/core/catalog/model/catalog-types.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { requiredParamsInShowOrder } from '../../../../src/core/catalog/resource-info.js';
import {
  LEGACY_DIR,
  LEGACY_VERSION,
  srcRegistryJson,
  TINY_LEGACY_VERSION,
  writeTinyLegacyRegistry,
} from '../../../support/legacy-registry.js';
import { tempDir } from '../../../support/temp-dir.js';

/** A catalog over a src-shaped registry folder, caching under a fresh app root. */
function catalogOver(dir: string, srcPrefix?: string): Catalog {
  const appRoot = tempDir();
  return new Catalog(
    new ProviderRegistry(parseRegistryConfig(srcRegistryJson(dir, appRoot, srcPrefix), appRoot)),
  );
}

const tiny = catalogOver(writeTinyLegacyRegistry(tempDir()));
const names = (r: Resource, verb: keyof Resource['verbs']) => r.verbs[verb].map((m) => m.name);

test('a register: SHOW RESOURCES lists its keys; each resource reads its own serviceDoc, else the register’s', async () => {
  const things = await tiny.service('google', 'things');
  assert.deepEqual(things.resourceNames(), ['widgets', 'gadgets', 'projects.zones.dotted', 'odd']);
  assert.deepEqual(things.documentRefs(), [
    `googleapis.com/${TINY_LEGACY_VERSION}/services-split/things/things-main.yaml`,
    `googleapis.com/${TINY_LEGACY_VERSION}/services-split/things/things-gadgets.yaml`,
  ]);
  const widgets = things.resource('widgets');
  const gadgets = things.resource('gadgets');
  assert.equal((widgets.doc.info as { title: string }).title, 'Things main');
  assert.equal((gadgets.doc.info as { title: string }).title, 'Things gadgets');
  assert.deepEqual(
    gadgets.methods.map((m) => [m.name, m.httpMethod, m.path, m.verb]),
    [['list', 'GET', '/v1/projects/{project}/gadgets', 'select']],
    'a GET in upper case; absent sqlVerbs fall back to the name-based rule',
  );
  assert.equal(gadgets.methods[0].response.objectKey, 'gadgets', 'a bare objectKey');
  assert.deepEqual(
    gadgets.methods[0].columns.map((c) => c.name),
    ['name', 'size', 'labels'],
  );
  // a register without serviceDoc: the provider entry's `service`
  const items = await tiny.resource('google', 'plain', 'items');
  assert.equal((items.doc.info as { title: string }).title, 'Plain');
  assert.deepEqual(names(items, 'select'), ['list']);
});

test('operation refs: a file the pointer is resolved against the resource’s document, the path + operation pair, ~0 in a path', async () => {
  const widgets = await tiny.resource('google', 'things', 'widgets');
  const byName = new Map(widgets.methods.map((m) => [m.name, m]));
  // getLost names a file that does not exist: the pointer still resolves in the resource's document
  assert.equal(byName.get('getLost')?.path, '/v1/projects/{project}/widgets/{item}');
  assert.equal(byName.get('crazyList')?.response.objectKey, '$.widgets');
  assert.deepEqual(
    byName.get('crazyList')?.columns.map((c) => c.name),
    ['name', 'size', 'labels'],
    'schema_override (a $ref) is read in the resource’s document',
  );
  const create = byName.get('create');
  assert.equal(create?.httpMethod, 'POST');
  assert.equal(create?.path, '/v1/projects/{project}/widgets');
  assert.deepEqual(
    create && requiredParamsInShowOrder(create).map((p) => p.name),
    ['project', 'data__labels', 'data__name'],
    'request.required makes data__labels required beside the schema’s own required name',
  );
  assert.equal(byName.get('remove')?.httpMethod, 'DELETE');
  const odd = await tiny.resource('google', 'things', 'odd');
  assert.equal(odd.methods[0].path, '/v1/projects/{project}/odd~name');
});

test('sqlVerbs in precedence order with any method names; an absent verb uses the name rule, an empty one none', async () => {
  const widgets = await tiny.resource('google', 'things', 'widgets');
  assert.deepEqual(
    names(widgets, 'select'),
    ['getLost', 'crazyList'],
    'either $ref form, document order kept',
  );
  assert.deepEqual(names(widgets, 'insert'), ['create'], 'insert absent: the name rule finds create');
  assert.deepEqual(names(widgets, 'delete'), ['remove']);
  assert.deepEqual(names(widgets, 'update'), [], 'update: [] lists nothing');
  assert.deepEqual(names(widgets, 'replace'), []);
  assert.deepEqual(
    widgets.methods.map((m) => [m.name, m.verb]),
    [
      ['getLost', 'select'],
      ['crazyList', 'select'],
      ['create', 'insert'],
      ['remove', 'delete'],
    ],
  );
});

test('a dotted resource name is one resource; its FQN keeps the dots', async () => {
  const dotted = await tiny.resource('google', 'things', 'projects.zones.dotted');
  assert.equal(dotted.fqn, 'google.things.projects.zones.dotted');
  assert.equal(dotted.methods[0].resourceFqn, 'google.things.projects.zones.dotted');
  for (const name of ['__proto__', 'constructor', 'toString'])
    await assert.rejects(tiny.resource('google', 'things', name), (e: unknown) =>
      isSkyqlError(e, 'RESOURCE_NOT_FOUND'),
    );
});

test('a missing service document fails only when used, naming the file; entries without one are listed', async () => {
  const provider = await tiny.provider('google');
  assert.deepEqual(
    provider.services().map((s) => s.name),
    ['gone', 'outside', 'plain', 'things'],
  );
  assert.deepEqual(
    provider.services(true).map((s) => `${s.name}:${s.version}`),
    ['gone:v1', 'gone:v2', 'outside:v1', 'plain:v1', 'things:v1'],
  );
  const gone = provider.service('gone');
  assert.throws(
    () => gone.resourceNames(),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_PROVIDER_DOC') &&
      e.message.startsWith(
        `service document of google.gone not found: googleapis.com/${TINY_LEGACY_VERSION}/services/gone-v1.yaml (`,
      ),
  );
  // the other services still work
  assert.equal((await tiny.resource('google', 'things', 'gadgets')).name, 'gadgets');
});

test('a reference that leaves the doc root is refused', async () => {
  const outside = (await tiny.provider('google')).service('outside');
  assert.throws(
    () => outside.resourceNames(),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_PROVIDER_DOC') &&
      /"\.\.\/outside\.yaml" .* is not a file under its doc root/.test(e.message),
  );
});

test('refs are relative to <registry>/<srcPrefix>: the default src, a named one, and "" (none)', async () => {
  for (const prefix of [undefined, 'docs', '']) {
    const dir = writeTinyLegacyRegistry(tempDir(), prefix ?? 'src');
    const cat = catalogOver(dir, prefix);
    const gadgets = await cat.resource('google', 'things', 'gadgets');
    assert.equal(
      gadgets.methods[0].path,
      '/v1/projects/{project}/gadgets',
      `srcPrefix ${JSON.stringify(prefix)}`,
    );
    const provider = await cat.provider('google');
    assert.equal(
      provider.install.docRoot,
      prefix ? join(dir, prefix) : prefix === '' ? dir : join(dir, 'src'),
    );
  }
});

test('pulled into <localDocRoot>/<srcPrefix>, refs are relative to that folder', () => {
  const appRoot = tempDir();
  const registry = new ProviderRegistry(
    parseRegistryConfig(JSON.stringify({ localDocRoot: appRoot, srcPrefix: 'pulled' }), appRoot),
  );
  writeTinyLegacyRegistry(appRoot, 'pulled');
  const install = registry.resolve('google');
  assert.equal(install?.docRoot, join(appRoot, 'pulled'));
  assert.equal(install?.dir, join(appRoot, 'pulled', 'googleapis.com', TINY_LEGACY_VERSION));
});

// StackQL's own legacy test registry

const legacy = catalogOver(LEGACY_DIR);

test('legacy fixture: compute is a register over two split documents; the absent services/compute-v1.yaml is never read', async () => {
  const compute = await legacy.service('google', 'compute');
  assert.equal(compute.summary.ref, `googleapis.com/${LEGACY_VERSION}/services/compute-v1.yaml`);
  assert.equal(existsSync(join(LEGACY_DIR, 'src', compute.summary.ref)), false);
  assert.deepEqual(compute.documentRefs().sort(), [
    `googleapis.com/${LEGACY_VERSION}/services-split/compute/compute-disks-v1.yaml`,
    `googleapis.com/${LEGACY_VERSION}/services-split/compute/compute-v1.yaml`,
  ]);
  assert.ok(compute.resourceNames().includes('instances_iam_policies'));
  const disks = compute.resource('disks');
  // disks read (their slice of) compute-disks-v1.yaml: 21 paths, of which the methods use some
  const disksDoc = compute.documentAt(
    `googleapis.com/${LEGACY_VERSION}/services-split/compute/compute-disks-v1.yaml`,
  );
  assert.equal(Object.keys(disksDoc.paths as object).length, 21);
  const slicePaths = Object.keys(disks.doc.paths as object);
  assert.ok(slicePaths.length > 0 && slicePaths.every((p) => Object.hasOwn(disksDoc.paths as object, p)));
  assert.deepEqual(names(disks, 'select'), ['list', 'aggregatedList', 'get'], 'no sqlVerbs: the name rule');
  const instances = compute.resource('instances');
  assert.deepEqual(names(instances, 'select'), ['get', 'list', 'aggregatedList']);
  assert.deepEqual(names(instances, 'update'), []);
  // firewalls' operations name a v2.0.1 file that is not there; sqlVerbs mix both $ref forms
  const firewalls = compute.resource('firewalls');
  assert.deepEqual(
    firewalls.methods.map((m) => `${m.name}:${m.verb}:${m.httpMethod}`),
    [
      'list:select:GET',
      'insert:insert:POST',
      'get:select:GET',
      'delete:delete:DELETE',
      'put:replace:PUT',
      'patch:update:PATCH',
    ],
  );
  assert.deepEqual(names(firewalls, 'select'), ['get', 'list']);
  const iam = compute.resource('instances_iam_policies');
  assert.deepEqual(names(iam, 'select'), ['instances_getIamPolicy']);
  assert.deepEqual(names(iam, 'insert'), []);
});

test('legacy fixture: container’s dotted resources, read from its service document', async () => {
  const usable = await legacy.resource('google', 'container', 'projects.aggregated.usableSubnetworks');
  assert.equal(usable.fqn, 'google.container.projects.aggregated.usableSubnetworks');
  assert.equal(usable.verbs.select[0].response.objectKey, 'subnetworks');
  assert.ok(usable.verbs.select[0].columns.some((c) => c.name === 'ipCidrRange'));
});

test('legacy fixture: every resource of every service with documents builds', async () => {
  const services = [
    'bigquery',
    'cloudasset',
    'cloudkms',
    'cloudresourcemanager',
    'container',
    'iam',
    'storage',
    'compute',
  ];
  let count = 0;
  for (const s of services) {
    const handle = await legacy.service('google', s);
    for (const r of handle.resourceNames()) {
      assert.ok(handle.resource(r).methods.length > 0, `${s}.${r}`);
      count++;
    }
  }
  assert.ok(count > 150, `${count} resources`);
  assert.equal(
    readdirSync(join(LEGACY_DIR)).includes('cache'),
    false,
    'nothing written into the shared fixture',
  );
});

test('a document that is a symbolic link leading out of the doc root is refused; cached copies are private', async () => {
  const dir = writeTinyLegacyRegistry(tempDir());
  const linked = join(dir, 'src', 'googleapis.com', TINY_LEGACY_VERSION, 'services', 'plain-v1.yaml');
  const secret = join(dir, 'secret-doc.yaml');
  renameSync(linked, secret);
  symlinkSync(secret, linked);
  const appRoot = tempDir();
  const catalog = new Catalog(
    new ProviderRegistry(parseRegistryConfig(srcRegistryJson(dir, appRoot), appRoot)),
  );
  const plain = (await catalog.provider('google')).service('plain');
  assert.throws(
    () => plain.resource('items'),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_PROVIDER_DOC') && /is a link that leads out of its doc root/.test(e.message),
  );
  // a document read normally is cached readable by its owner only
  (await catalog.provider('google')).service('things').resourceNames();
  const cached = readdirSync(appRoot, { recursive: true, withFileTypes: true }).filter(
    (f) => f.isFile() && f.name.endsWith('.json'),
  );
  assert.ok(cached.length > 0);
  for (const f of cached) assert.equal(statSync(join(f.parentPath, f.name)).mode & 0o077, 0, f.name);
});
