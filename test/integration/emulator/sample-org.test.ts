import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrgSummary as Summary } from '../../support/emulator-session.js';
import { type EmulatorHarness, listAllPages, startTestEmulator } from './emulator-harness.js';

const CRM = 'https://cloudresourcemanager.googleapis.com/v3';
const COMPUTE = 'https://compute.googleapis.com/compute/v1';
const SPEC = {
  projects: 12,
  seed: 1,
  folderDepth: 2,
  foldersPerFolder: 2,
  computeDisabled: 0.2,
  denied: 0.15,
  deleteRequested: 0.2,
};

let clock = 0;
const shared: Promise<{ h: EmulatorHarness; org: Summary }> = (async () => {
  const h = await startTestEmulator({ sampleOrg: SPEC, clock: () => clock });
  const org = (await h.raw('GET', '/_emulator/org')).json as Summary;
  return { h, org };
})();

/** A project of the organisation that is ACTIVE, allowed and has Compute enabled. */
function usable(org: Summary, all: { projectId: string; state: string }[]): string {
  const p = all.find(
    (x) =>
      x.state === 'ACTIVE' &&
      !org.deniedProjects.includes(x.projectId) &&
      !org.computeDisabledProjects.includes(x.projectId),
  );
  assert.ok(p);
  return p.projectId;
}

async function allProjects(
  h: EmulatorHarness,
): Promise<{ projectId: string; state: string; name: string }[]> {
  return (await listAllPages(h, `${CRM}/projects:search?pageSize=50`, 'projects')).items;
}

test('descending folders from the organisation reaches exactly its projects, page by page', async () => {
  const { h, org } = await shared;
  assert.equal(org.projects, 12);
  assert.equal(org.folders, 2 + 4);
  assert.ok(org.deleteRequestedProjects.length > 0 && org.deniedProjects.length > 0);
  const seen = new Map<string, { state: string; name: string; deleteTime?: string }>();
  const active = new Set<string>();
  const queue = [org.organization];
  let folders = 0;
  let pages = 0;
  while (queue.length > 0) {
    const parent = queue.shift() as string;
    const sub = await listAllPages(h, `${CRM}/folders?parent=${parent}&pageSize=2`, 'folders');
    const all = await listAllPages(
      h,
      `${CRM}/projects?parent=${parent}&pageSize=2&showDeleted=true`,
      'projects',
    );
    const live = await listAllPages(h, `${CRM}/projects?parent=${parent}&pageSize=2`, 'projects');
    pages += sub.pages.length + all.pages.length;
    for (const f of sub.items) {
      assert.equal(f.parent, parent);
      assert.equal(f.state, 'ACTIVE');
      queue.push(f.name);
      folders++;
    }
    for (const p of all.items) {
      assert.equal(p.parent, parent);
      assert.ok(!seen.has(p.projectId), `${p.projectId} listed once`);
      seen.set(p.projectId, p);
    }
    for (const p of live.items) {
      assert.equal(p.state, 'ACTIVE');
      active.add(p.projectId);
    }
  }
  assert.equal(folders, org.folders);
  assert.equal(seen.size, 12);
  assert.equal(active.size, org.activeProjects);
  assert.ok(pages > folders + 1, 'pages of two');
  for (const [id, p] of seen) {
    assert.match(p.name, /^projects\/\d{12}$/);
    assert.equal(p.state === 'DELETE_REQUESTED', org.deleteRequestedProjects.includes(id));
    assert.equal(p.deleteTime !== undefined, p.state === 'DELETE_REQUESTED');
  }
});

