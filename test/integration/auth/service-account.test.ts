import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuthConfig, parseAuthSpec, resolveAuthSpec } from '../../../src/base/config/auth-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { createGoogleAuthenticator } from '../../../src/core/http/auth/google-authenticator.js';
import {
  apiRequest,
  assertNoSecrets,
  Clock,
  closedPort,
  errorText,
  header,
  spec,
  testDeps,
  useFakeGoogle,
  writeJson,
} from './auth-test-kit.js';
import { makeKey } from './fake-google.js';

const fake = useFakeGoogle();
const key = makeKey('reader@p.iam.gserviceaccount.com');
fake.register(key);

test('service_account from credentialsfilepath: JWT-bearer flow against the key file token_uri', async () => {
  const tokenUri = `${fake.base}/google/simple/token`;
  const path = writeJson(key.keyJson(tokenUri));
  const clock = new Clock();
  const auth = createGoogleAuthenticator(
    spec(`{"google": {"type": "service_account", "credentialsfilepath": "${path}"}}`),
    testDeps({ now: clock.now }),
  );
  assert.equal(auth.describe(), `service account key from ${path}`);
  const before = fake.jwts.length;
  const req = await auth.authorize(apiRequest);
  assert.deepEqual(fake.jwtErrors, []);
  const jwt = fake.jwts[before];
  assert.equal(jwt.path, '/google/simple/token');
  assert.deepEqual(jwt.header, { alg: 'RS256', typ: 'JWT', kid: key.keyId });
  const iat = Math.floor(clock.t / 1000);
  assert.deepEqual(jwt.claims, {
    iss: 'reader@p.iam.gserviceaccount.com',
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud: tokenUri,
    iat,
    exp: iat + 3600,
  });
  assert.match(header(req, 'authorization') ?? '', /^Bearer sa-token-\d+-/);
  assert.equal(header(req, 'authorization'), `Bearer ${fake.issued.at(-1)}`);
  // the original headers stay; nothing else is added
  assert.equal(header(req, 'accept'), 'application/json');
  assert.equal(header(req, 'x-goog-user-project'), undefined);
  assert.equal(req.url, apiRequest.url);
  assert.equal(auth.describe(), `service account reader@p.iam.gserviceaccount.com from ${path}`);
  // the token request was a form POST
  const posted = fake.requestsTo('/google/simple/token').at(-1);
  assert.equal(posted?.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.match(
    posted?.body ?? '',
    /^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=ey/,
  );
});

test('scopes (list or space/comma string) and sub go into the JWT', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  for (const scopes of [
    '["https://www.googleapis.com/auth/cloud-platform.read-only", "https://www.googleapis.com/auth/admin.directory.user"]',
    '"https://www.googleapis.com/auth/cloud-platform.read-only, https://www.googleapis.com/auth/admin.directory.user"',
    '"https://www.googleapis.com/auth/cloud-platform.read-only https://www.googleapis.com/auth/admin.directory.user"',
  ]) {
    const auth = createGoogleAuthenticator(
      spec(`{"google": {"credentialsfilepath": "${path}", "scopes": ${scopes}, "sub": "admin@example.com"}}`),
      testDeps(),
    );
    const n = fake.jwts.length;
    await auth.authorize(apiRequest);
    assert.deepEqual(fake.jwtErrors, []);
    const claims = fake.jwts[n].claims;
    assert.equal(
      claims.scope,
      'https://www.googleapis.com/auth/cloud-platform.read-only https://www.googleapis.com/auth/admin.directory.user',
    );
    assert.equal(claims.sub, 'admin@example.com');
    assert.equal(
      auth.describe(),
      `service account reader@p.iam.gserviceaccount.com from ${path} acting as admin@example.com`,
    );
  }
});

test('the token is cached until ~60 s before expiry, then refreshed', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const clock = new Clock();
  const auth = createGoogleAuthenticator(
    spec(`{"google": {"credentialsfilepath": "${path}"}}`),
    testDeps({ now: clock.now }),
  );
  const count = () => fake.requestsTo('/token').length;
  const start = count();
  const a = header(await auth.authorize(apiRequest), 'authorization');
  const b = header(await auth.authorize(apiRequest), 'authorization');
  assert.equal(a, b);
  assert.equal(count() - start, 1);
  clock.advance(3600_000 - 61_000); // still more than 60 s left
  assert.equal(header(await auth.authorize(apiRequest), 'authorization'), a);
  assert.equal(count() - start, 1);
  clock.advance(2_000); // 59 s left: refresh
  const c = header(await auth.authorize(apiRequest), 'authorization');
  assert.notEqual(c, a);
  assert.equal(count() - start, 2);
  // the new JWT carries the new time
  const iat = fake.jwts.at(-1)?.claims.iat;
  assert.equal(iat, Math.floor(clock.t / 1000));
  assert.equal(header(await auth.authorize(apiRequest), 'authorization'), c);
  assert.equal(count() - start, 2);
});

test('concurrent requests share one token fetch', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps());
  const start = fake.requestsTo('/token').length;
  fake.delayMs = 100;
  try {
    const results = await Promise.all(Array.from({ length: 20 }, () => auth.authorize(apiRequest)));
    assert.equal(new Set(results.map((r) => header(r, 'authorization'))).size, 1);
  } finally {
    fake.delayMs = 0;
  }
  assert.equal(fake.requestsTo('/token').length - start, 1);
});

