import assert from 'node:assert/strict';
import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import type { AccessToken } from '../../../../../src/core/http/auth/authenticator.js';
import { withHeaders } from '../../../../../src/core/http/auth/authenticator.js';
import { signJwt } from '../../../../../src/core/http/auth/service-account.js';
import { TokenCache } from '../../../../../src/core/http/auth/token-cache.js';
import { errorDetail } from '../../../../../src/core/http/auth/token-endpoint.js';
import { redact } from '../../../../../src/core/http/auth/token-errors.js';

function scripted(tokens: Array<AccessToken | Error>, delayMs = 0) {
  let calls = 0;
  const fetch = () =>
    new Promise<AccessToken>((resolve, reject) => {
      const next = tokens[calls++];
      setTimeout(() => (next instanceof Error ? reject(next) : resolve(next)), delayMs);
    });
  return { fetch, calls: () => calls };
}

test('caches until 60 s before expiry', async () => {
  let now = 1_000_000;
  const s = scripted([
    { token: 'a', expiresAt: now + 3600_000 },
    { token: 'b', expiresAt: now + 7200_000 },
  ]);
  const cache = new TokenCache(s.fetch, () => now);
  assert.equal(await cache.get(), 'a');
  now += 3600_000 - 60_001;
  assert.equal(await cache.get(), 'a');
  now += 1;
  assert.equal(await cache.get(), 'b');
  assert.equal(s.calls(), 2);
});

test('a token without expiry is kept; invalidate() forgets it', async () => {
  const s = scripted([{ token: 'a' }, { token: 'b' }]);
  const cache = new TokenCache(s.fetch, () => 0);
  assert.equal(await cache.get(), 'a');
  assert.equal(await cache.get(), 'a');
  cache.invalidate();
  assert.equal(await cache.get(), 'b');
});

test('concurrent callers share one fetch; a failure is shared but not cached', async () => {
  const s = scripted([new Error('boom'), { token: 'ok', expiresAt: Number.MAX_SAFE_INTEGER }], 20);
  const cache = new TokenCache(s.fetch, () => 0);
  const results = await Promise.allSettled([cache.get(), cache.get(), cache.get()]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected', 'rejected'],
  );
  assert.equal(s.calls(), 1);
  assert.deepEqual(await Promise.all([cache.get(), cache.get()]), ['ok', 'ok']);
  assert.equal(s.calls(), 2);
});

test('one caller aborting does not fail the others', async () => {
  const s = scripted([{ token: 'shared' }], 30);
  const cache = new TokenCache(s.fetch, () => 0);
  const ac = new AbortController();
  const a = cache.get(ac.signal);
  const b = cache.get();
  ac.abort();
  await assert.rejects(a, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
  assert.equal(await b, 'shared');
});

test('signJwt: RS256, kid header, verifiable with the public key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwt = signJwt({ iss: 'a', n: 1 }, privateKey, 'kid-1');
  const [h, c, sig] = jwt.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url').toString()), {
    alg: 'RS256',
    typ: 'JWT',
    kid: 'kid-1',
  });
  assert.deepEqual(JSON.parse(Buffer.from(c, 'base64url').toString()), { iss: 'a', n: 1 });
  const pub = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
  assert.ok(createVerify('RSA-SHA256').update(`${h}.${c}`).verify(pub, Buffer.from(sig, 'base64url')));
  assert.ok(!jwt.includes('='));
  const noKid = signJwt({}, privateKey);
  assert.deepEqual(JSON.parse(Buffer.from(noKid.split('.')[0], 'base64url').toString()), {
    alg: 'RS256',
    typ: 'JWT',
  });
});

test('redact: named secrets, bearer tokens, JWTs, ya29 tokens and PEM keys', () => {
  const text =
    'x my-refresh-token y Authorization: Bearer abc.def-ghi z eyJhbGciOi.eyJpc3MiOi.c2lnbmF0dXJl ' +
    'ya29.a0AfH6SMB w -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end';
  assert.equal(
    redact(text, ['my-refresh-token']),
    'x [redacted] y Authorization: Bearer [redacted] z [redacted] [redacted] w [redacted] end',
  );
});

test('errorDetail: OAuth errors, Google API errors, plain bodies', () => {
  const res = (status: number, body: string) => ({
    status,
    statusText: 'Bad Request',
    headers: {},
    body: Buffer.from(body),
    url: 'u',
    attempts: 1,
  });
  assert.equal(
    errorDetail(res(400, '{"error":"invalid_grant","error_description":"Invalid JWT Signature."}')),
    'invalid_grant: Invalid JWT Signature.',
  );
  assert.equal(errorDetail(res(400, '{"error":"invalid_scope"}')), 'invalid_scope');
  assert.equal(
    errorDetail(res(403, '{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}')),
    'PERMISSION_DENIED: denied',
  );
  assert.equal(errorDetail(res(502, '<html>\n bad gateway </html>')), '<html> bad gateway </html>');
  assert.equal(errorDetail(res(500, '')), 'Bad Request');
  assert.equal(errorDetail(res(500, 'x'.repeat(300))).length, 203);
});

test('withHeaders replaces headers whatever their case and keeps the rest', () => {
  const req = withHeaders(
    { method: 'GET', url: 'https://x', headers: { Authorization: 'old', Accept: 'a' } },
    { authorization: 'Bearer new' },
  );
  assert.deepEqual(req.headers, { Accept: 'a', authorization: 'Bearer new' });
});

test('the real runCommand: ENOENT for a missing program, exit code and output otherwise', async () => {
  const { runCommand } = await import('../../../../../src/core/http/auth/default-deps.js');
  await assert.rejects(
    runCommand('skyql-no-such-program-xyz', []),
    (e: unknown) => (e as { code?: unknown }).code === 'ENOENT',
  );
  const ok = await runCommand(process.execPath, [
    '-e',
    'process.stdout.write("tok\\n"); process.stderr.write("warn")',
  ]);
  assert.deepEqual(ok, { exitCode: 0, stdout: 'tok\n', stderr: 'warn' });
  const failed = await runCommand(process.execPath, ['-e', 'process.exit(3)']);
  assert.equal(failed.exitCode, 3);
});
