import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import type { JsonObject, Resource } from '../../../../src/core/catalog/model/catalog-types.js';
import { sliceDocument } from '../../../../src/core/catalog/openapi/document-slice.js';
import { isObject, resolvePointer } from '../../../../src/core/catalog/openapi/json-pointer.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { ProviderHandle, type ServiceHandle } from '../../../../src/core/catalog/service-catalog.js';
import {
  LEGACY_DIR,
  LEGACY_VERSION,
  srcRegistryJson,
  TINY_LEGACY_VERSION,
  writeTinyLegacyRegistry,
} from '../../../support/legacy-registry.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

function registryOver(dir: string): { registry: ProviderRegistry; appRoot: string } {
  const appRoot = tempDir();
  return {
    registry: new ProviderRegistry(parseRegistryConfig(srcRegistryJson(dir, appRoot), appRoot)),
    appRoot,
  };
}

/** A handle reading whole documents (the file loader given explicitly turns slices off). */
function wholeHandle(sliced: ProviderHandle): ProviderHandle {
  const files = sliced.documents;
  return new ProviderHandle(sliced.install, (ref, what) => files(ref, what));
}

/** Everything of a Resource but its document. */
function model(r: Resource): unknown {
  const { doc: _doc, ...rest } = r;
  return JSON.parse(JSON.stringify(rest));
}

/** Every local `$ref` under `node` resolves in `doc` (so a slice answers every lookup its whole document does). */
function assertClosed(doc: JsonObject, label: string): void {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node) && typeof (node as JsonObject).$ref === 'string') {
      const ref = ((node as JsonObject).$ref as string).trim();
      if (ref.startsWith('#/'))
        assert.notEqual(resolvePointer(doc, ref), undefined, `${label}: ${ref} dangles`);
    }
    stack.push(...Object.values(node));
  }
}

/** Every resource of `services` built from slices equals the one built from the whole document. */
function assertSlicesMatch(sliced: ProviderHandle, services: readonly string[]): number {
  const whole = wholeHandle(sliced);
  let n = 0;
  for (const service of services) {
    const a: ServiceHandle = sliced.service(service);
    const b = whole.service(service);
    for (const name of b.resourceNames()) {
      const fromSlice = a.resource(name);
      const fromWhole = b.resource(name);
      assert.notEqual(fromSlice.doc, fromWhole.doc);
      assert.deepEqual(model(fromSlice), model(fromWhole), `${service}.${name}`);
      assertClosed(fromSlice.doc, `${service}.${name}`);
      n++;
    }
  }
  return n;
}

test('slices of the current layout build every resource exactly as the whole document does', async () => {
  const registry = new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT));
  const sliced = await new Catalog(registry, new Map([['google', 'v25.07.00000']])).provider('google');
  // compute: deep schema chains (Instance → AttachedDisk → …); container and iam: nested refs
  const n = assertSlicesMatch(sliced, ['compute', 'iam', 'healthcare']);
  assert.ok(n > 200, `${n} resources compared`);
  const instances = sliced.service('compute').resource('instances');
  const size = JSON.stringify(instances.doc).length;
  assert.ok(size < 400_000, `compute.instances slice is ${size} bytes`);
});

test('slices of the older layout (registers, split documents) match the whole documents', async () => {
  const legacy = registryOver(LEGACY_DIR).registry;
  const handle = await new Catalog(legacy, new Map([['google', LEGACY_VERSION]])).provider('google');
  assertSlicesMatch(handle, ['compute', 'storage']);
  const tiny = registryOver(writeTinyLegacyRegistry(tempDir())).registry;
  const tinyHandle = await new Catalog(tiny, new Map([['google', TINY_LEGACY_VERSION]])).provider('google');
  assertSlicesMatch(tinyHandle, ['things', 'plain']);
});

test('a ref into an array takes the array; path items keep their parameters, not their other operations', () => {
  const doc: JsonObject = {
    openapi: '3.0.0',
    paths: {
      '/a': {
        parameters: [{ $ref: '#/components/parameters/p' }],
        get: {
          responses: { '200': { $ref: '#/components/responses/ok' } },
          'x-size': { $ref: '#/info/x-size' },
        },
        post: { requestBody: { $ref: '#/components/requestBodies/unused' } },
      },
    },
    components: {
      securitySchemes: { s: { type: 'oauth2' } },
      parameters: { p: { name: 'p', in: 'query' }, q: { name: 'q', in: 'query' } },
      responses: {
        ok: { description: 'x', content: { 'application/json': { schema: { $ref: '#/x/list/1' } } } },
      },
      requestBodies: { unused: {} },
    },
    x: { list: [{ type: 'string' }, { type: 'object' }] },
    info: { title: 't', 'x-size': { type: 'integer' } },
  };
  const before = JSON.stringify(doc);
  const slice = sliceDocument(doc, { methods: { list: { operation: { $ref: '#/paths/~1a/get' } } } });
  assert.deepEqual(Object.keys((slice.paths as JsonObject)['/a'] as JsonObject).sort(), [
    'get',
    'parameters',
  ]);
  const components = slice.components as JsonObject;
  assert.deepEqual(Object.keys(components.parameters as JsonObject), ['p']);
  assert.equal(components.requestBodies, undefined);
  assert.deepEqual(components.securitySchemes, { s: { type: 'oauth2' } });
  assert.ok(Array.isArray((slice.x as JsonObject).list));
  assertClosed(slice, 'small');
  assert.equal(JSON.stringify(doc), before, 'the document is not modified');
  assert.equal(slice.info, doc.info, 'top-level keys are shared whole');
});