test('search: projects by parent, state and label (denied ones unseen), folders, organizations', async () => {
  const { h, org } = await shared;
  const all = await allProjects(h);
  assert.equal(all.length, 12 - org.deniedProjects.length, 'search returns only projects the caller may get');
  const active = await listAllPages(h, `${CRM}/projects:search?query=state:ACTIVE&pageSize=3`, 'projects');
  assert.ok(active.pages.length > 1);
  assert.ok(active.items.every((p) => p.state === 'ACTIVE'));
  const first = active.items[0];
  const sameParent = (
    await h.call('GET', `${CRM}/projects:search?query=parent:${first.parent}%20state=active`)
  ).json;
  assert.ok(sameParent.projects.some((p: { projectId: string }) => p.projectId === first.projectId));
  assert.ok(sameParent.projects.every((p: { parent: string }) => p.parent === first.parent));
  const labelled = (
    await h.call(
      'GET',
      `${CRM}/projects:search?query=labels.env:${first.labels.env}%20id:${first.projectId.slice(0, 4)}*`,
    )
  ).json;
  assert.ok(labelled.projects.some((p: { projectId: string }) => p.projectId === first.projectId));
  assert.equal((await h.call('GET', `${CRM}/projects:search?query=colour:red`)).status, 400);

  const eng = (await h.call('GET', `${CRM}/folders:search?query=displayName=ENG*`)).json.folders;
  assert.equal(eng.length, 1);
  assert.equal(eng[0].parent, org.organization);
  const orgs = (await h.call('GET', `${CRM}/organizations:search?query=domain:org1.example.com`)).json
    .organizations;
  assert.deepEqual(
    orgs.map((o: { name: string }) => o.name),
    [org.organization],
  );
  const got = await h.call('GET', `${CRM}/${org.organization}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.directoryCustomerId.startsWith('C0'), true);
});

test('a project with Compute disabled answers SERVICE_DISABLED exactly as Google does', async () => {
  const { h, org } = await shared;
  const id = org.computeDisabledProjects[0];
  const number = (await h.call('GET', `${CRM}/projects/${id}`)).json.name.split('/')[1];
  const r = await h.call('GET', `${COMPUTE}/projects/${id}/aggregated/instances`);
  const url = `https://console.developers.google.com/apis/api/compute.googleapis.com/overview?project=${number}`;
  const message = `Compute Engine API has not been used in project ${number} before or it is disabled. Enable it by visiting ${url} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
  assert.equal(r.status, 403);
  assert.deepEqual(r.json, {
    error: {
      code: 403,
      message,
      errors: [
        {
          message,
          domain: 'usageLimits',
          reason: 'accessNotConfigured',
          extendedHelp: 'https://console.developers.google.com',
        },
      ],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: {
            service: 'compute.googleapis.com',
            consumer: `projects/${number}`,
            activationUrl: url,
            serviceTitle: 'Compute Engine API',
            containerInfo: number,
          },
        },
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [{ description: 'Google developers console API activation', url }],
        },
      ],
    },
  });
  // its other APIs still answer
  assert.equal(
    (await h.call('GET', `https://iam.googleapis.com/v1/projects/${id}/serviceAccounts`)).status,
    200,
  );
});

test('a denied project answers IAM_PERMISSION_DENIED in each API family`s words', async () => {
  const { h, org } = await shared;
  const id = org.deniedProjects[0];
  const compute = await h.call('GET', `${COMPUTE}/projects/${id}/global/networks`);
  const computeMessage = `Required 'compute.networks.list' permission for 'projects/${id}'`;
  assert.deepEqual(compute.json, {
    error: {
      code: 403,
      message: computeMessage,
      errors: [{ message: computeMessage, domain: 'global', reason: 'forbidden' }],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'compute.googleapis.com',
          metadata: { permission: 'compute.networks.list', resource: `projects/${id}` },
        },
      ],
    },
  });
  const crm = await h.call('GET', `${CRM}/projects/${id}`);
  const crmMessage = `Permission 'resourcemanager.projects.get' denied on resource '//cloudresourcemanager.googleapis.com/projects/${id}' (or it may not exist).`;
  assert.deepEqual(crm.json, {
    error: {
      code: 403,
      message: crmMessage,
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'iam.googleapis.com',
          metadata: { permission: 'resourcemanager.projects.get', resource: `projects/${id}` },
        },
      ],
    },
  });
  const buckets = await h.call('GET', `https://storage.googleapis.com/storage/v1/b?project=${id}`);
  assert.equal(buckets.status, 403);
  assert.equal(buckets.json.error.details[0].metadata.permission, 'storage.buckets.list');
});

