import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, listAllPages, startTestEmulator } from './emulator-harness.js';

const BASE = 'https://pubsub.googleapis.com/v1/projects/p1/topics';

test('pubsub topics: create (PUT) → get → list paged → patch with a body updateMask → delete', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  for (const t of ['t1', 't2', 't3', 't4', 't5']) {
    const r = await h.call('PUT', `${BASE}/${t}`, { body: { labels: { n: t } } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, `projects/p1/topics/${t}`);
    assert.deepEqual(r.json.labels, { n: t });
  }
  googleError(await h.call('PUT', `${BASE}/t1`, { body: {} }), 409, 'ALREADY_EXISTS');

  const got = await h.call('GET', `${BASE}/t3`);
  assert.equal(got.status, 200);
  assert.equal(got.json.name, 'projects/p1/topics/t3');

  const first = await h.call('GET', `${BASE}?pageSize=2`);
  assert.equal(first.json.topics.length, 2);
  assert.equal(typeof first.json.nextPageToken, 'string');
  const all = await listAllPages(h, `${BASE}?pageSize=2`, 'topics');
  assert.equal(all.pages.length, 3);
  assert.equal(all.pages[2].nextPageToken, undefined);
  assert.deepEqual(
    all.items.map((t: { name: string }) => t.name),
    ['t1', 't2', 't3', 't4', 't5'].map((t) => `projects/p1/topics/${t}`),
  );

  const patched = await h.call('PATCH', `${BASE}/t2`, {
    body: { topic: { labels: { n: 'changed' }, messageRetentionDuration: '600s' }, updateMask: 'labels' },
  });
  assert.equal(patched.status, 200, patched.text);
  assert.deepEqual(patched.json.labels, { n: 'changed' });
  assert.equal(patched.json.messageRetentionDuration, undefined, 'fields outside the mask are not written');
  assert.equal(patched.json.name, 'projects/p1/topics/t2');

  const del = await h.call('DELETE', `${BASE}/t2`);
  assert.equal(del.status, 200);
  googleError(await h.call('GET', `${BASE}/t2`), 404, 'NOT_FOUND');
  const after = await listAllPages(h, BASE, 'topics');
  assert.equal(after.items.length, 4);
});

test('pubsub: an empty list omits the list key; unknown projects are 404; custom verbs and IAM work on topics', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  const empty = await h.call('GET', BASE);
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.json, {});
  const unknown = googleError(
    await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/nobody/topics'),
    404,
    'NOT_FOUND',
  );
  assert.match(
    unknown.message,
    /^Requested project not found or user does not have access to it \(project=nobody\)/,
  );
  await h.call('PUT', `${BASE}/x`, { body: {} });
  const publish = await h.call('POST', `${BASE}/x:publish`, { body: { messages: [{ data: 'aGk=' }] } });
  assert.equal(publish.status, 200, publish.text);
  googleError(await h.call('POST', `${BASE}/missing:publish`, { body: {} }), 404, 'NOT_FOUND');
  const set = await h.call('POST', `${BASE}/x:setIamPolicy`, {
    body: { policy: { bindings: [{ role: 'roles/pubsub.publisher', members: ['user:a@example.com'] }] } },
  });
  assert.equal(set.status, 200, set.text);
  const get = await h.call('GET', `${BASE}/x:getIamPolicy`);
  assert.deepEqual(get.json.bindings, [{ role: 'roles/pubsub.publisher', members: ['user:a@example.com'] }]);
  assert.equal(get.json.etag, set.json.etag);
  const stale = await h.call('POST', `${BASE}/x:setIamPolicy`, {
    body: { policy: { etag: 'stale', bindings: [] } },
  });
  assert.equal(stale.status, 409);
  const perms = await h.call('POST', `${BASE}/x:testIamPermissions`, {
    body: { permissions: ['pubsub.topics.publish'] },
  });
  assert.deepEqual(perms.json, { permissions: ['pubsub.topics.publish'] });
});