const SERVICE = (description: string) => `openapi: 3.0.0
info: {title: Things, version: v1}
servers: [{url: 'https://things.example.com'}]
paths:
  /v1/things:
    get:
      operationId: things.list
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ListThings'}
components:
  schemas:
    ListThings:
      type: object
      properties:
        things: {type: array, items: {$ref: '#/components/schemas/Thing'}}
    Thing:
      type: object
      properties:
        name: {type: string, description: '${description}'}
  x-stackQL-resources:
    things:
      id: tiny.things.things
      name: things
      title: Things
      methods:
        list:
          operation: {$ref: '#/paths/~1v1~1things/get'}
          response: {mediaType: application/json, openAPIDocKey: '200', objectKey: $.things}
      sqlVerbs:
        select: [{$ref: '#/components/x-stackQL-resources/things/methods/list'}]
`;

const PROVIDER = `id: tiny
name: tiny
providerServices:
  things:
    name: things
    preferred: true
    service: {$ref: tiny/v0.1.0/services/things.yaml}
    title: Things API
    version: v1
`;

/** A src-shaped registry holding provider tiny v0.1.0; returns the service document's path. */
function tinyRegistry(dir: string): string {
  const version = join(dir, 'src', 'tiny', 'v0.1.0');
  mkdirSync(join(version, 'services'), { recursive: true });
  writeFileSync(join(version, 'provider.yaml'), PROVIDER);
  writeFileSync(join(version, 'services', 'things.yaml'), SERVICE('first'));
  return join(version, 'services', 'things.yaml');
}

async function thingDescription(registry: ProviderRegistry): Promise<string | undefined> {
  const r = await new Catalog(registry).resource('tiny', 'things', 'things');
  return r.methods[0].columns.find((c) => c.name === 'name')?.description;
}

function sliceFiles(appRoot: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.includes(`slices`)) out.push(p);
    }
  };
  walk(join(appRoot, 'cache'));
  return out;
}

test('a cached slice is read without the whole document, private, and cut again when the document changes', async () => {
  const dir = tempDir();
  const yaml = tinyRegistry(dir);
  const { registry, appRoot } = registryOver(dir);
  assert.equal(await thingDescription(registry), 'first');
  const [slice] = sliceFiles(appRoot);
  assert.ok(slice, 'slice written');
  assert.equal(readFileSync(slice).length < readFileSync(yaml).length * 2, true);
  if (process.platform !== 'win32') {
    const { statSync } = await import('node:fs');
    assert.equal(statSync(slice).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(slice)).mode & 0o777, 0o700);
  }
  // the whole document's JSON copy is not needed (nor remade) once the slice is cached
  const wholeJson = readdirSync(dirname(dirname(dirname(slice)))).find((f) => f.endsWith('things.yaml.json'));
  assert.ok(wholeJson);
  rmSync(join(dirname(dirname(dirname(slice))), wholeJson));
  assert.equal(await thingDescription(registry), 'first');
  assert.equal(
    existsSync(join(dirname(dirname(dirname(slice))), wholeJson)),
    false,
    'whole document not read',
  );
  // a changed document (same length, newer mtime) invalidates the slice
  writeFileSync(yaml, SERVICE('other'));
  const later = new Date(Date.now() + 5000);
  utimesSync(yaml, later, later);
  assert.equal(await thingDescription(registry), 'other');
});

test('a slice is trusted only when this user alone could have written it: else it is cut again', async () => {
  const dir = tempDir();
  tinyRegistry(dir);
  const { registry, appRoot } = registryOver(dir);
  assert.equal(await thingDescription(registry), 'first');
  const [slice] = sliceFiles(appRoot);
  const text = readFileSync(slice, 'utf8');
  assert.ok(text.includes('"first"'));
  const forged = text.replace('"first"', '"forged"');
  // this user's own edit is this user's business: read as it is
  writeFileSync(slice, forged);
  assert.equal(await thingDescription(registry), 'forged');
  if (process.platform === 'win32') return;
  const { chmodSync, chownSync, statSync, symlinkSync } = await import('node:fs');
  // writable by others: cut again from the document, and written back private
  chmodSync(slice, 0o646);
  assert.equal(await thingDescription(registry), 'first');
  assert.equal(statSync(slice).mode & 0o777, 0o600);
  // a link (to a file of this user's) is not followed
  const planted = join(dir, 'planted.json');
  writeFileSync(planted, forged, { mode: 0o600 });
  rmSync(slice);
  symlinkSync(planted, slice);
  assert.equal(await thingDescription(registry), 'first');
  // another user's file (only root can make one here)
  if (process.getuid?.() === 0) {
    writeFileSync(slice, forged, { mode: 0o600 });
    chownSync(slice, 4242, 4242);
    assert.equal(await thingDescription(registry), 'first');
    assert.equal(statSync(slice).uid, 0, 'written again as this user');
  }
});

test('an unknown resource still fails as RESOURCE_NOT_FOUND', async () => {
  const dir = tempDir();
  tinyRegistry(dir);
  const { registry } = registryOver(dir);
  const catalog = new Catalog(registry);
  await assert.rejects(catalog.resource('tiny', 'things', 'thingz'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'RESOURCE_NOT_FOUND');
    assert.match(err.message, /did you mean.*things/i);
    return true;
  });
  assert.ok(isObject((await catalog.resource('tiny', 'things', 'things')).doc.paths));
});
