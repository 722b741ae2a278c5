import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backoffDelay,
  classifyNetworkError,
  parseRetryAfter,
} from '../../../../src/core/http/retry-policy.js';

test('Retry-After: delta seconds, HTTP date, garbage', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(' 0 '), 0);
  assert.equal(parseRetryAfter('1.5'), 1500);
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test('backoff: full jitter under an exponential ceiling, capped', () => {
  const opts = (r: number) => ({ baseDelayMs: 500, maxDelayMs: 5000, random: () => r });
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, opts(0.999999))),
    [499, 999, 1999, 3999, 4999, 4999],
  );
  assert.deepEqual(
    [1, 2, 3].map((n) => backoffDelay(n, opts(0))),
    [0, 0, 0],
  );
  // worst case with defaults: 4 waits stay well under 20 s
  const worst = [1, 2, 3, 4].reduce((s, n) => s + backoffDelay(n, opts(0.999999)), 0);
  assert.ok(worst < 20_000, String(worst));
});

test('network errors: retryable, never-connected and TLS classes', () => {
  const refused = classifyNetworkError(
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
  );
  assert.deepEqual([refused.retryable, refused.notConnected, refused.tls], [true, true, false]);
  assert.match(refused.reason, /connection refused/);
  const wrapped = classifyNetworkError(
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    }),
  );
  assert.equal(wrapped.retryable, true);
  assert.equal(wrapped.notConnected, false);
  const cert = classifyNetworkError(
    Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  );
  assert.deepEqual([cert.retryable, cert.tls], [false, true]);
  assert.equal(
    classifyNetworkError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))
      .retryable,
    false,
  );
});
