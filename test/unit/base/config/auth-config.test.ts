import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseAuthConfig,
  parseAuthSpec,
  resolveAuthSpec,
  safeJsonError,
} from '../../../../src/base/config/auth-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';

function badConfig(raw: string, message: RegExp): void {
  assert.throws(
    () => parseAuthConfig(raw),
    (e: unknown) => {
      assert.ok(isSkyqlError(e, 'BAD_AUTH_CONFIG'), String(e));
      assert.match(e.message, message);
      assert.match(e.hint ?? '', /example: --auth '\{"google": \{/);
      return true;
    },
  );
}

test('StackQL service_account config', () => {
  const config = parseAuthConfig('{"google": {"type": "service_account", "credentialsfilepath": "/k.json"}}');
  assert.deepEqual([...config.keys()], ['google']);
  assert.deepEqual(config.get('google'), {
    type: 'service_account',
    origin: 'flag',
    credentialsFilePath: '/k.json',
  });
});

test('every key, matched case-insensitively like StackQL', () => {
  const config = parseAuthConfig(
    JSON.stringify({
      google: {
        Type: 'SERVICE_ACCOUNT',
        credentialsEnvVar: 'GOOGLE_CREDENTIALS',
        scopes: [
          'https://www.googleapis.com/auth/cloud-platform',
          'https://www.googleapis.com/auth/admin.directory.user',
        ],
        sub: 'admin@example.com',
        quota_project: 'billing',
        impersonate_service_account: 'sa@p.iam.gserviceaccount.com',
        delegates: 'a@p.iam.gserviceaccount.com, b@p.iam.gserviceaccount.com',
      },
      googleadmin: { type: 'interactive' },
    }),
  );
  assert.deepEqual(config.get('google'), {
    type: 'service_account',
    origin: 'flag',
    credentialsEnvVar: 'GOOGLE_CREDENTIALS',
    scopes: [
      'https://www.googleapis.com/auth/cloud-platform',
      'https://www.googleapis.com/auth/admin.directory.user',
    ],
    sub: 'admin@example.com',
    quotaProject: 'billing',
    impersonateServiceAccount: 'sa@p.iam.gserviceaccount.com',
    delegates: ['a@p.iam.gserviceaccount.com', 'b@p.iam.gserviceaccount.com'],
  });
  assert.deepEqual(config.get('googleadmin'), { type: 'interactive', origin: 'flag' });
});

test('scopes as a space or comma separated string', () => {
  const a = parseAuthConfig('{"google": {"type": "adc", "scopes": "s1 s2,s3 , s4"}}').get('google');
  assert.deepEqual(a?.scopes, ['s1', 's2', 's3', 's4']);
  const empty = parseAuthConfig('{"google": {"type": "adc", "scopes": ""}}').get('google');
  assert.equal(empty?.scopes, undefined);
});

test('type inferred: a credentials source means service_account, nothing means adc', () => {
  assert.equal(
    parseAuthConfig('{"google": {"credentialsfilepath": "/k.json"}}').get('google')?.type,
    'service_account',
  );
  assert.equal(
    parseAuthConfig('{"google": {"credentialsenvvar": "X"}}').get('google')?.type,
    'service_account',
  );
  assert.equal(
    parseAuthConfig('{"google": {"credentialsfilepathenvvar": "X"}}').get('google')?.type,
    'service_account',
  );
  assert.equal(parseAuthConfig('{"google": {"quota_project": "q"}}').get('google')?.type, 'adc');
  assert.equal(
    parseAuthConfig('{"google": {"impersonate_service_account": "sa@p.iam.gserviceaccount.com"}}').get(
      'google',
    )?.type,
    'adc',
  );
});

test('YAML-ish input is accepted', () => {
  const config = parseAuthConfig('{google: {type: bearer, credentialsenvvar: GCP_ACCESS_TOKEN}}');
  assert.deepEqual(config.get('google'), {
    type: 'bearer',
    origin: 'flag',
    credentialsEnvVar: 'GCP_ACCESS_TOKEN',
  });
  const block = parseAuthConfig('google:\n  type: null_auth\n');
  assert.equal(block.get('google')?.type, 'null_auth');
});

test('empty or absent --auth is an empty map', () => {
  assert.equal(parseAuthConfig(undefined).size, 0);
  assert.equal(parseAuthConfig('  ').size, 0);
  assert.equal(parseAuthConfig('{}').size, 0);
});

test('bad input: what was wrong, with an example', () => {
  badConfig(
    '{"google": {"type": "service_account", "credentialsfilepath": "/k.json"',
    /^--auth is not valid JSON \(or YAML\): /,
  );
  badConfig('"google"', /^--auth must be an object keyed by provider name, got a string$/);
  badConfig('[1]', /got a list/);
  badConfig('{"google": "service_account"}', /^--auth entry for 'google' must be an object .* got a string$/);
  badConfig(
    '{"google": {"type": "servce_account", "credentialsfilepath": "/k"}}',
    /unknown auth type "servce_account" \(did you mean "service_account"\?\); supported types: service_account, interactive, bearer, adc, null_auth/,
  );
  badConfig('{"google": {"type": "oauth2"}}', /unknown auth type "oauth2"/);
  badConfig(
    '{"google": {"credentialfilepath": "/k"}}',
    /unknown key "credentialfilepath" \(did you mean "credentialsfilepath"\?\)/,
  );
  badConfig(
    '{"google": {"type": "service_account"}}',
    /type service_account needs one of credentialsfilepath, credentialsenvvar or credentialsfilepathenvvar/,
  );
  badConfig('{"google": {"type": "bearer"}}', /type bearer needs one of/);
  badConfig(
    '{"google": {"type": "interactive", "sub": "u@x.com"}}',
    /"sub" .* applies only to service_account/,
  );
  badConfig(
    '{"google": {"type": "null_auth", "impersonate_service_account": "sa@p.iam.gserviceaccount.com"}}',
    /cannot be used with null_auth/,
  );
  badConfig(
    '{"google": {"type": "adc", "delegates": ["a@b"]}}',
    /only meaningful with impersonate_service_account/,
  );
  badConfig('{"google": {"impersonate_service_account": "not-an-email"}}', /must be a service account email/);
  badConfig('{"google": {"credentialsfilepath": 3}}', /"credentialsfilepath" must be a string/);
  badConfig('{"google": {"type": "adc", "scopes": [1]}}', /every entry of "scopes" must be a string/);
});

test('a bad JSON message never quotes the input', () => {
  const secret = 'hunter2-super-secret';
  assert.throws(
    () => parseAuthConfig(`{"google": {"type": "bearer", "credentialsenvvar": ${secret}}}}}`),
    (e: unknown) => isSkyqlError(e, 'BAD_AUTH_CONFIG') && !e.message.includes(secret),
  );
  let err: unknown;
  try {
    JSON.parse(`${secret} not json`);
  } catch (e) {
    err = e;
  }
  assert.ok(!safeJsonError(err).includes(secret));
  assert.ok(!safeJsonError(err).includes('hunter'));
});

test('resolveAuthSpec: --auth entry, else the provider.yaml default, else undefined', () => {
  const providerDefault = {
    type: 'service_account',
    credentialsenvvar: 'GOOGLE_CREDENTIALS',
    somethingElse: 1,
  };
  const none = parseAuthConfig(undefined);
  assert.deepEqual(resolveAuthSpec(none, 'google', providerDefault), {
    type: 'service_account',
    origin: 'provider',
    credentialsEnvVar: 'GOOGLE_CREDENTIALS',
  });
  assert.equal(resolveAuthSpec(none, 'google'), undefined);
  assert.equal(resolveAuthSpec(none, 'google', null), undefined);
  const flag = parseAuthConfig('{"google": {"type": "interactive"}}');
  assert.equal(resolveAuthSpec(flag, 'google', providerDefault)?.type, 'interactive');
  assert.equal(resolveAuthSpec(flag, 'googleadmin', providerDefault)?.origin, 'provider');
});

test('a provider default ignores unknown keys but still checks the type', () => {
  assert.equal(
    parseAuthSpec('google', { type: 'bearer', credentialsenvvar: 'T', valuePrefix: 'x' }, 'provider').type,
    'bearer',
  );
  assert.throws(
    () => parseAuthSpec('google', { type: 'aws_signing_v4' }, 'provider'),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_AUTH_CONFIG') &&
      /provider 'google' config\.auth: unknown auth type/.test(e.message),
  );
});
