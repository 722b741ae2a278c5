import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../src/core/catalog/registry/provider-registry.js';
import { collectingReporter } from '../../support/collecting-reporter.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';

function registryAt(url: string, appRoot: string, reporter = collectingReporter()) {
  return { registry: new ProviderRegistry(parseRegistryConfig(url, appRoot), { reporter }), reporter };
}

test('REGISTRY LIST reads dist/providers.yaml of a file:// mirror', async () => {
  const { registry } = registryAt(MIRROR_URL, tempDir());
  assert.equal(registry.shape, 'dist');
  assert.deepEqual(await registry.list(), [{ provider: 'google', versions: ['v1.0.4', 'v25.07.00000'] }]);
});

test('pull installs versions side by side and the newest is used unless pinned', async () => {
  const appRoot = tempDir();
  const { registry, reporter } = registryAt(MIRROR_URL, appRoot);
  const latest = await registry.pull('google');
  assert.equal(latest.version, 'v25.07.00000');
  assert.ok(
    existsSync(join(appRoot, 'src', 'googleapis.com', 'v25.07.00000', 'services', 'healthcare.yaml')),
  );
  await registry.pull('google', 'v1.0.4');
  assert.deepEqual(registry.installedVersions('google'), ['v1.0.4', 'v25.07.00000']);
  assert.equal(registry.resolve('google')?.version, 'v25.07.00000');
  assert.equal(registry.resolve('google', 'v1.0.4')?.version, 'v1.0.4');
  assert.deepEqual(reporter.messages, [
    "google provider, version 'v25.07.00000' successfully installed",
    "google provider, version 'v1.0.4' successfully installed",
  ]);
  const pinned = new Catalog(registry, new Map([['google', 'v1.0.4']]));
  assert.equal((await pinned.provider('google')).version, 'v1.0.4');
  assert.equal((await new Catalog(registry).provider('google')).version, 'v25.07.00000');
});

test('a statement on a provider that is not installed pulls the latest first and says so', async () => {
  const { registry, reporter } = registryAt(MIRROR_URL, tempDir());
  const catalog = new Catalog(registry);
  const resource = await catalog.resource('google', 'healthcare', 'series_series');
  assert.equal(resource.fqn, 'google.healthcare.series_series');
  assert.match(reporter.messages[0], /provider 'google' is not installed; pulling it from file:/);
  assert.equal(reporter.messages[1], "google provider, version 'v25.07.00000' successfully installed");
});

test('unknown provider and version are clear errors', async () => {
  const { registry } = registryAt(MIRROR_URL, tempDir());
  await assert.rejects(
    registry.pull('gogle'),
    (e: unknown) => isSkyqlError(e, 'PROVIDER_NOT_FOUND') && /did you mean google\?/.test(e.message),
  );
  await assert.rejects(
    registry.pull('google', 'v9.9.9'),
    (e: unknown) =>
      isSkyqlError(e, 'PROVIDER_VERSION_NOT_FOUND') && /available: v1.0.4, v25.07.00000/.test(e.message),
  );
  const catalog = new Catalog(registry);
  await assert.rejects(
    catalog.provider('gooogle'),
    (e: unknown) => isSkyqlError(e, 'PROVIDER_NOT_FOUND') && /did you mean google/.test(e.message),
  );
});

test('a src-shaped file:// registry is read in place and listed from its folders', async () => {
  const dir = tempDir();
  const src = join(dir, 'reg', 'src', 'googleapis.com', 'v1.0.4');
  mkdirSync(join(src, 'services'), { recursive: true });
  const fixture = join(FIXTURE_APPROOT, 'src', 'googleapis.com', 'v1.0.4');
  cpSync(join(fixture, 'provider.yaml'), join(src, 'provider.yaml'));
  cpSync(join(fixture, 'services', 'healthcare.yaml'), join(src, 'services', 'healthcare.yaml'));
  const appRoot = join(dir, 'app');
  const { registry } = registryAt(pathToFileURL(join(dir, 'reg')).href, appRoot);
  assert.equal(registry.shape, 'src');
  assert.deepEqual(await registry.list(), [{ provider: 'google', versions: ['v1.0.4'] }]);
  const installed = await registry.pull('google');
  assert.equal(installed.dir, src);
  assert.equal(existsSync(join(appRoot, 'src')), false, 'nothing is copied for a src registry');
  const catalog = new Catalog(registry);
  const r = await catalog.resource('google', 'healthcare', 'series_series');
  assert.deepEqual(
    r.verbs.select.map((m) => m.name),
    ['projects_locations_datasets_dicomStores_studies_series_retrieveSeries'],
  );
});

test('corrupt packages and indexes are reported with the file named', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'dist', 'googleapis.com'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'providers.yaml'), 'providers:\n  google:\n    versions: [v1.0.0]\n');
  writeFileSync(join(dir, 'dist', 'googleapis.com', 'v1.0.0.tgz'), 'this is not a tarball');
  const { registry } = registryAt(pathToFileURL(dir).href, join(dir, 'app'));
  await assert.rejects(
    registry.pull('google'),
    (e: unknown) => isSkyqlError(e, 'CORRUPT_PACKAGE') && /googleapis.com\/v1.0.0.tgz/.test(e.message),
  );
  assert.deepEqual(registry.installedVersions('google'), [], 'a failed pull leaves nothing behind');
  writeFileSync(join(dir, 'dist', 'providers.yaml'), 'providers: [oops');
  const fresh = registryAt(pathToFileURL(dir).href, join(dir, 'app')).registry;
  await assert.rejects(
    fresh.list(),
    (e: unknown) => isSkyqlError(e, 'REGISTRY_BAD_INDEX') && /providers.yaml/.test(e.message),
  );
});

test('registry config: JSON, bare URL, and clear errors', () => {
  const cfg = parseRegistryConfig(`{"url": "${MIRROR_URL}/", "verifyConfig": {"nopVerify": true}}`, '/tmp/x');
  assert.equal(cfg.url, MIRROR_URL);
  assert.equal(cfg.localDocRoot, '/tmp/x');
  assert.equal(cfg.verifyConfig.nopVerify, true);
  assert.equal(parseRegistryConfig(undefined, '/tmp/x').url, 'https://registry.stackql.app/providers');
  assert.throws(
    () => parseRegistryConfig('{"url": ', '/tmp/x'),
    (e: unknown) => isSkyqlError(e, 'BAD_REGISTRY_CONFIG') && /not valid JSON/.test(e.message),
  );
  assert.throws(
    () => parseRegistryConfig('ftp://x', '/tmp/x'),
    (e: unknown) => isSkyqlError(e, 'BAD_REGISTRY_CONFIG'),
  );
  assert.equal(parseRegistryConfig('/abs/path', '/tmp/x').url, 'file:///abs/path');
});
