import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAuthSpec } from '../../../src/base/config/auth-config.js';
import type { ErrorCode } from '../../../src/base/errors/error-codes.js';
import type { Authenticator } from '../../../src/core/http/auth/authenticator.js';
import { createGoogleAuthenticator } from '../../../src/core/http/auth/google-authenticator.js';
import { tempDir } from '../../support/temp-dir.js';
import { apiRequest, authorizeFails, spec, testDeps, useFakeGoogle, writeJson } from './auth-test-kit.js';
import { makeKey, USER } from './fake-google.js';

const fake = useFakeGoogle();
const key = makeKey('broken@p.iam.gserviceaccount.com');
fake.register(key);

/** authorize fails with `code` (AUTH_ERROR by default) and no secret in the message. */
const authError = (auth: Authenticator, extraSecrets: string[] = [], code: ErrorCode = 'AUTH_ERROR') =>
  authorizeFails(fake, auth, code, extraSecrets);

test('credentialsfilepath that does not exist', async () => {
  const path = join(tempDir(), 'missing.json');
  const e = await authError(
    createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps()),
  );
  assert.equal(
    e.message,
    `--auth for 'google' (service_account): service account key file ${path}: file not found`,
  );
  assert.match(e.hint ?? '', /credentialsfilepath/);
});

test('credentialsenvvar set to an empty string: StackQL’s message', async () => {
  const e = await authError(
    createGoogleAuthenticator(
      spec('{"google": {"credentialsenvvar": "GOOGLE_CREDENTIALS"}}'),
      testDeps({ env: { GOOGLE_CREDENTIALS: '' } }),
    ),
  );
  assert.equal(e.message, 'credentialsenvvar GOOGLE_CREDENTIALS references empty string');
  assert.match(e.hint ?? '', /export GOOGLE_CREDENTIALS=/);
});

test('credentialsenvvar not set (configured in --auth, so no fallback)', async () => {
  const e = await authError(
    createGoogleAuthenticator(spec('{"google": {"credentialsenvvar": "MY_KEY"}}'), testDeps()),
  );
  assert.equal(e.message, `--auth for 'google' (service_account): credentialsenvvar MY_KEY is not set`);
});

test('a key file that is not JSON: the position, never the content', async () => {
  const path = writeJson(
    `{"type": "service_account", "private_key": ${JSON.stringify(key.privateKeyPem)} oops}`,
  );
  const e = await authError(
    createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps()),
  );
  assert.match(e.message, new RegExp(`^credentials from ${path} are not valid JSON \\(.*position \\d+\\)$`));
});

test('credentialsenvvar holding a path instead of the JSON: a hint about credentialsfilepathenvvar', async () => {
  const e = await authError(
    createGoogleAuthenticator(
      spec('{"google": {"credentialsenvvar": "K"}}'),
      testDeps({ env: { K: '/home/me/very-secret-key.json' } }),
    ),
    ['very-secret-key'],
  );
  assert.match(e.message, /^credentials from environment variable K are not valid JSON/);
  assert.match(e.hint ?? '', /credentialsfilepathenvvar/);
});

test('a key without client_email or with a broken private key', async () => {
  const noEmail = { ...key.keyJson(`${fake.base}/token`), client_email: undefined };
  let e = await authError(
    createGoogleAuthenticator(
      spec(`{"google": {"credentialsfilepath": "${writeJson(noEmail)}"}}`),
      testDeps(),
    ),
  );
  assert.match(e.message, /: the key has no "client_email"$/);

  const badPem = { ...key.keyJson(`${fake.base}/token`), private_key: key.privateKeyPem.slice(0, 300) };
  e = await authError(
    createGoogleAuthenticator(
      spec(`{"google": {"credentialsfilepath": "${writeJson(badPem)}"}}`),
      testDeps(),
    ),
    [key.privateKeyPem.slice(40, 300)],
  );
  assert.match(e.message, /^service account key from .*: "private_key" is not a readable PEM private key/);
});

test('a file of an unsupported type', async () => {
  const path = writeJson({ type: 'external_account', audience: 'x', subject_token_type: 'y' });
  const e = await authError(
    createGoogleAuthenticator(spec(`{"google": {"credentialsfilepath": "${path}"}}`), testDeps()),
  );
  assert.match(
    e.message,
    /external_account \(workload identity federation\), which skyql does not support yet/,
  );
});

