import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../../support/paths.js';
import { googleError, listAllPages, startTestEmulator } from './emulator-harness.js';

const SEED = join(REPO_ROOT, 'test', 'fixtures', 'emulator', 'small-seed.yaml');

test('a YAML seed file: resources, scopes, IAM policies and settings', async () => {
  const h = await startTestEmulator({ seed: SEED });
  assert.equal(h.emu.settings.operationPolls, 2);
  const all = await listAllPages(
    h,
    'https://compute.googleapis.com/compute/v1/projects/acme/zones/us-east1-b/instances',
    'items',
  );
  assert.equal(all.pages.length, 2, 'seeded page size 2');
  assert.deepEqual(
    all.items.map((i: { name: string; kind: string }) => `${i.name} ${i.kind}`),
    ['app-1 compute#instance', 'app-2 compute#instance', 'app-3 compute#instance'],
  );
  const buckets = await h.call('GET', 'https://storage.googleapis.com/storage/v1/b?project=acme');
  assert.deepEqual(
    buckets.json.items.map((b: { name: string }) => b.name),
    ['acme-data'],
  );
  assert.equal(
    (await h.call('GET', 'https://storage.googleapis.com/storage/v1/b?project=other')).json.items,
    undefined,
  );
  const topic = await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/acme/topics/orders');
  assert.equal(topic.json.name, 'projects/acme/topics/orders');
  const policy = await h.call(
    'POST',
    'https://cloudresourcemanager.googleapis.com/v3/projects/acme:getIamPolicy',
    { body: {} },
  );
  assert.equal(policy.json.bindings[0].role, 'roles/owner');
});

test('legacy www.googleapis.com links reach the API of their base path; HEAD works', async () => {
  const h = await startTestEmulator({ seed: SEED });
  const r = await h.call(
    'GET',
    'https://www.googleapis.com/compute/v1/projects/acme/zones/us-east1-b/instances/app-1',
  );
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'app-1');
  const b = await h.call('GET', 'https://www.googleapis.com/storage/v1/b/acme-data');
  assert.equal(b.json.name, 'acme-data');
  googleError(await h.call('GET', 'https://www.googleapis.com/nothing/v1/x'), 404, 'NOT_FOUND');
  const head = await h.call(
    'HEAD',
    'https://compute.googleapis.com/compute/v1/projects/acme/zones/us-east1-b/instances/app-1',
  );
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
});
