import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import { startEmulator } from '../../../src/tools/emulator/server/emulator-server.js';
import type { SeedDocument } from '../../../src/tools/emulator/state/state-file.js';
import { writeServiceAccountKey } from '../../support/emulator-service-account.js';
import { emulatorSession } from '../../support/emulator-session.js';
import {
  LEGACY_DIR,
  LEGACY_VERSION,
  srcRegistryJson,
  TINY_LEGACY_VERSION,
  writeTinyLegacyRegistry,
} from '../../support/legacy-registry.js';
import { tempDir } from '../../support/temp-dir.js';
import { lines, objects, requestsDuring, run } from '../mutations/mutation-kit.js';

const P = 'skyql-demo';

/** Disks beside the sample's instances, usable subnetworks, a KMS key ring with a policy. */
const SEED: SeedDocument = {
  resources: {
    'compute.googleapis.com': {
      [`projects/${P}/zones/us-central1-a/disks`]: Object.fromEntries(
        ['web-1', 'web-2', 'data-1', 'data-2', 'data-3', 'data-4', 'data-5'].map((n, i) => [
          n,
          { sizeGb: String(10 * (i + 1)) },
        ]),
      ),
    },
    'container.googleapis.com': {
      [`projects/${P}/aggregated/usableSubnetworks`]: {
        s1: { subnetwork: `projects/${P}/regions/us-central1/subnetworks/s1`, ipCidrRange: '10.0.0.0/24' },
        s2: { subnetwork: `projects/${P}/regions/us-central1/subnetworks/s2`, ipCidrRange: '10.0.1.0/24' },
      },
    },
    'cloudkms.googleapis.com': {
      [`projects/${P}/locations/global/keyRings`]: { 'ring-1': {} },
    },
  },
  iamPolicies: {
    'cloudkms.googleapis.com': {
      [`projects/${P}/locations/global/keyRings/ring-1`]: {
        version: 1,
        etag: 'BwKms',
        bindings: [
          { role: 'roles/cloudkms.admin', members: ['user:alice@example.com'] },
          { role: 'roles/cloudkms.viewer', members: ['group:ops@example.com'] },
        ],
      },
    },
  },
};

/** An emulator and sessions over a src-shaped registry in the older layout. */
async function legacySetup(dir: string, version: string, seed: SeedDocument[], sample: boolean) {
  const appRoot = tempDir();
  const registry = parseRegistryConfig(srcRegistryJson(dir, appRoot), appRoot);
  const key = writeServiceAccountKey(tempDir());
  const emu = await startEmulator({ registry, version, sample, seed, trustedKeys: [key.publicKeyPem] });
  const session = () =>
    emulatorSession(emu, key.path, { registry, pins: new Map([['google', version]]) }).session;
  return { emu, session };
}

const legacy = await legacySetup(LEGACY_DIR, LEGACY_VERSION, [SEED], true);
after(() => legacy.emu.close());

function cells(r: ResultSet | undefined, column: string): unknown[] {
  return objects(r).map((row) => row[column]);
}

test('SELECT pages through a list (storage buckets; compute disks from a split document)', async () => {
  const s = legacy.session();
  const sent = await requestsDuring(legacy.emu, async () => {
    const buckets = await run(
      s,
      `SELECT name FROM google.storage.buckets WHERE project = '${P}' ORDER BY name`,
    );
    assert.equal(objects(buckets).length, 12);
  });
  assert.equal(sent.length, 3, 'the sample serves 12 buckets five per page');
  const disks = await requestsDuring(legacy.emu, async () => {
    const r = await run(
      s,
      `SELECT name, sizeGb FROM google.compute.disks WHERE project = '${P}' AND zone = 'us-central1-a' ORDER BY name`,
    );
    assert.deepEqual(cells(r, 'name'), ['data-1', 'data-2', 'data-3', 'data-4', 'data-5', 'web-1', 'web-2']);
  });
  assert.deepEqual(
    lines(disks).map((l) => l.replace(/\?pageToken=.*$/, '?pageToken=…')),
    [
      `GET /compute/v1/projects/${P}/zones/us-central1-a/disks`,
      `GET /compute/v1/projects/${P}/zones/us-central1-a/disks?pageToken=…`,
    ],
  );
});

