import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, startTestEmulator } from './emulator-harness.js';

const TOPICS = 'https://pubsub.googleapis.com/v1/projects/p1/topics';
const BUCKETS = 'https://storage.googleapis.com/storage/v1/b?project=p1';

test('429 with Retry-After for matching paths only, for a limited number of times', async () => {
  const h = await startTestEmulator({
    projects: ['p1'],
    faults: [{ match: '/pubsub.googleapis.com/*', status: 429, retryAfter: 7, times: 2 }],
  });
  for (let i = 0; i < 2; i++) {
    const r = await h.call('GET', TOPICS);
    googleError(r, 429, 'RESOURCE_EXHAUSTED');
    assert.equal(r.headers.get('retry-after'), '7');
  }
  assert.equal((await h.call('GET', TOPICS)).status, 200, 'the rule is used up');
  assert.equal((await h.call('GET', BUCKETS)).status, 200);
  assert.deepEqual(h.emu.faults.list(), []);
});

test('a rule with query fails only the requests whose decoded query contains it (one folder of a list)', async () => {
  const h = await startTestEmulator({
    projects: ['p1', 'p2'],
    faults: [{ match: '/storage.googleapis.com/', query: 'project=p2', status: 403 }],
  });
  assert.equal((await h.call('GET', BUCKETS)).status, 200);
  googleError(
    await h.call('GET', 'https://storage.googleapis.com/storage/v1/b?project=p2'),
    403,
    'PERMISSION_DENIED',
  );
  googleError(await h.raw('POST', '/_emulator/faults', { body: { query: 3 } }), 400, 'INVALID_ARGUMENT');
});

test('500 at rate 1.0 for the whole run, set and cleared through the admin API', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  const set = await h.raw('PUT', '/_emulator/faults', { body: [{ status: 500, rate: 1.0 }], token: null });
  assert.equal(set.status, 200, set.text);
  for (let i = 0; i < 5; i++) googleError(await h.call('GET', BUCKETS), 500, 'INTERNAL');
  googleError(await h.call('GET', TOPICS), 500, 'INTERNAL');
  const listed = await h.raw('GET', '/_emulator/faults');
  assert.equal(listed.json.faults.length, 1);
  await h.raw('DELETE', '/_emulator/faults');
  assert.equal((await h.call('GET', BUCKETS)).status, 200);
  googleError(await h.raw('POST', '/_emulator/faults', { body: { status: 200 } }), 400, 'INVALID_ARGUMENT');
  googleError(await h.raw('POST', '/_emulator/faults', { body: { bogus: 1 } }), 400, 'INVALID_ARGUMENT');
});

test('503 by regex, fixed and random latency', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  h.emu.faults.add({ match: '/storage\\.googleapis\\.com\\/storage\\/v1\\/b$/', method: 'GET', status: 503 });
  const r = await h.call('GET', BUCKETS);
  googleError(r, 503, 'UNAVAILABLE');
  assert.equal(r.headers.get('retry-after'), '1');
  h.emu.faults.clear();
  // the emulator's log says which rules applied; durations are only checked from below, which a
  // busy machine cannot break (the range arithmetic is unit-tested with a fixed random)
  const fixed = h.emu.faults.add({ match: 'topics', latencyMs: 250 });
  assert.equal((await h.call('GET', TOPICS)).status, 200);
  await h.call('GET', BUCKETS);
  const [topics, buckets] = h.emu.log.entries().slice(-2);
  assert.deepEqual(topics.faults, [fixed]);
  assert.ok(topics.durationMs >= 240, `fixed latency applied (${topics.durationMs} ms)`);
  assert.equal(buckets.faults, undefined, 'other paths are not delayed');
  const [range] = h.emu.faults.set([{ latencyMs: [100, 150] }]);
  await h.call('GET', BUCKETS);
  const [ranged] = h.emu.log.entries().slice(-1);
  assert.deepEqual(ranged.faults, [range]);
  assert.ok(ranged.durationMs >= 95, `random latency applied (${ranged.durationMs} ms)`);
});

test('dropped connections and truncated bodies', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  h.emu.faults.add({ match: 'topics', drop: true, times: 1 });
  await assert.rejects(h.call('GET', TOPICS));
  assert.equal((await h.call('GET', TOPICS)).status, 200);
  for (let i = 0; i < 8; i++) await h.call('PUT', `${TOPICS}/t${i}`, { body: { labels: { i: String(i) } } });
  h.emu.faults.add({ match: 'topics', truncate: true, times: 1 });
  await assert.rejects(async () => {
    const r = await fetch(h.emu.endpoint(TOPICS), { headers: { authorization: `Bearer ${h.token}` } });
    assert.equal(r.status, 200);
    await r.text();
  });
  assert.equal((await h.call('GET', TOPICS)).json.topics.length, 8);
  const log = h.emu.log.entries({ host: 'pubsub.googleapis.com' });
  assert.ok(
    log.some((e) => e.faults?.length && e.status === 0),
    'a dropped request is logged with status 0',
  );
});
