import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { ProviderRegistry } from '../../../src/core/catalog/registry/provider-registry.js';
import { writeTinyRegistry } from '../../support/fixture-registry.js';
import { generateSigningKey, signFile } from '../../support/sign-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

const key = generateSigningKey();

async function signAll(dir: string): Promise<void> {
  await signFile(join(dir, 'provider.yaml'), key.privateKey);
  for (const f of readdirSync(join(dir, 'services')))
    await signFile(join(dir, 'services', f), key.privateKey);
}

function verifyingRegistry(registryDir: string, publicKey = key.publicKeyPem) {
  const config = { url: pathToFileURL(registryDir).href, verifyConfig: { nopVerify: false, publicKey } };
  return new ProviderRegistry(parseRegistryConfig(JSON.stringify(config), join(registryDir, '..', 'app')));
}

test('a correctly signed provider pulls with verification on', async () => {
  const reg = await writeTinyRegistry(tempDir(), signAll);
  const installed = await verifyingRegistry(reg).pull('tiny');
  assert.equal(installed.version, 'v0.1.0');
});

test('a missing .sig fails the pull, naming the file, and installs nothing', async () => {
  const reg = await writeTinyRegistry(tempDir(), async (dir) => {
    await signAll(dir);
    rmSync(join(dir, 'services', 'things.yaml.sig'));
  });
  const registry = verifyingRegistry(reg);
  await assert.rejects(
    registry.pull('tiny'),
    (e: unknown) => isSkyqlError(e, 'SIGNATURE_MISSING') && /things\.yaml\.sig/.test(e.message),
  );
  assert.deepEqual(registry.installedVersions('tiny'), []);
});

test('a tampered document fails with SIGNATURE_INVALID naming it', async () => {
  const reg = await writeTinyRegistry(tempDir(), async (dir) => {
    await signAll(dir);
    appendFileSync(join(dir, 'services', 'things.yaml'), '# changed after signing\n');
  });
  await assert.rejects(
    verifyingRegistry(reg).pull('tiny'),
    (e: unknown) => isSkyqlError(e, 'SIGNATURE_INVALID') && /things\.yaml/.test(e.message),
  );
});

test('documents signed by another key are rejected', async () => {
  const reg = await writeTinyRegistry(tempDir(), signAll);
  const other = generateSigningKey();
  await assert.rejects(verifyingRegistry(reg, other.publicKeyPem).pull('tiny'), (e: unknown) =>
    isSkyqlError(e, 'SIGNATURE_INVALID'),
  );
});

test('verification is off by default (StackQL nopVerify) so unsigned providers pull', async () => {
  const reg = await writeTinyRegistry(tempDir());
  const registry = new ProviderRegistry(parseRegistryConfig(pathToFileURL(reg).href, join(reg, '..', 'app')));
  assert.equal((await registry.pull('tiny')).version, 'v0.1.0');
});
