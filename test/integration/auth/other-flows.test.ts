import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { RunCommand } from '../../../src/core/http/auth/authenticator.js';
import { createGoogleAuthenticator } from '../../../src/core/http/auth/google-authenticator.js';
import { tempDir } from '../../support/temp-dir.js';
import {
  apiRequest,
  assertNoSecrets,
  Clock,
  errorText,
  header,
  spec,
  testDeps,
  useFakeGoogle,
  writeJson,
} from './auth-test-kit.js';
import { makeKey, rewritingSend, USER } from './fake-google.js';

const fake = useFakeGoogle();
const key = makeKey('deployer@p.iam.gserviceaccount.com');
fake.register(key);

test('bearer: the token from credentialsenvvar or credentialsfilepath, as-is', async () => {
  const fromEnv = createGoogleAuthenticator(
    spec('{"google": {"type": "bearer", "credentialsenvvar": "GCP_ACCESS_TOKEN"}}'),
    testDeps({ env: { GCP_ACCESS_TOKEN: 'ya29.pre-minted-token\n' } }),
  );
  assert.equal(header(await fromEnv.authorize(apiRequest), 'authorization'), 'Bearer ya29.pre-minted-token');
  assert.equal(fromEnv.describe(), 'bearer token from environment variable GCP_ACCESS_TOKEN');

  const path = writeJson('file-token-123\n', 'token.txt');
  const fromFile = createGoogleAuthenticator(
    spec(`{"google": {"type": "bearer", "credentialsfilepath": "${path}"}}`),
    testDeps(),
  );
  assert.equal(header(await fromFile.authorize(apiRequest), 'authorization'), 'Bearer file-token-123');
  assert.equal(fromFile.describe(), `bearer token from ${path}`);
});

test('bearer: a value with spaces or line breaks is refused without quoting it', async () => {
  const auth = createGoogleAuthenticator(
    spec('{"google": {"type": "bearer", "credentialsenvvar": "T"}}'),
    testDeps({ env: { T: 'secret-one\nsecret-two' } }),
  );
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'AUTH_ERROR'));
    assert.match(e.message, /^bearer token from environment variable T is not a single token/);
    assert.doesNotMatch(errorText(e), /secret-one|secret-two/);
    return true;
  });
});

test('interactive: gcloud auth print-access-token, reused for a few minutes', async () => {
  const calls: Array<readonly string[]> = [];
  let n = 0;
  const runCommand: RunCommand = async (command, args) => {
    calls.push([command, ...args]);
    return { exitCode: 0, stdout: `ya29.gcloud-token-${++n}\n`, stderr: '' };
  };
  const clock = new Clock();
  const auth = createGoogleAuthenticator(
    spec('{"google": {"type": "interactive"}}'),
    testDeps({ runCommand, now: clock.now }),
  );
  assert.equal(header(await auth.authorize(apiRequest), 'authorization'), 'Bearer ya29.gcloud-token-1');
  assert.equal(header(await auth.authorize(apiRequest), 'authorization'), 'Bearer ya29.gcloud-token-1');
  assert.deepEqual(calls, [['gcloud', 'auth', 'print-access-token']]);
  clock.advance(10 * 60_000);
  assert.equal(header(await auth.authorize(apiRequest), 'authorization'), 'Bearer ya29.gcloud-token-2');
  assert.match(auth.describe(), /gcloud/);
});

test('interactive without gcloud: the StackQL message, and how to fix it', async () => {
  const auth = createGoogleAuthenticator(spec('{"google": {"type": "interactive"}}'), testDeps());
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'AUTH_ERROR'));
    assert.match(e.message, /interactive mode requires the Google Cloud SDK to be installed/);
    assert.match(e.hint ?? '', /gcloud auth login/);
    return true;
  });
});

test('interactive when gcloud is not logged in: its error, minus any token', async () => {
  const runCommand: RunCommand = async () => ({
    exitCode: 1,
    stdout: '',
    stderr: 'ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected.\n',
  });
  const auth = createGoogleAuthenticator(
    spec('{"google": {"type": "interactive"}}'),
    testDeps({ runCommand }),
  );
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'AUTH_ERROR'));
    assert.match(
      e.message,
      /print-access-token exited with code 1: ERROR: .*no.* active account|You do not currently have an active account/,
    );
    assert.match(e.hint ?? '', /gcloud auth login/);
    return true;
  });
});

test('ADC: GOOGLE_APPLICATION_CREDENTIALS naming a service account key', async () => {
  const path = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } }),
  );
  assert.equal(auth.describe(), 'application default credentials (not looked up yet)');
  const req = await auth.authorize(apiRequest);
  assert.equal(header(req, 'authorization'), `Bearer ${fake.issued.at(-1)}`);
  assert.equal(
    auth.describe(),
    `service account deployer@p.iam.gserviceaccount.com from ${path} (GOOGLE_APPLICATION_CREDENTIALS)`,
  );
});

