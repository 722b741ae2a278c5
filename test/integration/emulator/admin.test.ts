import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, pollComputeOperation, startTestEmulator } from './emulator-harness.js';

const ZONE = 'https://compute.googleapis.com/compute/v1/projects/p1/zones/z1';

test('admin API: health, seed, log, settings, tokens, routes, reset', async () => {
  const h = await startTestEmulator();
  const health = await h.raw('GET', '/_emulator/health', { token: null });
  assert.equal(health.json.provider, 'google');
  assert.equal(health.json.version, 'v25.07.00000');
  assert.equal(health.json.routes.services, 169);

  const seed = {
    resources: {
      'compute.googleapis.com': { 'projects/p1/zones/z1/instances': { seeded: { machineType: 'm1' } } },
    },
    iamPolicies: {
      'cloudresourcemanager.googleapis.com': {
        'projects/p1': { bindings: [{ role: 'roles/viewer', members: ['user:x@example.com'] }] },
      },
    },
  };
  const seeded = await h.raw('POST', '/_emulator/seed', { body: seed, token: null });
  // the instance, and its project, which the seed declares (added to Resource Manager)
  assert.deepEqual(seeded.json, { resources: 2 });
  const project = await h.call('GET', 'https://cloudresourcemanager.googleapis.com/v3/projects/p1');
  assert.equal(project.json.state, 'ACTIVE');
  const vm = await h.call('GET', `${ZONE}/instances/seeded`);
  assert.equal(vm.json.machineType, 'm1');
  assert.equal(vm.json.kind, 'compute#instance', 'server fields filled in on first read');
  assert.equal(
    vm.json.selfLink,
    `https://www.googleapis.com/compute/v1/projects/p1/zones/z1/instances/seeded`,
  );
  const policy = await h.call(
    'POST',
    'https://cloudresourcemanager.googleapis.com/v3/projects/p1:getIamPolicy',
    { body: {} },
  );
  assert.deepEqual(policy.json.bindings, [{ role: 'roles/viewer', members: ['user:x@example.com'] }]);
  googleError(
    await h.raw('POST', '/_emulator/seed', {
      raw: '{"resources": []}',
      headers: { 'content-type': 'application/json' },
      token: null,
    }),
    400,
    'INVALID_ARGUMENT',
  );
  googleError(
    await h.raw('POST', '/_emulator/seed', {
      raw: 'resources: [unclosed',
      headers: { 'content-type': 'application/yaml' },
      token: null,
    }),
    400,
    'INVALID_ARGUMENT',
  );

  await h.raw('DELETE', '/_emulator/log');
  await h.call('POST', `${ZONE}/instances?requestId=r1`, { body: { name: 'logged' } });
  await h.call('GET', `${ZONE}/instances/missing`);
  const log = (await h.raw('GET', '/_emulator/log')).json.entries;
  assert.equal(log.length, 2);
  assert.equal(log[0].method, 'POST');
  assert.equal(log[0].url, '/compute.googleapis.com/compute/v1/projects/p1/zones/z1/instances?requestId=r1');
  assert.equal(log[0].host, 'compute.googleapis.com');
  assert.deepEqual(log[0].query, { requestId: 'r1' });
  assert.equal(log[0].status, 200);
  assert.deepEqual(JSON.parse(log[0].requestBody), { name: 'logged' });
  assert.equal(log[0].authorization, `Bearer ${h.token}`);
  assert.equal(log[1].status, 404);
  const since = (await h.raw('GET', `/_emulator/log?since=${log[0].seq}`)).json.entries;
  assert.equal(since.length, 1);

  const settings = await h.raw('PATCH', '/_emulator/settings', { body: { operationPolls: 3 } });
  assert.equal(settings.json.operationPolls, 3);
  const ins = await h.call('POST', `${ZONE}/instances`, { body: { name: 'slow' } });
  assert.deepEqual((await pollComputeOperation(h, ins.json)).states, [
    'PENDING',
    'RUNNING',
    'RUNNING',
    'DONE',
  ]);
  googleError(
    await h.raw('PATCH', '/_emulator/settings', { body: { operationPolls: -1 } }),
    400,
    'INVALID_ARGUMENT',
  );
  googleError(await h.raw('PATCH', '/_emulator/settings', { body: { nope: 1 } }), 400, 'INVALID_ARGUMENT');

  const token = await h.raw('POST', '/_emulator/tokens', {
    body: { principal: 'ci@example.com' },
    token: null,
  });
  assert.equal((await h.call('GET', `${ZONE}/instances`, { token: token.json.access_token })).status, 200);

  const routes = await h.raw('GET', '/_emulator/routes?host=pubsub.googleapis.com');
  assert.ok(
    routes.json.routes.some(
      (r: { template: string; kind: string }) =>
        r.template === '/v1/projects/{projectsId}/topics' && r.kind === 'list',
    ),
  );

  await h.raw('POST', '/_emulator/reset');
  googleError(await h.call('GET', `${ZONE}/instances/seeded`), 404, 'NOT_FOUND');
  googleError(await h.raw('GET', '/_emulator/nothing'), 404, 'NOT_FOUND');
});

test('reset with reseed restores the start-up data', async () => {
  const h = await startTestEmulator({ sample: true });
  await h.call('DELETE', 'https://storage.googleapis.com/storage/v1/b/skyql-demo-logs');
  googleError(
    await h.call('GET', 'https://storage.googleapis.com/storage/v1/b/skyql-demo-logs'),
    404,
    'NOT_FOUND',
  );
  await h.raw('POST', '/_emulator/reset?reseed=true');
  assert.equal(
    (await h.call('GET', 'https://storage.googleapis.com/storage/v1/b/skyql-demo-logs')).status,
    200,
  );
});
