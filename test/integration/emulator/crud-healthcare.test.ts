import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, listAllPages, pollLongRunning, startTestEmulator } from './emulator-harness.js';

const HC = 'https://healthcare.googleapis.com/v1';
const DS = `${HC}/projects/p1/locations/us-central1/datasets`;

for (const version of ['v25.07.00000', 'v1.0.4']) {
  test(`healthcare datasets (${version}): create → AIP-151 operation polled to done → get → list paged → patch (updateMask) → delete`, async () => {
    const h = await startTestEmulator({ version, projects: ['p1'], settings: { operationPolls: 2 } });
    const created = await h.call('POST', `${DS}?datasetId=ds1`, { body: { timeZone: 'UTC' } });
    assert.equal(created.status, 200, created.text);
    const op = created.json;
    assert.match(op.name, /^projects\/p1\/locations\/us-central1\/datasets\/ds1\/operations\/operation-/);
    assert.notEqual(op.done, true);
    const { final, polls } = await pollLongRunning(h, HC, op);
    assert.equal(polls, 2);
    assert.equal(final.done, true);
    assert.equal(final.response.name, 'projects/p1/locations/us-central1/datasets/ds1');
    assert.equal(final.response.timeZone, 'UTC');
    assert.match(final.response['@type'], /^type\.googleapis\.com\/.+\.Dataset$/);
    assert.equal(final.error, undefined);

    const got = await h.call('GET', `${DS}/ds1`);
    assert.deepEqual(got.json, { timeZone: 'UTC', name: 'projects/p1/locations/us-central1/datasets/ds1' });
    googleError(await h.call('POST', `${DS}?datasetId=ds1`, { body: {} }), 409, 'ALREADY_EXISTS');

    for (const id of ['ds2', 'ds3', 'ds4'])
      await h.call('POST', `${DS}?datasetId=${id}`, { body: { timeZone: 'Europe/Paris' } });
    const all = await listAllPages(h, `${DS}?pageSize=3`, 'datasets');
    assert.equal(all.pages.length, 2);
    assert.ok(all.pages[0].nextPageToken);
    assert.deepEqual(
      all.items.map((d: { name: string }) => d.name.split('/').pop()),
      ['ds1', 'ds2', 'ds3', 'ds4'],
    );

    const patched = await h.call('PATCH', `${DS}/ds2?updateMask=timeZone`, {
      body: { timeZone: 'America/New_York', name: 'ignored' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.timeZone, 'America/New_York');
    assert.equal(patched.json.name, 'projects/p1/locations/us-central1/datasets/ds2');
    const masked = await h.call('PATCH', `${DS}/ds3?updateMask=encryptionSpec`, {
      body: { timeZone: 'not written' },
    });
    assert.equal(masked.json.timeZone, 'Europe/Paris', 'fields outside the mask are kept');
    const cleared = await h.call('PATCH', `${DS}/ds3?updateMask=timeZone`, { body: {} });
    assert.equal(cleared.json.timeZone, undefined, 'a masked field missing from the body is cleared');

    const store = await h.call('POST', `${DS}/ds2/dicomStores?dicomStoreId=s1`, { body: {} });
    assert.equal(store.status, 200, store.text);
    assert.equal(store.json.name, 'projects/p1/locations/us-central1/datasets/ds2/dicomStores/s1');
    googleError(
      await h.call('POST', `${DS}/nope/dicomStores?dicomStoreId=s1`, { body: {} }),
      404,
      'NOT_FOUND',
    );
    googleError(await h.call('GET', `${DS}/nope/dicomStores`), 404, 'NOT_FOUND');

    const del = await h.call('DELETE', `${DS}/ds2`);
    assert.equal(del.status, 200);
    googleError(await h.call('GET', `${DS}/ds2`), 404, 'NOT_FOUND');
    googleError(await h.call('GET', `${DS}/ds2/dicomStores/s1`), 404, 'NOT_FOUND');
  });
}

test('healthcare: an operation can be made to fail by a fault rule, and cancelled ones report an error', async () => {
  const h = await startTestEmulator({ projects: ['p1'], settings: { operationPolls: 1 } });
  h.emu.faults.add({
    match: '/datasets',
    method: 'POST',
    failOperation: { code: 409, message: 'quota for datasets reached' },
    times: 1,
  });
  const created = await h.call('POST', `${DS}?datasetId=bad`, { body: {} });
  const { final } = await pollLongRunning(h, HC, created.json);
  assert.equal(final.done, true);
  assert.deepEqual(final.error, { code: 6, message: 'quota for datasets reached' });
  assert.equal(final.response, undefined);

  const second = await h.call('POST', `${DS}?datasetId=ok`, { body: {} });
  const cancel = await h.call('POST', `${HC}/${second.json.name}:cancel`, { body: {} });
  assert.equal(cancel.status, 200, cancel.text);
  const polled = await h.call('GET', `${HC}/${second.json.name}`);
  assert.equal(polled.json.done, true);
  assert.equal(polled.json.error.code, 1);
});