test('IAM policy resources: a register resource (whole policy) and a service one (objectKey $.bindings)', async () => {
  const s = legacy.session();
  const [policy] = objects(
    await run(
      s,
      `SELECT etag, version FROM google.compute.instances_iam_policies WHERE project = '${P}' AND zone = 'us-central1-a' AND resource = 'web-1'`,
    ),
  );
  assert.ok(typeof policy.etag === 'string' && policy.etag !== '');
  const bindings = await run(
    s,
    `SELECT role, members FROM google.cloudkms.key_rings_iam_policies
     WHERE projectsId = '${P}' AND locationsId = 'global' AND keyRingsId = 'ring-1' ORDER BY role`,
  );
  assert.deepEqual(objects(bindings), [
    { role: 'roles/cloudkms.admin', members: '["user:alice@example.com"]' },
    { role: 'roles/cloudkms.viewer', members: '["group:ops@example.com"]' },
  ]);
});

test('a join between resources of two split documents (instances × disks)', async () => {
  const r = await run(
    legacy.session(),
    `SELECT i.name, i.status, d.sizeGb
     FROM google.compute.instances i JOIN google.compute.disks d ON d.name = i.name
     WHERE i.project = '${P}' AND i.zone = 'us-central1-a' AND d.project = '${P}' AND d.zone = 'us-central1-a'
     ORDER BY i.name`,
  );
  assert.deepEqual(objects(r), [
    { name: 'web-1', status: 'RUNNING', sizeGb: '10' },
    { name: 'web-2', status: 'RUNNING', sizeGb: '20' },
  ]);
});

test('sqlVerbs precedence picks get, list or aggregatedList by the parameters given', async () => {
  const s = legacy.session();
  const paths = async (where: string) =>
    lines(
      await requestsDuring(legacy.emu, () =>
        run(s, `SELECT name FROM google.compute.instances WHERE ${where}`),
      ),
    );
  assert.deepEqual(await paths(`project = '${P}' AND zone = 'us-central1-a' AND instance = 'web-1'`), [
    `GET /compute/v1/projects/${P}/zones/us-central1-a/instances/web-1`,
  ]);
  assert.deepEqual(await paths(`project = '${P}' AND zone = 'us-central1-a'`), [
    `GET /compute/v1/projects/${P}/zones/us-central1-a/instances`,
  ]);
  assert.deepEqual(await paths(`project = '${P}'`), [`GET /compute/v1/projects/${P}/aggregated/instances`]);
});

test('a dotted resource name (quoted) selects, shows its methods and describes', async () => {
  const s = legacy.session();
  const fqn = 'google.container."projects.aggregated.usableSubnetworks"';
  const r = await run(
    s,
    `SELECT subnetwork, ipCidrRange FROM ${fqn} WHERE projectsId = '${P}' ORDER BY ipCidrRange`,
  );
  assert.deepEqual(cells(r, 'ipCidrRange'), ['10.0.0.0/24', '10.0.1.0/24']);
  assert.deepEqual(objects(await run(s, `SHOW METHODS IN ${fqn}`)), [
    { MethodName: 'list', RequiredParams: 'projectsId', SQLVerb: 'SELECT' },
  ]);
  assert.deepEqual(cells(await run(s, `DESCRIBE ${fqn}`), 'name'), [
    'ipCidrRange',
    'network',
    'secondaryIpRanges',
    'statusMessage',
    'subnetwork',
  ]);
});