test('authorized_user whose refresh token was revoked: 400 invalid_grant and the fix', async () => {
  const path = writeJson({
    type: 'authorized_user',
    ...USER,
    refresh_token: '1//revoked-refresh-token',
    token_uri: `${fake.base}/token`,
  });
  const e = await authError(
    createGoogleAuthenticator(undefined, testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } })),
    ['1//revoked-refresh-token'],
    'TOKEN_REJECTED',
  );
  assert.equal(
    e.message,
    `user credentials (authorized_user) from ${path} (GOOGLE_APPLICATION_CREDENTIALS): token endpoint ${fake.base}/token said 400 invalid_grant: Token has been expired or revoked.`,
  );
  assert.match(e.hint ?? '', /gcloud auth application-default login/);
});

test('GOOGLE_APPLICATION_CREDENTIALS naming a missing file is an error, not a fallthrough', async () => {
  const path = join(tempDir(), 'nope.json');
  const e = await authError(
    createGoogleAuthenticator(undefined, testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } })),
  );
  assert.equal(e.message, `GOOGLE_APPLICATION_CREDENTIALS names ${path}: file not found`);
});

test('nothing configured anywhere: every source looked at, and how to configure one', async () => {
  const home = tempDir();
  const deps = testDeps({ homeDir: home });
  const e = await authError(createGoogleAuthenticator(undefined, deps));
  const adcFile = join(home, '.config', 'gcloud', 'application_default_credentials.json');
  const lines = e.message.split('\n');
  assert.equal(lines[0], 'no Google credentials found; looked at:');
  assert.equal(lines[1], `  - --auth: no entry for 'google', and its provider document sets no config.auth`);
  assert.equal(lines[2], '  - GOOGLE_APPLICATION_CREDENTIALS: not set');
  assert.equal(lines[3], `  - gcloud application default credentials ${adcFile}: file not found`);
  assert.match(
    lines[4],
    new RegExp(`^  - metadata server http://${deps.env.GCE_METADATA_HOST}: not reachable`),
  );
  for (const how of [
    'credentialsfilepath',
    'GOOGLE_CREDENTIALS',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'application-default login',
    'null_auth',
  ]) {
    assert.ok(e.hint?.includes(how), how);
  }
});

test('provider default with GOOGLE_CREDENTIALS unset and no ADC: the default is listed too', async () => {
  const s = parseAuthSpec(
    'google',
    { type: 'service_account', credentialsenvvar: 'GOOGLE_CREDENTIALS' },
    'provider',
  );
  const e = await authError(createGoogleAuthenticator(s, testDeps()));
  assert.equal(
    e.message.split('\n')[1],
    '  - provider default auth (config.auth, service_account): credentialsenvvar GOOGLE_CREDENTIALS is not set',
  );
});

test('something at the metadata address that is not a metadata server counts as absent', async () => {
  const impostor = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'),
  );
  await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
  try {
    const host = `127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    const e = await authError(
      createGoogleAuthenticator(undefined, testDeps({ env: { GCE_METADATA_HOST: host } })),
    );
    assert.match(
      e.message,
      new RegExp(
        `metadata server http://${host}: http://${host} answered 200 without the Metadata-Flavor: Google header`,
      ),
    );
  } finally {
    impostor.close();
  }
});

test('a metadata server that does not answer in time counts as absent', async () => {
  const silent = createServer(() => {
    /* never answers */
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  try {
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const e = await authError(
      createGoogleAuthenticator(
        undefined,
        testDeps({ env: { GCE_METADATA_HOST: host }, metadataTimeoutMs: 200 }),
      ),
    );
    assert.match(e.message, /: no answer within 200 ms$/m);
    assert.ok(Date.now() - started < 2000);
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

test('a failed lookup is not cached: fixing the environment makes the next request work', async () => {
  const deps = testDeps();
  const auth = createGoogleAuthenticator(spec('{"google": {"credentialsenvvar": "LATER"}}'), deps);
  await authError(auth);
  deps.env.LATER = JSON.stringify(key.keyJson(`${fake.base}/token`));
  const req = await auth.authorize(apiRequest);
  assert.match(req.headers?.authorization ?? '', /^Bearer sa-token-/);
});
