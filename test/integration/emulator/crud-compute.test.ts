import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, listAllPages, pollComputeOperation, startTestEmulator } from './emulator-harness.js';

const C = 'https://compute.googleapis.com/compute/v1/projects/p1';

test('compute instances: insert → operation PENDING → RUNNING → DONE → get → list paged → update → delete', async () => {
  const h = await startTestEmulator({ projects: ['p1'], settings: { operationPolls: 2 } });
  const zone = `${C}/zones/us-east1-b`;
  const ins = await h.call('POST', `${zone}/instances`, {
    body: { name: 'vm-1', machineType: 'zones/us-east1-b/machineTypes/e2-small', labels: { a: '1' } },
  });
  assert.equal(ins.status, 200, ins.text);
  const op = ins.json;
  assert.equal(op.kind, 'compute#operation');
  assert.equal(op.operationType, 'insert');
  assert.equal(op.status, 'PENDING');
  // links as Google writes them: on the legacy host, served by compute.googleapis.com too
  assert.equal(
    op.targetLink,
    `https://www.googleapis.com/compute/v1/projects/p1/zones/us-east1-b/instances/vm-1`,
  );
  assert.match(
    op.selfLink,
    /^https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/p1\/zones\/us-east1-b\/operations\/operation-/,
  );
  assert.equal(op.zone, `https://www.googleapis.com/compute/v1/projects/p1/zones/us-east1-b`);
  const { final, states } = await pollComputeOperation(h, op);
  assert.deepEqual(states, ['PENDING', 'RUNNING', 'DONE']);
  assert.equal(final.progress, 100);
  assert.ok(final.endTime);
  const waited = await h.call('POST', `${final.selfLink}/wait`);
  assert.equal(waited.json.status, 'DONE');

  const vm = await h.call('GET', op.targetLink);
  assert.equal(vm.status, 200);
  assert.equal(vm.json.kind, 'compute#instance');
  assert.equal(vm.json.name, 'vm-1');
  assert.match(vm.json.id, /^\d+$/);
  assert.equal(vm.json.selfLink, op.targetLink);
  assert.equal(vm.json.zone, op.zone);
  assert.equal(vm.json.status, 'RUNNING');
  assert.ok(vm.json.creationTimestamp);
  googleError(await h.call('POST', `${zone}/instances`, { body: { name: 'vm-1' } }), 409, 'ALREADY_EXISTS');
  googleError(await h.call('POST', `${zone}/instances`, { body: {} }), 400, 'INVALID_ARGUMENT');

  for (const n of ['vm-2', 'vm-3', 'vm-4']) await h.call('POST', `${zone}/instances`, { body: { name: n } });
  await h.call('POST', `${C}/zones/europe-west1-c/instances`, { body: { name: 'vm-eu' } });
  const all = await listAllPages(h, `${zone}/instances?maxResults=3`, 'items');
  assert.equal(all.pages.length, 2);
  assert.equal(all.pages[0].kind, 'compute#instanceList');
  assert.ok(all.pages[0].nextPageToken);
  assert.deepEqual(
    all.items.map((i: { name: string }) => i.name),
    ['vm-1', 'vm-2', 'vm-3', 'vm-4'],
  );

  const agg = await h.call('GET', `${C}/aggregated/instances`);
  assert.equal(agg.json.kind, 'compute#instanceAggregatedList');
  assert.deepEqual(Object.keys(agg.json.items), ['zones/europe-west1-c', 'zones/us-east1-b']);
  assert.equal(agg.json.items['zones/us-east1-b'].instances.length, 4);
  const aggPaged = await listAllPages(h, `${C}/aggregated/instances?maxResults=2`, 'items');
  assert.equal(aggPaged.pages.length, 3);
  const flattened = aggPaged.pages.flatMap(
    (p: { items?: Record<string, { instances: { name: string }[] }> }) =>
      Object.values(p.items ?? {}).flatMap((s) => s.instances.map((i) => i.name)),
  );
  assert.deepEqual(flattened, ['vm-eu', 'vm-1', 'vm-2', 'vm-3', 'vm-4']);

  const upd = await h.call('PUT', `${zone}/instances/vm-2`, {
    body: { name: 'vm-2', description: 'replaced', labels: { x: 'y' } },
  });
  assert.equal(upd.json.operationType, 'update');
  await pollComputeOperation(h, upd.json);
  const after = await h.call('GET', `${zone}/instances/vm-2`);
  assert.equal(after.json.description, 'replaced');
  assert.equal(after.json.kind, 'compute#instance', 'server fields survive a replace');

  const labels = await h.call('POST', `${zone}/instances/vm-2/setLabels`, {
    body: { labels: { team: 'core' }, labelFingerprint: 'x' },
  });
  assert.equal(labels.json.operationType, 'setLabels');
  const stop = await h.call('POST', `${zone}/instances/vm-2/stop`);
  assert.equal(stop.json.operationType, 'stop');
  const stopped = await h.call('GET', `${zone}/instances/vm-2`);
  assert.deepEqual(stopped.json.labels, { team: 'core' });
  assert.equal(stopped.json.status, 'TERMINATED');
  googleError(await h.call('POST', `${zone}/instances/nope/stop`), 404, 'NOT_FOUND');

  const del = await h.call('DELETE', `${zone}/instances/vm-2`);
  assert.equal(del.json.operationType, 'delete');
  await pollComputeOperation(h, del.json);
  googleError(await h.call('GET', `${zone}/instances/vm-2`), 404, 'NOT_FOUND');
  const ops = await h.call('GET', `${zone}/operations`);
  assert.ok(ops.json.items.length >= 6);
});

test('compute global resources: firewall patch answers a global operation', async () => {
  const h = await startTestEmulator({ projects: ['p1'], settings: { operationPolls: 0 } });
  const fw = `${C}/global/firewalls`;
  const ins = await h.call('POST', fw, {
    body: { name: 'allow-ssh', sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['22'] }] },
  });
  assert.equal(ins.json.status, 'DONE', 'operationPolls 0: done at once');
  assert.match(ins.json.selfLink, /\/compute\/v1\/projects\/p1\/global\/operations\/operation-/);
  assert.equal(ins.json.zone, undefined);
  const patch = await h.call('PATCH', `${fw}/allow-ssh`, { body: { sourceRanges: ['10.0.0.0/8'] } });
  assert.equal(patch.json.operationType, 'patch');
  const got = await h.call('GET', `${fw}/allow-ssh`);
  assert.deepEqual(got.json.sourceRanges, ['10.0.0.0/8']);
  assert.deepEqual(got.json.allowed, [{ IPProtocol: 'tcp', ports: ['22'] }]);
  const globalOp = await h.call('GET', patch.json.selfLink);
  assert.equal(globalOp.status, 200);
});
