import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, listAllPages, startTestEmulator } from './emulator-harness.js';

const B = 'https://storage.googleapis.com/storage/v1/b';

test('storage buckets: insert (body name, project query) → get → list paged and per project → patch → delete', async () => {
  const h = await startTestEmulator({ projects: ['p1', 'p2'] });
  for (let i = 0; i < 7; i++) {
    const r = await h.call('POST', `${B}?project=p1`, { body: { name: `bucket-${i}`, location: 'EU' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, `bucket-${i}`);
    assert.equal(r.json.id, `bucket-${i}`);
    assert.equal(r.json.kind, 'storage#bucket');
    assert.equal(r.json.selfLink, `https://www.googleapis.com/storage/v1/b/bucket-${i}`);
    assert.equal((await h.call('GET', r.json.selfLink)).json.name, `bucket-${i}`, 'the link is served');
  }
  await h.call('POST', `${B}?project=p2`, { body: { name: 'other-project' } });
  googleError(await h.call('POST', `${B}?project=p1`, { body: { name: 'bucket-1' } }), 409, 'ALREADY_EXISTS');
  googleError(await h.call('POST', B, { body: { name: 'no-project' } }), 400, 'INVALID_ARGUMENT');
  googleError(await h.call('POST', `${B}?project=p1`, { body: {} }), 400, 'INVALID_ARGUMENT');

  const got = await h.call('GET', `${B}/bucket-3`);
  assert.equal(got.json.location, 'EU');

  const page1 = await h.call('GET', `${B}?project=p1&maxResults=3`);
  assert.equal(page1.json.kind, 'storage#buckets');
  assert.equal(page1.json.items.length, 3);
  assert.ok(page1.json.nextPageToken);
  const all = await listAllPages(h, `${B}?project=p1&maxResults=3`, 'items');
  assert.equal(all.pages.length, 3);
  assert.deepEqual(
    all.items.map((b: { name: string }) => b.name),
    [0, 1, 2, 3, 4, 5, 6].map((i) => `bucket-${i}`),
  );
  const p2 = await h.call('GET', `${B}?project=p2`);
  assert.deepEqual(
    p2.json.items.map((b: { name: string }) => b.name),
    ['other-project'],
  );
  googleError(await h.call('GET', `${B}?project=p1&pageToken=garbage`), 400, 'INVALID_ARGUMENT');

  const patched = await h.call('PATCH', `${B}/bucket-3`, {
    body: { labels: { env: 'prod' }, location: 'US' },
  });
  assert.equal(patched.status, 200, patched.text);
  assert.deepEqual(patched.json.labels, { env: 'prod' });
  assert.equal(patched.json.name, 'bucket-3');
  const removeLabel = await h.call('PATCH', `${B}/bucket-3`, { body: { labels: null } });
  assert.equal(removeLabel.json.labels, undefined, 'JSON merge patch: null removes');

  const del = await h.call('DELETE', `${B}/bucket-3`);
  assert.equal(del.status, 204);
  assert.equal(del.text, '');
  googleError(await h.call('GET', `${B}/bucket-3`), 404, 'NOT_FOUND');
  googleError(await h.call('DELETE', `${B}/bucket-3`), 404, 'NOT_FOUND');
});

test('storage: bucket IAM through /iam, objects as a sub-collection with slashes in names', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  await h.call('POST', `${B}?project=p1`, { body: { name: 'media' } });
  const set = await h.call('PUT', `${B}/media/iam`, {
    body: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] },
  });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.kind, 'storage#policy');
  const get = await h.call('GET', `${B}/media/iam`);
  assert.deepEqual(get.json.bindings, [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }]);
  const perms = await h.call(
    'GET',
    `${B}/media/iam/testPermissions?permissions=storage.buckets.get&permissions=storage.objects.list`,
  );
  assert.deepEqual(perms.json.permissions, ['storage.buckets.get', 'storage.objects.list']);
  googleError(await h.call('GET', `${B}/nothing/iam`), 404, 'NOT_FOUND');

  const obj = await h.call('POST', `${B}/media/o?name=${encodeURIComponent('dir/a.txt')}`, {
    body: { contentType: 'text/plain' },
  });
  assert.equal(obj.status, 200, obj.text);
  assert.equal(obj.json.name, 'dir/a.txt');
  const one = await h.call('GET', `${B}/media/o/${encodeURIComponent('dir/a.txt')}`);
  assert.equal(one.json.contentType, 'text/plain');
  const listed = await h.call('GET', `${B}/media/o?prefix=dir/`);
  assert.deepEqual(
    listed.json.items.map((o: { name: string }) => o.name),
    ['dir/a.txt'],
  );
  googleError(await h.call('GET', `${B}/missing-bucket/o`), 404, 'NOT_FOUND');
  await h.call('DELETE', `${B}/media`);
  googleError(await h.call('GET', `${B}/media/o/${encodeURIComponent('dir/a.txt')}`), 404, 'NOT_FOUND');
});
