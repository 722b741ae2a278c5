import assert from 'node:assert/strict';
import { after } from 'node:test';
import { parseAuthConfig } from '../../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../../src/base/config/registry-config.js';
import type { ResultSet } from '../../src/base/result/result-set.js';
import { createSession, type SessionOptions } from '../../src/core/engine/create-session.js';
import type { Session } from '../../src/core/engine/session.js';
import { parseEndpointSpecs } from '../../src/core/http/endpoints.js';
import { parseScript } from '../../src/core/sql/parser/parse-script.js';
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

/** Runs one statement that returns rows (its parse error thrown as is). */
export async function queryRows(session: Session, sql: string): Promise<ResultSet> {
  const [entry] = parseScript(sql);
  if (!entry.ok) throw entry.error;
  const result = await session.execute(entry.statement);
  assert.ok(result);
  return result;
}

/** `GET /_emulator/org`: the sample organisation and the counts org-wide queries should return. */
export interface OrgSummary {
  organization: string;
  folders: number;
  projects: number;
  activeProjects: number;
  deleteRequestedProjects: string[];
  computeDisabledProjects: string[];
  deniedProjects: string[];
  totals: Record<string, number>;
  reachable: Record<string, number>;
}
