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
  const handle = provider.service(summary.name);
  const [ref] = handle.documentRefs();
  const compiled = compileService(summary.name, handle.documentAt(ref));
  const source = { name: summary.name, refs: [ref] };
  assert.equal(readCachedRoutes(install, source), undefined, 'nothing cached yet');
  writeCachedRoutes(install, source, compiled);
  const first = readCachedRoutes(install, source);
  assert.deepEqual(
    first?.map((r) => `${r.method} ${r.template}`),
    compiled.map((r) => `${r.method} ${r.template}`),
  );
  assert.equal(readCachedRoutes(install, source), first, 'the same routes, not read again');
  writeCachedRoutes(install, source, compiled.slice(0, 0));
  assert.deepEqual(readCachedRoutes(install, source), [], 'a rewritten cache file is read again');
});
