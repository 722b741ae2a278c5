import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { ProviderRegistry } from '../../../src/core/catalog/registry/provider-registry.js';
import { collectingReporter } from '../../support/collecting-reporter.js';
import { MIRROR_DIR } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';

let server: Server;
let base: string;
const requests: string[] = [];

before(async () => {
  // Serves the mirror folder the way the public registry serves its files.
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = normalize(
      join(MIRROR_DIR, decodeURIComponent((req.url ?? '/').replace(/^\/providers/, ''))),
    );
    if (!path.startsWith(MIRROR_DIR) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': statSync(path).size, 'content-type': 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/providers`;
});
after(() => server.close());

test('lists and pulls over HTTP exactly like the public registry', async () => {
  const reporter = collectingReporter();
  const registry = new ProviderRegistry(parseRegistryConfig(base, tempDir()), { reporter });
  assert.deepEqual(await registry.list(), [{ provider: 'google', versions: ['v1.0.4', 'v25.07.00000'] }]);
  const installed = await registry.pull('google', 'v1.0.4');
  assert.equal(installed.version, 'v1.0.4');
  assert.ok(existsSync(join(installed.dir, 'services', 'compute.yaml')));
  assert.deepEqual(requests.slice(-2), [
    '/providers/dist/providers.yaml',
    '/providers/dist/googleapis.com/v1.0.4.tgz',
  ]);
  assert.deepEqual(reporter.messages, ["google provider, version 'v1.0.4' successfully installed"]);
});

test('an unreachable registry is a clear error naming the URL', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const registry = new ProviderRegistry(parseRegistryConfig(`http://127.0.0.1:${port}/providers`, tempDir()));
  await assert.rejects(
    registry.list(),
    (e: unknown) =>
      isSkyqlError(e, 'REGISTRY_UNREACHABLE') &&
      e.message.includes(`http://127.0.0.1:${port}/providers/dist/providers.yaml`),
  );
});

test('a missing package is PROVIDER_VERSION_NOT_FOUND', async () => {
  const registry = new ProviderRegistry(parseRegistryConfig(`${base}/nowhere`, tempDir()));
  await assert.rejects(
    registry.list(),
    (e: unknown) => isSkyqlError(e, 'PROVIDER_VERSION_NOT_FOUND') && /HTTP 404/.test(e.message),
  );
});
