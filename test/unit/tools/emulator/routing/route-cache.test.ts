import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderHandle } from '../../../../../src/core/catalog/service-catalog.js';
import {
  readCachedRoutes,
  writeCachedRoutes,
} from '../../../../../src/tools/emulator/routing/route-cache.js';
import { compileService } from '../../../../../src/tools/emulator/routing/route-compiler.js';
import { installTinyProvider } from '../../../../support/fixture-registry.js';
import { tempDir } from '../../../../support/temp-dir.js';

test('cached routes are read once per process while in use; rewritten ones are read again', () => {
  const install = installTinyProvider(tempDir());
  const provider = new ProviderHandle(install);
  const [summary] = provider.services();
  const compiled = compileService(summary.name, provider.service(summary.name).doc);
  assert.equal(readCachedRoutes(install, summary), undefined, 'nothing cached yet');
  writeCachedRoutes(install, summary, compiled);
  const first = readCachedRoutes(install, summary);
  assert.deepEqual(
    first?.map((r) => `${r.method} ${r.template}`),
    compiled.map((r) => `${r.method} ${r.template}`),
  );
  assert.equal(readCachedRoutes(install, summary), first, 'the same routes, not read again');
  writeCachedRoutes(install, summary, compiled.slice(0, 0));
  assert.deepEqual(readCachedRoutes(install, summary), [], 'a rewritten cache file is read again');
});