test('generated projects: instances in several zones, external IPs, public buckets, service accounts, policies', async () => {
  const { h, org } = await shared;
  const all = await allProjects(h);
  let instances = 0;
  let external = 0;
  let running = 0;
  let publicBuckets = 0;
  const zones = new Set<string>();
  const bootDisks: string[] = [];
  for (const p of all) {
    if (p.state !== 'ACTIVE') continue;
    const agg = await h.call('GET', `${COMPUTE}/projects/${p.projectId}/aggregated/instances`);
    assert.equal(agg.status, org.computeDisabledProjects.includes(p.projectId) ? 403 : 200);
    for (const [scope, group] of Object.entries(agg.json.items ?? {}) as [
      string,
      {
        instances: {
          status: string;
          networkInterfaces: { accessConfigs?: unknown[] }[];
          zone: string;
          disks: { source: string }[];
        }[];
      },
    ][]) {
      zones.add(scope);
      for (const i of group.instances) {
        instances++;
        if (i.status === 'RUNNING') running++;
        if (i.networkInterfaces[0].accessConfigs) external++;
        assert.match(i.zone, /^https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/.+\/zones\//);
        bootDisks.push(i.disks[0].source);
      }
    }
    for (const b of (
      await listAllPages(h, `https://storage.googleapis.com/storage/v1/b?project=${p.projectId}`, 'items')
    ).items) {
      const policy = (await h.call('GET', `https://storage.googleapis.com/storage/v1/b/${b.name}/iam`)).json;
      if (JSON.stringify(policy.bindings).includes('"allUsers"')) publicBuckets++;
    }
    const sas = (await h.call('GET', `https://iam.googleapis.com/v1/projects/${p.projectId}/serviceAccounts`))
      .json.accounts;
    assert.ok(sas.some((a: { email: string }) => a.email.endsWith('-compute@developer.gserviceaccount.com')));
    const policy = (await h.call('POST', `${CRM}/projects/${p.projectId}:getIamPolicy`, { body: {} })).json;
    assert.ok(policy.bindings.some((b: { role: string }) => b.role === 'roles/owner'));
  }
  const disk = await h.call(
    'GET',
    bootDisks[0].replace('https://www.googleapis.com', 'https://compute.googleapis.com'),
  );
  assert.equal(disk.status, 200, 'boot disks exist');
  assert.deepEqual(disk.json.users, [bootDisks[0].replace('/disks/', '/instances/')]);
  // the summary's counts are what a scan of the allowed ACTIVE projects finds
  assert.equal(instances, org.reachable.instances);
  assert.equal(running, org.reachable.runningInstances);
  assert.equal(external, org.reachable.instancesWithExternalIp);
  assert.equal(publicBuckets, org.reachable.publicBuckets);
  assert.ok(running < instances && external > 0 && publicBuckets > 0 && zones.size > 1);
});

test('the same seed serves the same JSON after a reset and reseed', async () => {
  const { h, org } = await shared;
  const id = usable(org, await allProjects(h));
  const read = async () =>
    [
      (await h.call('GET', `${COMPUTE}/projects/${id}/aggregated/instances`)).text,
      (await h.call('GET', `${COMPUTE}/projects/${id}/global/firewalls`)).text,
      (await h.call('GET', `https://storage.googleapis.com/storage/v1/b?project=${id}`)).text,
      (await h.call('GET', `${CRM}/projects/${id}`)).text,
    ].join('\n');
  const before = await read();
  assert.equal((await h.raw('POST', '/_emulator/reset?reseed=true')).status, 200);
  assert.equal((await h.raw('GET', '/_emulator/org')).json.generatedProjects, 0);
  assert.equal(await read(), before);
  const state = (await h.raw('GET', '/_emulator/state')).json;
  assert.deepEqual(Object.keys(state.disabledServices).sort(), [...org.computeDisabledProjects].sort());
  assert.deepEqual(state.deniedProjects, [...org.deniedProjects].sort());
  assert.equal(Object.keys(state.resources['cloudresourcemanager.googleapis.com'].projects).length, 12);
  assert.equal(
    (await h.raw('GET', '/_emulator/org')).json.generatedProjects,
    12,
    'a snapshot generates every project',
  );
});

test('quotas: 429 RESOURCE_EXHAUSTED per consumer under a burst, recovery after refill, counters', async () => {
  const { h, org } = await shared;
  const id = usable(org, await allProjects(h));
  const url = `${COMPUTE}/projects/${id}/global/networks`;
  assert.equal(
    (await h.raw('PUT', '/_emulator/quota', { body: ['compute.googleapis.com=4/s'] })).status,
    200,
  );
  await h.raw('DELETE', '/_emulator/quota');
  const asConsumer = { headers: { 'x-goog-user-project': id } };
  const burst = [];
  for (let i = 0; i < 6; i++) burst.push(await h.call('GET', url, asConsumer));
  assert.deepEqual(
    burst.map((r) => r.status),
    [200, 200, 200, 200, 429, 429],
  );
  const number = (await h.call('GET', `${CRM}/projects/${id}`)).json.name.split('/')[1];
  const message = `Quota exceeded for quota metric 'Queries' and limit 'Queries per second' of service 'compute.googleapis.com' for consumer 'project_number:${number}'.`;
  assert.equal(burst[4].headers.get('retry-after'), '1');
  assert.deepEqual(burst[4].json, {
    error: {
      code: 429,
      message,
      errors: [{ message, domain: 'usageLimits', reason: 'rateLimitExceeded' }],
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            service: 'compute.googleapis.com',
            consumer: `projects/${number}`,
            quota_metric: 'compute.googleapis.com/default_requests',
            quota_limit: 'DefaultRequestsPerSecondPerProject',
            quota_limit_value: '4',
            quota_location: 'global',
            quota_unit: '1/s/{project}',
          },
        },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [
            {
              description: 'Request a higher quota limit.',
              url: 'https://cloud.google.com/docs/quotas/help/request_increase',
            },
          ],
        },
      ],
    },
  });
  // another consumer (the caller's own credential here: none, so anonymous) has its own bucket
  assert.equal((await h.call('GET', url)).status, 200);
  clock += 500;
  assert.deepEqual(
    [
      (await h.call('GET', url, asConsumer)).status,
      (await h.call('GET', url, asConsumer)).status,
      (await h.call('GET', url, asConsumer)).status,
    ],
    [200, 200, 429],
    'half a second brings back two of four',
  );
  clock += 5_000;
  for (let i = 0; i < 4; i++) assert.equal((await h.call('GET', url, asConsumer)).status, 200);
  const counters = (await h.raw('GET', '/_emulator/quota?after=5')).json.counters;
  const mine = counters.find(
    (c: { consumer: string; service: string }) =>
      c.consumer === `projects/${id}` && c.service === 'compute.googleapis.com',
  );
  assert.deepEqual(
    { requests: mine.requests, throttled: mine.throttled, after: mine.after },
    { requests: 13, throttled: 3, after: { seconds: 5, requests: 4, throttled: 0 } },
  );

  // the v1 family's 403 variants, a per-project limit, the consumer from a service account's token
  await h.raw('PUT', '/_emulator/quota', {
    body: { rules: ['compute.googleapis.com=100/s,project=1/min,answer=userRateLimitExceeded'] },
  });
  await h.raw('DELETE', '/_emulator/quota');
  const token = h.emu.issueToken(`scanner@${id}.iam.gserviceaccount.com`);
  assert.equal((await h.call('GET', url, { token })).status, 200);
  const user = await h.call('GET', url, { token });
  assert.equal(user.status, 403);
  assert.equal(user.headers.get('retry-after'), null);
  assert.equal(user.json.error.status, 'PERMISSION_DENIED');
  assert.equal(user.json.error.errors[0].reason, 'userRateLimitExceeded');
  assert.equal(user.json.error.details[0].metadata.quota_limit, 'DefaultRequestsPerMinutePerUser');
  const byToken = (await h.raw('GET', '/_emulator/quota')).json.counters;
  assert.ok(
    byToken.some(
      (c: { consumer: string; throttled: number }) => c.consumer === `projects/${id}` && c.throttled === 1,
    ),
  );
  assert.equal((await h.raw('PUT', '/_emulator/quota', { body: ['nonsense'] })).status, 400);
  await h.raw('PUT', '/_emulator/quota', { body: [] });
});

test('disabled services and denied projects from a seed; APIs without the legacy list send details only', async () => {
  const h = await startTestEmulator({
    projects: ['quiet', 'closed'],
    seed: { disabledServices: { quiet: ['pubsub.googleapis.com'] }, deniedProjects: ['closed'] },
  });
  const r = await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/quiet/topics');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.errors, undefined);
  assert.equal(r.json.error.details[0].reason, 'SERVICE_DISABLED');
  assert.equal(r.json.error.details[0].metadata.consumer, 'projects/quiet');
  assert.equal(
    (await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/closed/topics')).json.error.details[0]
      .reason,
    'IAM_PERMISSION_DENIED',
  );
  assert.equal((await h.call('GET', `${COMPUTE}/projects/quiet/global/networks`)).status, 200);
  assert.equal((await h.raw('GET', '/_emulator/org')).status, 404);
  assert.equal(
    (await h.raw('POST', '/_emulator/seed', { body: { sampleOrg: { projects: 'many' } } })).status,
    400,
  );
  assert.equal((await h.raw('POST', '/_emulator/seed', { body: { quotas: ['compute=fast'] } })).status, 400);
});