test('credentialsenvvar: the variable holds the key JSON', async () => {
  const env = { MY_SA_KEY: JSON.stringify(key.keyJson(`${fake.base}/token`)) };
  const auth = createGoogleAuthenticator(
    spec(`{"google": {"type": "service_account", "credentialsenvvar": "MY_SA_KEY"}}`),
    testDeps({ env }),
  );
  const req = await auth.authorize(apiRequest);
  assert.equal(header(req, 'authorization'), `Bearer ${fake.issued.at(-1)}`);
  assert.equal(
    auth.describe(),
    'service account reader@p.iam.gserviceaccount.com from environment variable MY_SA_KEY',
  );
});

test('credentialsfilepathenvvar: the variable holds the key file path', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(
    spec(`{"google": {"type": "service_account", "credentialsfilepathenvvar": "KEY_PATH"}}`),
    testDeps({ env: { KEY_PATH: path } }),
  );
  await auth.authorize(apiRequest);
  assert.equal(
    auth.describe(),
    `service account reader@p.iam.gserviceaccount.com from ${path} (from environment variable KEY_PATH)`,
  );
});

test('provider default (config.auth credentialsenvvar GOOGLE_CREDENTIALS) applies when --auth has no entry', async () => {
  const providerDefault = { type: 'service_account', credentialsenvvar: 'GOOGLE_CREDENTIALS' };
  const s = resolveAuthSpec(parseAuthConfig(undefined), 'google', providerDefault);
  assert.equal(s?.origin, 'provider');
  const env = { GOOGLE_CREDENTIALS: JSON.stringify(key.keyJson(`${fake.base}/token`)) };
  const auth = createGoogleAuthenticator(s, testDeps({ env }));
  assert.equal(
    auth.describe(),
    'service account key from environment variable GOOGLE_CREDENTIALS (provider default; else application default credentials)',
  );
  const req = await auth.authorize(apiRequest);
  assert.equal(header(req, 'authorization'), `Bearer ${fake.issued.at(-1)}`);
  assert.equal(
    auth.describe(),
    'service account reader@p.iam.gserviceaccount.com from environment variable GOOGLE_CREDENTIALS',
  );
  // an --auth entry wins over the default
  const flag = resolveAuthSpec(
    parseAuthConfig('{"google": {"type": "null_auth"}}'),
    'google',
    providerDefault,
  );
  assert.equal(flag?.type, 'null_auth');
});

test('provider default with GOOGLE_CREDENTIALS unset falls back to application default credentials', async () => {
  const s = parseAuthSpec(
    'google',
    { type: 'service_account', credentialsenvvar: 'GOOGLE_CREDENTIALS' },
    'provider',
  );
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(s, testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } }));
  const req = await auth.authorize(apiRequest);
  assert.equal(header(req, 'authorization'), `Bearer ${fake.issued.at(-1)}`);
  assert.equal(
    auth.describe(),
    `service account reader@p.iam.gserviceaccount.com from ${path} (GOOGLE_APPLICATION_CREDENTIALS)`,
  );
});

test('a key whose public key Google does not know: 400 invalid_grant, with no secret in the message', async () => {
  const rogue = makeKey('rogue@p.iam.gserviceaccount.com', true); // a key of its own, not registered with the fake
  const path = writeJson(rogue.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps());
  const errors = fake.jwtErrors.length;
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'TOKEN_REJECTED'), String(e));
    assert.equal(
      e.message,
      `service account rogue@p.iam.gserviceaccount.com from ${path}: token endpoint ${fake.base}/token said 400 invalid_grant: Invalid JWT Signature.`,
    );
    assert.match(e.hint ?? '', /clock/);
    assertNoSecrets(fake, errorText(e), [rogue.privateKeyPem]);
    return true;
  });
  fake.jwtErrors.splice(errors);
});

test('an endpoint that echoes the assertion: the message is redacted', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/echo/token`));
  const auth = createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps());
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'TOKEN_REJECTED'), String(e));
    assert.match(e.message, /said 400 invalid_grant: bad assertion \[redacted\]$/);
    assertNoSecrets(fake, errorText(e));
    return true;
  });
});

test('a token endpoint that cannot be reached names the host and the key, not a rejection', async () => {
  const port = await closedPort();
  const path = writeJson(key.keyJson(`http://127.0.0.1:${port}/token`));
  const auth = createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps());
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'TOKEN_CONNECTION_REFUSED'), String(e));
    assert.equal(
      e.message,
      `service account reader@p.iam.gserviceaccount.com from ${path}: no access token: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
    assert.doesNotMatch(e.hint ?? '', /rejected/);
    assertNoSecrets(fake, errorText(e));
    return true;
  });
});

test('invalidate() makes the next request fetch a fresh token (for a retry after 401)', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps());
  const a = header(await auth.authorize(apiRequest), 'authorization');
  auth.invalidate?.();
  const b = header(await auth.authorize(apiRequest), 'authorization');
  assert.notEqual(a, b);
  assert.equal(b, `Bearer ${fake.issued.at(-1)}`);
});