test('SHOW SERVICES, RESOURCES (the register’s keys), METHODS and DESCRIBE over the older layout', async () => {
  const s = legacy.session();
  assert.deepEqual(cells(await run(s, `SHOW SERVICES IN google LIKE 'comp%'`), 'name'), [
    'composer',
    'compute',
  ]);
  assert.deepEqual(cells(await run(s, `SHOW RESOURCES IN google.compute LIKE 'instance%'`), 'name'), [
    'instanceGroupManagers',
    'instanceGroups',
    'instanceTemplates',
    'instances',
    'instances_iam_policies',
  ]);
  assert.deepEqual(objects(await run(s, 'SHOW METHODS IN google.compute.firewalls')), [
    { MethodName: 'get', RequiredParams: 'firewall, project', SQLVerb: 'SELECT' },
    { MethodName: 'list', RequiredParams: 'project', SQLVerb: 'SELECT' },
    { MethodName: 'insert', RequiredParams: 'project', SQLVerb: 'INSERT' },
    { MethodName: 'delete', RequiredParams: 'firewall, project', SQLVerb: 'DELETE' },
    { MethodName: 'patch', RequiredParams: 'firewall, project', SQLVerb: 'UPDATE' },
    { MethodName: 'put', RequiredParams: 'firewall, project', SQLVerb: 'REPLACE' },
  ]);
  const described = cells(await run(s, 'DESCRIBE google.compute.disks'), 'name');
  assert.deepEqual(described.slice(0, 3), ['id', 'name', 'description']);
  assert.ok(described.includes('sizeGb'));
  const method = objects(await run(s, 'DESCRIBE METHOD google.compute.addresses.insert'));
  assert.ok(
    method.some((m) => m.name === 'data__name' && m.param_type === 'input_required'),
    'request.required: [name] makes data__name required',
  );
  await assert.rejects(
    run(s, 'SHOW RESOURCES IN google.abusiveexperiencereport'),
    /service document of google\.abusiveexperiencereport not found: googleapis\.com\/v0\.1\.2\/services\/abusiveexperiencereport-v1\.yaml/,
  );
});

// A synthetic provider in the older layout: custom method names, every reference form.

const tiny = await legacySetup(
  writeTinyLegacyRegistry(tempDir()),
  TINY_LEGACY_VERSION,
  [
    {
      resources: {
        'things.googleapis.com': {
          'projects/p1/widgets': { w1: { size: 1 }, w2: { size: 2 }, w3: { size: 3 } },
          'projects/p1/gadgets': { g1: { size: 7 } },
        },
      },
      settings: { defaultPageSize: 2 },
    },
  ],
  false,
);
after(() => tiny.emu.close());

test('methods with any names: sqlVerbs order decides (getLost before crazyList), EXEC calls them by name', async () => {
  const s = tiny.session();
  assert.deepEqual(
    objects(await run(s, 'SHOW METHODS IN google.things.widgets')).map((m) => `${m.MethodName} ${m.SQLVerb}`),
    ['crazyList SELECT', 'getLost SELECT', 'create INSERT', 'remove DELETE'],
    'by verb, then name',
  );
  const listed = await requestsDuring(tiny.emu, async () => {
    const r = await run(s, `SELECT name, size FROM google.things.widgets WHERE project = 'p1' ORDER BY name`);
    assert.deepEqual(cells(r, 'size'), [1, 2, 3]);
  });
  assert.equal(listed.length, 2, 'crazyList pages (two per page)');
  const got = await requestsDuring(tiny.emu, async () => {
    const r = await run(s, `SELECT size FROM google.things.widgets WHERE project = 'p1' AND item = 'w2'`);
    assert.deepEqual(cells(r, 'size'), [2]);
  });
  assert.deepEqual(lines(got), ['GET /v1/projects/p1/widgets/w2'], 'getLost, listed first, fits');
  const exec = await run(
    s,
    `EXEC /*+ SHOWRESULTS */ google.things.widgets.getLost @project = 'p1', @item = 'w3'`,
  );
  assert.deepEqual(cells(exec, 'size'), [3]);
  const gadgets = await run(s, `SELECT name, size FROM google.things.gadgets WHERE project = 'p1'`);
  assert.deepEqual(cells(gadgets, 'size'), [7], 'a resource reading its own serviceDoc');
});