test('ADC: GOOGLE_APPLICATION_CREDENTIALS naming authorized_user credentials (refresh token grant)', async () => {
  const path = writeJson({
    type: 'authorized_user',
    ...USER,
    token_uri: `${fake.base}/user/token`,
    quota_project_id: 'billing-proj',
  });
  const auth = createGoogleAuthenticator(
    spec('{"google": {"type": "adc"}}'),
    testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } }),
  );
  const req = await auth.authorize(apiRequest);
  assert.match(header(req, 'authorization') ?? '', /^Bearer user-token-/);
  assert.equal(header(req, 'x-goog-user-project'), 'billing-proj');
  const posted = new URLSearchParams(fake.requestsTo('/user/token').at(-1)?.body);
  assert.equal(posted.get('grant_type'), 'refresh_token');
  assert.equal(posted.get('client_id'), USER.client_id);
  assert.equal(posted.get('refresh_token'), USER.refresh_token);
  assert.equal(
    auth.describe(),
    `user credentials (authorized_user) from ${path} (GOOGLE_APPLICATION_CREDENTIALS); quota project billing-proj`,
  );
});

test('ADC: gcloud ADC file in the home folder, default token URL through --endpoint rewriting', async () => {
  const home = tempDir();
  mkdirSync(join(home, '.config', 'gcloud'), { recursive: true });
  const adcPath = join(home, '.config', 'gcloud', 'application_default_credentials.json');
  writeFileSync(
    adcPath,
    JSON.stringify({ type: 'authorized_user', ...USER, account: '', universe_domain: 'googleapis.com' }),
  );
  const asked: string[] = [];
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ homeDir: home, send: rewritingSend(fake.base, asked) }),
  );
  const req = await auth.authorize(apiRequest);
  assert.match(header(req, 'authorization') ?? '', /^Bearer user-token-/);
  assert.deepEqual(asked, ['https://oauth2.googleapis.com/token']);
  assert.equal(auth.describe(), `user credentials (authorized_user) from ${adcPath}`);
});

test('ADC: CLOUDSDK_CONFIG moves the gcloud ADC file', async () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'application_default_credentials.json'),
    JSON.stringify(key.keyJson(`${fake.base}/token`)),
  );
  const auth = createGoogleAuthenticator(undefined, testDeps({ env: { CLOUDSDK_CONFIG: dir } }));
  await auth.authorize(apiRequest);
  assert.match(auth.describe(), /^service account deployer@p\.iam\.gserviceaccount\.com from /);
});

test('ADC: the metadata server (GCE_METADATA_HOST) when there is no file', async () => {
  const clock = new Clock();
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ env: { GCE_METADATA_HOST: fake.hostPort }, now: clock.now }),
  );
  const before = fake.requestsTo('/computeMetadata/').length;
  const req = await auth.authorize(apiRequest);
  assert.match(header(req, 'authorization') ?? '', /^Bearer metadata-token-/);
  const got = fake.requestsTo('/computeMetadata/').slice(before);
  assert.equal(got.length, 1);
  assert.equal(got[0].path, '/computeMetadata/v1/instance/service-accounts/default/token');
  assert.equal(got[0].headers['metadata-flavor'], 'Google');
  assert.equal(auth.describe(), `the metadata server’s default service account (${fake.base})`);
  // the detection token is reused, then refreshed near expiry
  await auth.authorize(apiRequest);
  assert.equal(fake.requestsTo('/computeMetadata/').length - before, 1);
  clock.advance(3600_000);
  await auth.authorize(apiRequest);
  assert.equal(fake.requestsTo('/computeMetadata/').length - before, 2);
});

test('ADC: custom scopes are asked of the metadata server', async () => {
  const auth = createGoogleAuthenticator(
    spec('{"google": {"type": "adc", "scopes": ["https://www.googleapis.com/auth/devstorage.read_only"]}}'),
    testDeps({ env: { GCE_METADATA_HOST: fake.hostPort } }),
  );
  await auth.authorize(apiRequest);
  assert.equal(
    fake.requestsTo('/computeMetadata/').at(-1)?.path,
    '/computeMetadata/v1/instance/service-accounts/default/token?scopes=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdevstorage.read_only',
  );
});

test('ADC: impersonated_service_account file (gcloud --impersonate-service-account)', async () => {
  const path = writeJson({
    type: 'impersonated_service_account',
    service_account_impersonation_url: `${fake.base}/v1/projects/-/serviceAccounts/target@p.iam.gserviceaccount.com:generateAccessToken`,
    delegates: [],
    source_credentials: { type: 'authorized_user', ...USER, token_uri: `${fake.base}/user/token` },
  });
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ env: { GOOGLE_APPLICATION_CREDENTIALS: path } }),
  );
  const req = await auth.authorize(apiRequest);
  assert.match(header(req, 'authorization') ?? '', /^Bearer imp-target-/);
  const imp = fake.impersonations.at(-1);
  assert.equal(imp?.target, 'target@p.iam.gserviceaccount.com');
  assert.match(imp?.sourceToken ?? '', /^user-token-/);
  assert.deepEqual(imp?.body.scope, ['https://www.googleapis.com/auth/cloud-platform']);
  assert.equal(
    auth.describe(),
    `service account target@p.iam.gserviceaccount.com impersonated with user credentials (authorized_user) from source_credentials in ${path} (GOOGLE_APPLICATION_CREDENTIALS)`,
  );
});

