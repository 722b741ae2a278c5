import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRateLimitAnswer } from '../../../../src/core/http/google-error.js';
import { DECREASE, parseRateLimits, RateLimiter } from '../../../../src/core/http/rate-limiter.js';

/** A limiter on a fake clock: sleeping advances the clock, and the waits are recorded. */
function fakeLimiter(limits?: Map<string, number>) {
  let now = 0;
  const waits: number[] = [];
  const limiter = new RateLimiter({
    limits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return {
    limiter,
    waits,
    advance: (ms: number) => {
      now += ms;
    },
    at: () => now,
  };
}

const compute = { host: 'compute.googleapis.com', path: '/compute/v1/x', quotaProject: undefined };
const rateOf = (l: RateLimiter, key = 'compute.googleapis.com') => l.stats().find((s) => s.key === key)?.rate;

test('unpaced until the first rate-limit answer, then decreased from what was sent in the last second', async () => {
  const { limiter, waits, advance } = fakeLimiter();
  const sent: number[] = [];
  for (let i = 0; i < 100; i++) {
    sent.push(await limiter.acquire(compute));
    advance(5); // 200 a second
  }
  assert.deepEqual(waits, [], 'no pacing before any throttle');
  assert.equal(rateOf(limiter), Number.POSITIVE_INFINITY);
  limiter.throttled(compute, sent[99]);
  assert.equal(rateOf(limiter), 100 * 2 * DECREASE, '70% of the rate sent at: 100 in 500 ms');
  // answers to requests sent before the decrease do not decrease again (once per round trip)
  limiter.throttled(compute, sent[98]);
  limiter.throttled(compute, sent[50]);
  const r = rateOf(limiter) ?? 0;
  assert.equal(r, 140);
  assert.equal(limiter.stats()[0].throttled, 3);
  // now paced evenly at that rate
  advance(1);
  await limiter.acquire(compute);
  await limiter.acquire(compute);
  const c = await limiter.acquire(compute);
  assert.equal(waits.length, 2);
  assert.ok(
    waits.every((w) => Math.abs(w - 1000 / r) < 1e-9),
    String(waits),
  );
  // a throttle of a request paced after the decrease decreases again, multiplicatively
  limiter.throttled(compute, c);
  assert.ok(Math.abs((rateOf(limiter) ?? 0) - r * DECREASE) < 1e-9);
});

test('additive increase: successes raise the rate by about one step a second, never far past what is sent', async () => {
  const fake = fakeLimiter();
  const { limiter, advance } = fake;
  for (let i = 0; i < 40; i++) {
    await limiter.acquire(compute);
    advance(25); // 40 a second
  }
  limiter.throttled(compute, Number.POSITIVE_INFINITY);
  const start = rateOf(limiter) ?? 0; // 70% of 40 in the last second, step 5% of it = 1.4/s per second
  assert.equal(start, 40 * DECREASE);
  // one paced second of successes
  const { at } = fake;
  const t0 = at();
  while (at() - t0 < 1000) {
    await limiter.acquire(compute);
    limiter.succeeded(compute);
  }
  const grown = (rateOf(limiter) ?? 0) - start;
  assert.ok(grown > 1.2 && grown < 1.6, `grew by ${grown} req/s in a second`);
});

test('a floor of 0.2 a second, lanes per host and quota project, fixed limits and defaults', async () => {
  const { limiter, waits } = fakeLimiter(parseRateLimits(['compute.googleapis.com=120/min']));
  for (let i = 0; i < 30; i++) limiter.throttled(compute, Number.POSITIVE_INFINITY);
  assert.equal(rateOf(limiter), 0.2);
  // a fixed limit paces from the first request: 120/min = every 500 ms
  const other = { ...compute, quotaProject: 'billing-1' };
  await limiter.acquire(other);
  await limiter.acquire(other);
  await limiter.acquire(other);
  assert.deepEqual(waits, [500, 500]);
  assert.equal(rateOf(limiter, 'compute.googleapis.com (quota project billing-1)'), 2);
  // Cloud Resource Manager's project listing: 4 a second without any flag
  const crm = {
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v1/projects?pageSize=5',
    quotaProject: undefined,
  };
  await limiter.acquire(crm);
  assert.equal(rateOf(limiter, 'cloudresourcemanager.googleapis.com v1 projects.list'), 4);
  await limiter.acquire({ ...crm, path: '/v3/folders?parent=organizations/1' });
  assert.equal(rateOf(limiter, 'cloudresourcemanager.googleapis.com'), Number.POSITIVE_INFINITY);
});

test('--http.rateLimit values', () => {
  assert.deepEqual(
    [...parseRateLimits(['compute.googleapis.com=20/s', 'storage.googleapis.com=600/min'])],
    [
      ['compute.googleapis.com', 20],
      ['storage.googleapis.com', 10],
    ],
  );
  // a short name is the Google API's host: `compute=2/s` used to limit a host no request goes to
  assert.deepEqual(
    [...parseRateLimits(['compute=2/s', 'Storage=120/min'])],
    [
      ['compute.googleapis.com', 2],
      ['storage.googleapis.com', 2],
    ],
  );
  assert.throws(() => parseRateLimits(['compute=fast']), /HOST=N\/s or HOST=N\/min, got 'compute=fast'/);
  assert.throws(() => parseRateLimits(['compute.googleapis.com=0/s']), /BAD_FLAG|expects/);
});

test("Google's rate-limit answers: 429, and 403 with a rate-limit reason only", () => {
  const body = (o: unknown) => Buffer.from(JSON.stringify(o));
  assert.equal(isRateLimitAnswer(429, Buffer.alloc(0)), true);
  for (const reason of ['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded'])
    assert.equal(isRateLimitAnswer(403, body({ error: { code: 403, errors: [{ reason }] } })), true, reason);
  const errorInfo = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' };
  assert.equal(isRateLimitAnswer(403, body({ error: { code: 403, details: [errorInfo] } })), true);
  assert.equal(
    isRateLimitAnswer(403, body({ error: { code: 403, errors: [{ reason: 'accessNotConfigured' }] } })),
    false,
  );
  assert.equal(isRateLimitAnswer(403, Buffer.from('Forbidden')), false);
  assert.equal(isRateLimitAnswer(500, body({ error: { errors: [{ reason: 'rateLimitExceeded' }] } })), false);
});

test('a project throttled again has a limit of its own: its answers stop slowing the lane, its first decrease is taken back', async () => {
  const { limiter, advance } = fakeLimiter();
  const of = (p: string) => ({ ...compute, path: `/compute/v1/projects/${p}/zones/z/instances` });
  let last = 0;
  for (let i = 0; i < 100; i++) {
    last = await limiter.acquire(of(`p${i}`));
    advance(5); // 200 a second
  }
  limiter.throttled(of('bad'), last);
  const slowed = rateOf(limiter) ?? 0;
  assert.equal(slowed, 200 * DECREASE);
  // the same project again, after the decrease (its retry): not the lane's doing
  advance(1000);
  last = await limiter.acquire(of('bad'));
  limiter.throttled(of('bad'), last);
  assert.ok(Math.abs((rateOf(limiter) ?? 0) - slowed / DECREASE) < 1e-9, 'its decrease taken back');
  for (let i = 0; i < 5; i++) {
    advance(1000);
    last = await limiter.acquire(of('bad'));
    limiter.throttled(of('bad'), last); // and every later answer of it changes nothing
  }
  assert.ok(Math.abs((rateOf(limiter) ?? 0) - slowed / DECREASE) < 1e-9);
  assert.equal(limiter.stats()[0].throttled, 7, 'all counted as throttled');
  // a consumer quota throttles whichever projects come: each fresh one decreases (once per round trip)
  const before = rateOf(limiter) ?? 0;
  for (const p of ['q1', 'q2', 'q3']) {
    advance(100);
    last = await limiter.acquire(of(p));
    limiter.throttled(of(p), last);
  }
  assert.ok(Math.abs((rateOf(limiter) ?? 0) - before * DECREASE ** 3) < 1e-9);
  // a project not throttled for a minute is fresh again
  advance(61_000);
  const now = rateOf(limiter) ?? 0;
  last = await limiter.acquire(of('bad'));
  limiter.throttled(of('bad'), last);
  assert.ok(Math.abs((rateOf(limiter) ?? 0) - now * DECREASE) < 1e-9);
});
