import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseQuotaRule,
  parseQuotaText,
  QuotaTracker,
} from '../../../../../src/tools/emulator/server/quota.js';

test('quota rules: the compact text and objects', () => {
  assert.deepEqual(parseQuotaText('compute.googleapis.com=50/s'), [
    {
      service: 'compute.googleapis.com',
      limit: 50,
      per: 'second',
      scope: 'consumer',
      answer: 'RESOURCE_EXHAUSTED',
      retryAfter: true,
    },
  ]);
  assert.deepEqual(
    parseQuotaText('*=600/min,project=5/s,answer=userRateLimitExceeded,burst=10,retryAfter=false'),
    [
      {
        service: '*',
        limit: 600,
        per: 'minute',
        scope: 'consumer',
        answer: 'userRateLimitExceeded',
        retryAfter: false,
        burst: 10,
      },
      {
        service: '*',
        limit: 5,
        per: 'second',
        scope: 'project',
        answer: 'userRateLimitExceeded',
        retryAfter: false,
        burst: 10,
      },
    ],
  );
  assert.deepEqual(parseQuotaRule({ service: 'pubsub.googleapis.com', limit: 3, scope: 'project' }), [
    {
      service: 'pubsub.googleapis.com',
      limit: 3,
      per: 'second',
      scope: 'project',
      answer: 'RESOURCE_EXHAUSTED',
      retryAfter: true,
    },
  ]);
  for (const [bad, word] of [
    ['compute.googleapis.com', 'must start with'],
    ['compute.googleapis.com=50', '<n>/s'],
    ['compute.googleapis.com=0/s', '<n>/s'],
    ['compute.googleapis.com=5/s,answer=404', 'answer'],
    ['compute.googleapis.com=5/s,colour=red', 'unknown quota option'],
  ])
    assert.throws(() => parseQuotaText(bad), new RegExp(word), bad);
  assert.throws(() => parseQuotaRule({ service: 'x', limit: 1, every: 2 }), /unknown quota field 'every'/);
  assert.throws(() => parseQuotaRule(7), /a quota rule is/);
});

test('a token bucket per consumer: a burst is throttled, time refills it (no waiting: the clock is ours)', () => {
  let now = 1_000;
  const q = new QuotaTracker(() => now);
  q.setRules(parseQuotaText('compute.googleapis.com=5/s'));
  const req = { service: 'compute.googleapis.com', consumer: 'projects/a', project: 'p1' };
  const answers = Array.from({ length: 8 }, () => q.admit(req));
  assert.equal(answers.filter((a) => a === undefined).length, 5);
  assert.equal(answers[5]?.waitMs, 200, 'one token comes back every 200 ms');
  assert.equal(q.admit({ ...req, consumer: 'projects/b' }), undefined, 'another consumer has its own bucket');
  assert.equal(
    q.admit({ ...req, service: 'storage.googleapis.com' }),
    undefined,
    'other APIs are not limited',
  );
  now += 200;
  assert.equal(q.admit(req), undefined);
  assert.ok(q.admit(req));
  now += 5_000;
  assert.equal(
    Array.from({ length: 6 }, () => q.admit(req)).filter((a) => a === undefined).length,
    5,
    'refilled to 5, not more',
  );
  const report = q.report(5) as {
    counters: {
      service: string;
      consumer: string;
      requests: number;
      throttled: number;
      timeline: number[][];
      after: { requests: number; throttled: number };
    }[];
  };
  const a = report.counters.find(
    (c) => c.consumer === 'projects/a' && c.service === 'compute.googleapis.com',
  );
  assert.ok(a);
  assert.equal(a.requests, 16);
  assert.equal(a.throttled, 5);
  assert.deepEqual(a.timeline[0], [10, 4]);
  assert.deepEqual(a.timeline[5], [6, 1]);
  assert.deepEqual(a.after, { seconds: 5, requests: 6, throttled: 1 });
  q.reset();
  assert.deepEqual(q.report().counters, []);
  assert.equal(q.admit(req), undefined, 'reset refills');
});

test('per-target-project limits, minute quotas, and a throttled request takes no token', () => {
  let now = 0;
  const q = new QuotaTracker(() => now);
  q.setRules(parseQuotaText('compute.googleapis.com=60/min,project=1/s'));
  const at = (project: string) =>
    q.admit({ service: 'compute.googleapis.com', consumer: 'projects/c', project });
  assert.equal(at('p1'), undefined);
  assert.equal(at('p1')?.rule.scope, 'project');
  assert.equal(at('p2'), undefined, 'each target project has its own bucket');
  for (let i = 0; i < 58; i++) assert.equal(at(`q${i}`), undefined);
  const t = at('q99');
  assert.equal(t?.rule.scope, 'consumer');
  assert.equal(t?.waitMs, 1000, '60/min: a token a second');
  now += 1000;
  assert.equal(
    at('p1'),
    undefined,
    'p1 refilled and the consumer has one token: the throttled calls took none',
  );
});
