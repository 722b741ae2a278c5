export { makeCertificate } from './self-signed-cert.js';

import { after } from 'node:test';
import { parseAuthConfig } from '../../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../../src/base/config/registry-config.js';
import { createSession, type SessionOptions } from '../../src/core/engine/create-session.js';
import { ResponseCache } from '../../src/core/execute/response-cache.js';
import { parseEndpointSpecs } from '../../src/core/http/endpoints.js';
import {
  type PgServerOptions,
  type RunningPgServer,
  startPgServer,
} from '../../src/front/pgwire/pg-server.js';
import type { RunningEmulator } from '../../src/tools/emulator/server/emulator-server.js';
import { FIXTURE_APPROOT, MIRROR_URL } from './paths.js';

/**
 * A wire server on a free port whose sessions read the fixture registry (google pinned) with
 * `session` added; closed after the file.
 */
export async function startFixturePgServer(
  session: Partial<SessionOptions>,
  extra: Partial<PgServerOptions> = {},
): Promise<RunningPgServer> {
  const server = await startPgServer({
    port: 0,
    ...extra,
    createSession: (reporter) =>
      createSession({
        registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
        reporter,
        pins: new Map([['google', 'v25.07.00000']]),
        readonly: extra.readonly,
        ...session,
      }),
  });
  after(() => server.close());
  return server;
}

/** A wire server on a free port whose sessions call the emulator; closed after the file. */
export async function startTestPgServer(
  emu: RunningEmulator,
  keyPath: string,
  extra: Partial<PgServerOptions> & { cacheTtlMs?: number } = {},
): Promise<RunningPgServer> {
  return startFixturePgServer(
    {
      cache: new ResponseCache({ ttlMs: extra.cacheTtlMs ?? 0 }),
      api: {
        auth: parseAuthConfig(
          JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
        ),
        pageLimit: 0,
        transport: { endpoints: parseEndpointSpecs([`google=${emu.url}`]), baseDelayMs: 10 },
      },
    },
    extra,
  );
}