test('impersonate_service_account: source key token → iamcredentials generateAccessToken (real URL, rewritten)', async () => {
  const keyPath = writeJson(key.keyJson(`${fake.base}/token`));
  const asked: string[] = [];
  const auth = createGoogleAuthenticator(
    spec(
      JSON.stringify({
        google: {
          credentialsfilepath: keyPath,
          impersonate_service_account: 'target@p.iam.gserviceaccount.com',
          delegates: ['middle@p.iam.gserviceaccount.com'],
          scopes: 'https://www.googleapis.com/auth/bigquery',
        },
      }),
    ),
    testDeps({ send: rewritingSend(fake.base, asked) }),
  );
  assert.equal(
    auth.describe(),
    `service account target@p.iam.gserviceaccount.com impersonated with service account key from ${keyPath}`,
  );
  const jwtsBefore = fake.jwts.length;
  const req = await auth.authorize(apiRequest);
  assert.match(header(req, 'authorization') ?? '', /^Bearer imp-target-/);
  // the source token was asked for cloud-platform, the impersonated one for the configured scopes
  assert.equal(fake.jwts[jwtsBefore].claims.scope, 'https://www.googleapis.com/auth/cloud-platform');
  const imp = fake.impersonations.at(-1);
  assert.deepEqual(imp?.body, {
    scope: ['https://www.googleapis.com/auth/bigquery'],
    lifetime: '3600s',
    delegates: ['projects/-/serviceAccounts/middle@p.iam.gserviceaccount.com'],
  });
  assert.match(imp?.sourceToken ?? '', /^sa-token-/);
  assert.deepEqual(asked.slice(-1), [
    'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/target@p.iam.gserviceaccount.com:generateAccessToken',
  ]);
  assert.equal(
    auth.describe(),
    `service account target@p.iam.gserviceaccount.com impersonated via middle@p.iam.gserviceaccount.com with service account deployer@p.iam.gserviceaccount.com from ${keyPath}`,
  );
  // cached
  const n = fake.impersonations.length;
  await auth.authorize(apiRequest);
  assert.equal(fake.impersonations.length, n);
});

test('impersonation refused (403): Google’s reason and the role to grant, no source token', async () => {
  const keyPath = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(
    spec(
      JSON.stringify({
        google: {
          credentialsfilepath: keyPath,
          impersonate_service_account: 'denied@p.iam.gserviceaccount.com',
        },
      }),
    ),
    testDeps({ send: rewritingSend(fake.base) }),
  );
  await assert.rejects(auth.authorize(apiRequest), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'TOKEN_REJECTED'), String(e));
    assert.match(
      e.message,
      /^service account denied@p\.iam\.gserviceaccount\.com impersonated with service account deployer@.* said 403 PERMISSION_DENIED: Permission 'iam\.serviceAccounts\.getAccessToken' denied/,
    );
    assert.match(
      e.hint ?? '',
      /roles\/iam\.serviceAccountTokenCreator on denied@p\.iam\.gserviceaccount\.com/,
    );
    assertNoSecrets(fake, errorText(e));
    return true;
  });
});

test('quota project: x-goog-user-project from quota_project, else GOOGLE_CLOUD_QUOTA_PROJECT', async () => {
  const keyPath = writeJson(key.keyJson(`${fake.base}/token`));
  const withSpec = createGoogleAuthenticator(
    spec(JSON.stringify({ google: { credentialsfilepath: keyPath, quota_project: 'billed-project' } })),
    testDeps({ env: { GOOGLE_CLOUD_QUOTA_PROJECT: 'env-project' } }),
  );
  const req = await withSpec.authorize({
    ...apiRequest,
    headers: { 'X-Goog-User-Project': 'old', Authorization: 'Bearer old' },
  });
  assert.equal(header(req, 'x-goog-user-project'), 'billed-project');
  assert.equal(header(req, 'X-Goog-User-Project'), undefined);
  assert.equal(header(req, 'Authorization'), undefined);
  assert.match(withSpec.describe(), /; quota project billed-project$/);

  const fromEnv = createGoogleAuthenticator(
    spec(JSON.stringify({ google: { credentialsfilepath: keyPath } })),
    testDeps({ env: { GOOGLE_CLOUD_QUOTA_PROJECT: 'env-project' } }),
  );
  assert.equal(header(await fromEnv.authorize(apiRequest), 'x-goog-user-project'), 'env-project');
});

test('null_auth: no headers at all', async () => {
  const auth = createGoogleAuthenticator(spec('{"google": {"type": "null_auth"}}'), testDeps());
  const req = await auth.authorize(apiRequest);
  assert.deepEqual(req, apiRequest);
  assert.equal(auth.describe(), 'no credentials (null_auth)');
});
