import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { basename } from 'node:path';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../../src/base/config/registry-config.js';
import { ProviderRegistry } from '../../../../../src/core/catalog/registry/provider-registry.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../../support/paths.js';

/**
 * Attack review: a JSON copy of a document made by a run without verification served later runs
 * with verification on, so a changed, unsigned document was used by a verified run. What is read
 * with verification on (with which keys) is cached in a folder of its own.
 */
test('verified and unverified reads of a provider are cached apart, and apart per set of keys', () => {
  const cacheOf = (verifyConfig: object) =>
    new ProviderRegistry(
      parseRegistryConfig(JSON.stringify({ url: MIRROR_URL, verifyConfig }), FIXTURE_APPROOT),
    ).resolve('google')?.cacheDir;
  const pem = () =>
    generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const plain = cacheOf({ nopVerify: true });
  const stackql = cacheOf({ nopVerify: false });
  const keyA = cacheOf({ nopVerify: false, publicKey: pem() });
  const keyB = cacheOf({ nopVerify: false, publicKey: pem() });
  assert.ok(plain && stackql && keyA && keyB);
  assert.match(basename(plain), /-pulled$/);
  assert.match(basename(keyA), /-pulled-verified-[0-9a-f]{12}$/);
  assert.equal(new Set([stackql, keyA, keyB]).size, 3, 'a folder per set of keys');
});
