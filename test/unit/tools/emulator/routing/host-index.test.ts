import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { InstalledProvider } from '../../../../../src/core/catalog/registry/installed-provider.js';
import { ProviderHandle } from '../../../../../src/core/catalog/service-catalog.js';
import { indexServiceHosts } from '../../../../../src/tools/emulator/routing/host-index.js';
import { installTinyProvider } from '../../../../support/fixture-registry.js';
import { tempDir } from '../../../../support/temp-dir.js';

const hostsOf = (install: InstalledProvider) =>
  indexServiceHosts(new ProviderHandle(install)).flatMap((s) => s.servers.map((x) => x.host));

test('the host index of an installed version is scanned once per process; a reinstalled version again', () => {
  const root = tempDir();
  const install = installTinyProvider(root, 'things.example.com');
  const first = indexServiceHosts(new ProviderHandle(install));
  assert.deepEqual(hostsOf(install), ['things.example.com']);
  assert.equal(indexServiceHosts(new ProviderHandle(install)), first, 'the same index for another catalog');
  // a pull replaces the version folder with a new one (rename into place), with a cache of its own
  renameSync(install.dir, `${install.dir}.old`);
  const again = {
    ...installTinyProvider(root, 'things2.example.com'),
    cacheDir: join(root, 'cache', 'tiny-v0.1.0-other'),
  };
  assert.equal(again.dir, install.dir);
  assert.deepEqual(hostsOf(again), ['things2.example.com']);
});
