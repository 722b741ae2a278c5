import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { mutationSession, objects, requestsDuring, run } from '../mutations/mutation-kit.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;

const INSTANCES_ON_NETWORKS = `
  SELECT i.name AS instance, n.name AS network
  FROM google.compute.instances i, json_each(i.networkInterfaces) nic
  JOIN google.compute.networks n ON n.selfLink = json_extract(nic.value, '$.network')
  WHERE i.project = '${P}' AND i.zone = 'us-central1-a' AND n.project = '${P}'
  ORDER BY i.name`;

test("instances' network interfaces join networks.selfLink: links are Google's, seeded and created alike", async () => {
  const { session } = mutationSession(emu, keyPath);
  assert.deepEqual(objects(await run(session, INSTANCES_ON_NETWORKS)), [
    { instance: 'web-1', network: 'default' },
    { instance: 'web-2', network: 'default' },
  ]);
  const [net] = objects(
    await run(session, `SELECT selfLink FROM google.compute.networks WHERE project = '${P}'`),
  );
  assert.equal(net.selfLink, `https://www.googleapis.com/compute/v1/projects/${P}/global/networks/default`);
  // a partial reference in a create comes back as the same full link
  await run(
    session,
    `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name, data__networkInterfaces)
     SELECT '${P}', 'us-central1-a', 'web-3', '[{"network": "global/networks/default"}]'`,
  );
  const joined = objects(await run(session, INSTANCES_ON_NETWORKS));
  assert.deepEqual(
    joined.map((r) => r.instance),
    ['web-1', 'web-2', 'web-3'],
  );
});

test('filter, orderBy and maxResults are honoured by lists that declare them', async () => {
  const { session } = mutationSession(emu, keyPath);
  const names = async (where: string) =>
    objects(
      await run(
        session,
        `SELECT name FROM google.compute.instances WHERE project = '${P}' AND zone = 'europe-west1-b' AND ${where}`,
      ),
    ).map((r) => r.name);
  assert.deepEqual(await names(`filter = 'status != TERMINATED'`), ['db-1']);
  assert.deepEqual(await names(`filter = 'labels.role = batch'`), ['batch-1']);
  assert.deepEqual(await names(`filter = 'name = "b*"'`), ['batch-1']);
  assert.deepEqual(await names(`filter = 'name eq d.*'`), ['db-1'], "Compute's regular-expression form");
  assert.deepEqual(await names(`orderBy = 'name desc'`), ['db-1', 'batch-1']);
  const sent = await requestsDuring(emu, () => names(`maxResults = 1`));
  assert.equal(sent.filter((e) => e.path.endsWith('/instances')).length, 2, 'one item per page, two pages');
  await assert.rejects(
    names(`filter = 'status = RUNNING OR'`),
    (e: unknown) =>
      isSkyqlError(e, 'HTTP_ERROR') &&
      /400 INVALID_ARGUMENT: Invalid value for field 'filter': 'status = RUNNING OR'/.test(e.message),
  );
});

test('created resources carry the server-side defaults the API documents', async () => {
  const { session } = mutationSession(emu, keyPath);
  await run(
    session,
    `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'fresh-bucket')`,
  );
  const [bucket] = objects(
    await run(
      session,
      `SELECT storageClass, location, metageneration, timeCreated, selfLink FROM google.storage.buckets WHERE bucket = 'fresh-bucket'`,
    ),
  );
  assert.equal(bucket.storageClass, 'STANDARD');
  assert.equal(bucket.location, 'US');
  assert.equal(bucket.metageneration, '1');
  assert.match(String(bucket.timeCreated), /^\d{4}-\d\d-\d\dT/);
  assert.equal(bucket.selfLink, 'https://www.googleapis.com/storage/v1/b/fresh-bucket');
  await run(
    session,
    `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name, data__scheduling)
     SELECT '${P}', 'us-central1-b', 'spot-1', '{"automaticRestart": false}'`,
  );
  const [vm] = objects(
    await run(
      session,
      `SELECT status, scheduling, canIpForward FROM google.compute.instances WHERE project = '${P}' AND zone = 'us-central1-b' AND instance = 'spot-1'`,
    ),
  );
  assert.equal(vm.status, 'RUNNING');
  assert.equal(vm.canIpForward, false);
  assert.deepEqual(JSON.parse(String(vm.scheduling)), {
    onHostMaintenance: 'MIGRATE',
    automaticRestart: false,
    preemptible: false,
    provisioningModel: 'STANDARD',
  });
});
