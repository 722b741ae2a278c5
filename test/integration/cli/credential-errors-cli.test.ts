import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { writeServiceAccountKey } from '../../support/emulator-service-account.js';
import { listenOnLoopback } from '../../support/loopback-server.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

/** An environment with no credentials anywhere: empty home and gcloud folder. */
function noCredentials(): Record<string, string> {
  const home = tempDir('skyql-home-');
  return { HOME: home, CLOUDSDK_CONFIG: home, GOOGLE_APPLICATION_CREDENTIALS: '' };
}

test('a key whose token_uri host does not resolve says so, not "the token endpoint rejected the key"', async () => {
  const dir = tempDir();
  const { path } = writeServiceAccountKey(dir);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...json, token_uri: 'https://oauth2.no-such-host.invalid/token' }));
  const r = await runCli([
    'exec',
    '--http.retry.maxAttempts',
    '1',
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: path } }),
    "SELECT name FROM google.storage.buckets WHERE project = 'p'",
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /no access token: cannot reach oauth2\.no-such-host\.invalid: (host name not found|DNS lookup failed)/,
  );
  assert.match(
    r.stderr,
    /hint: the token endpoint was never reached: check the key's "token_uri" \(https:\/\/oauth2\.no-such-host\.invalid\/token\)/,
  );
  assert.doesNotMatch(r.stderr, /rejected/);
  assert.doesNotMatch(r.stderr, /PRIVATE KEY|eyJ/);
});

test('with no credentials and --endpoint, the metadata server is asked at its own host, not the endpoint', async () => {
  const endpointSaw: IncomingMessage[] = [];
  const endpoint = await listenOnLoopback(
    createServer((req, res) => {
      endpointSaw.push(req);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [{"name": "b1"}]}');
    }),
  );
  const metadataSaw: string[] = [];
  const metadata = await listenOnLoopback(
    createServer((req, res) => {
      metadataSaw.push(req.url ?? '');
      res
        .writeHead(200, { 'content-type': 'application/json', 'metadata-flavor': 'Google' })
        .end('{"access_token": "metadata-token-1", "expires_in": 3600}');
    }),
  );
  const r = await runCli(
    [
      'exec',
      '-o',
      'csv',
      '--endpoint',
      `google=http://${endpoint}`,
      "SELECT name FROM google.storage.buckets WHERE project = 'p'",
    ],
    { ...noCredentials(), GCE_METADATA_HOST: metadata },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'name\nb1\n');
  assert.deepEqual(metadataSaw, ['/computeMetadata/v1/instance/service-accounts/default/token']);
  assert.deepEqual(
    endpointSaw.map((q) => q.url),
    ['/storage.googleapis.com/storage/v1/b?project=p'],
    'only the API call went to the endpoint',
  );
  assert.equal(endpointSaw[0]?.headers.authorization, 'Bearer metadata-token-1');
});
