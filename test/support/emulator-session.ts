import { after } from 'node:test';
import { parseAuthConfig } from '../../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../../src/base/config/registry-config.js';
import { createSession, type SessionOptions } from '../../src/core/engine/create-session.js';
import type { Session } from '../../src/core/engine/session.js';
import { parseEndpointSpecs } from '../../src/core/http/endpoints.js';
import { type RunningEmulator, startEmulator } from '../../src/tools/emulator/server/emulator-server.js';
import { collectingReporter } from './collecting-reporter.js';
import { writeServiceAccountKey } from './emulator-service-account.js';
import { FIXTURE_APPROOT, MIRROR_URL } from './paths.js';
import { tempDir } from './temp-dir.js';

/** An emulator with the sample data, requiring real service-account auth, closed after the file. */
export async function startSampleEmulator(): Promise<{ emu: RunningEmulator; keyPath: string; dir: string }> {
  const dir = tempDir();
  const key = writeServiceAccountKey(dir);
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    sample: true,
    trustedKeys: [key.publicKeyPem],
  });
  after(() => emu.close());
  return { emu, keyPath: key.path, dir };
}

/** A session pointed at the emulator with the key file; messages are collected. */
export function emulatorSession(
  emu: RunningEmulator,
  keyPath: string,
  extra: Partial<SessionOptions> & { transport?: Record<string, unknown> } = {},
): { session: Session; messages: string[] } {
  const reporter = collectingReporter();
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    reporter,
    pins: new Map([['google', 'v25.07.00000']]),
    ...extra,
    api: {
      auth: parseAuthConfig(
        JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
      ),
      pageLimit: 0,
      ...extra.api,
      transport: {
        endpoints: parseEndpointSpecs([`google=${emu.url}`]),
        baseDelayMs: 10,
        ...extra.transport,
      },
    },
  });
  after(() => session.close());
  return { session, messages: reporter.messages };
}
