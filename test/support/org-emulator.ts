import { after } from 'node:test';
import { parseRegistryConfig } from '../../src/base/config/registry-config.js';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../../src/tools/emulator/server/emulator-server.js';
import { writeServiceAccountKey } from './emulator-service-account.js';
import { FIXTURE_APPROOT, MIRROR_URL } from './paths.js';
import { tempDir } from './temp-dir.js';

/** What `GET /_emulator/org` says about the sample organisation. */
export interface OrgSummary {
  readonly projects: number;
  readonly computeDisabledProjects: string[];
  readonly deniedProjects: string[];
  readonly deleteRequestedProjects: string[];
  readonly totals: Record<string, number>;
  readonly reachable: Record<string, number>;
}

/** A sample-organisation emulator requiring service-account auth, with its project ids; closed after the file. */
export interface OrgEmulator {
  readonly emu: RunningEmulator;
  readonly keyPath: string;
  readonly dir: string;
  readonly org: OrgSummary;
  /** Every project id of the organisation, in listing order. */
  readonly projectIds: string[];
  /** GETs an admin path (`/_emulator/quota`) as JSON. */
  admin(path: string, method?: string): Promise<unknown>;
}

/** Starts an emulator playing an organisation of `spec.projects` projects (and `quotas`). */
export async function startOrgEmulator(
  spec: NonNullable<EmulatorOptions['sampleOrg']>,
  extra: Partial<EmulatorOptions> = {},
): Promise<OrgEmulator> {
  const dir = tempDir();
  const key = writeServiceAccountKey(dir);
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    sampleOrg: spec,
    trustedKeys: [key.publicKeyPem],
    ...extra,
  });
  after(() => emu.close());
  const admin = async (path: string, method = 'GET') => (await fetch(`${emu.url}${path}`, { method })).json();
  const org = (await admin('/_emulator/org')) as OrgSummary;
  const token = emu.issueToken('tester@example.com');
  const projectIds: string[] = [];
  let pageToken = '';
  do {
    const url = `${emu.url}/cloudresourcemanager.googleapis.com/v3/projects:search?pageSize=500${pageToken ? `&pageToken=${pageToken}` : ''}`;
    const page = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      projects?: { projectId: string }[];
      nextPageToken?: string;
    };
    for (const p of page.projects ?? []) projectIds.push(p.projectId);
    pageToken = page.nextPageToken ?? '';
  } while (pageToken);
  await admin('/_emulator/quota', 'DELETE');
  return { emu, keyPath: key.path, dir, org, projectIds, admin };
}
