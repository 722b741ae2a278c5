/**
 * The CLI ships as an esbuild bundle (dist/), where a lazily imported CommonJS package (undici)
 * exposes only `default`. Bundle the transport the same way and make a request with it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';
import { json, startScriptedServer } from './scripted-server.js';

test('the transport works when bundled with code splitting, as in dist/', async () => {
  const out = tempDir('skyql-bundle-');
  await build({
    entryPoints: { transport: join(REPO_ROOT, 'src/core/http/transport.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'silent',
  });
  const mod = (await import(
    pathToFileURL(join(out, 'transport.js')).href
  )) as typeof import('../../../src/core/http/transport.js');
  const srv = await startScriptedServer(json(200, { bundled: true }));
  const send = mod.createTransport();
  try {
    const res = await send({ method: 'GET', url: `${srv.base}/x` });
    assert.deepEqual(JSON.parse(res.body.toString()), { bundled: true });
  } finally {
    await send.close();
    await srv.close();
  }
});
