import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryConfig } from '../../src/base/config/registry-config.js';
import { ProviderRegistry } from '../../src/core/catalog/registry/provider-registry.js';
import { prepareTestKey } from './emulator-service-account.js';
import { FIXTURE_APPROOT, MIRROR_URL } from './paths.js';

/**
 * Pulls both mirrored Google versions into FIXTURE_APPROOT, and makes the service-account key pair
 * the emulator tests share, once, before the test processes start.
 */
export async function prepareFixtures(): Promise<void> {
  prepareTestKey();
  const registry = new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT));
  for (const version of ['v1.0.4', 'v25.07.00000']) {
    if (!existsSync(join(FIXTURE_APPROOT, 'src', 'googleapis.com', version, 'provider.yaml'))) {
      await registry.pull('google', version);
    }
  }
}
