/**
 * `--endpoint google=URL` moves Google's hosts only: a key whose token_uri is already another URL
 * (an emulator's, a private endpoint, a wrong host) is asked there, and token errors name the URL
 * really contacted, saying when --endpoint moved it. A 404 from a token endpoint blames the URL.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { writeServiceAccountKey } from '../../support/emulator-service-account.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { listenOnLoopback } from '../../support/loopback-server.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const SELECT = "SELECT name FROM google.storage.buckets WHERE project = 'p'";

/** A key file like `path`'s with another token_uri. */
function withTokenUri(path: string, tokenUri: string): string {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...json, token_uri: tokenUri }));
  return path;
}

/** A loopback server answering every request with `status` and `body`, recording what it saw. */
async function recordingServer(
  status: number,
  body: string,
): Promise<{ host: string; saw: IncomingMessage[] }> {
  const saw: IncomingMessage[] = [];
  const host = await listenOnLoopback(
    createServer((req, res) => {
      saw.push(req);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    }),
  );
  return { host, saw };
}

function exec(keyPath: string, endpointHost: string) {
  return runCli([
    'exec',
    '-o',
    'csv',
    '--http.retry.maxAttempts',
    '1',
    '--endpoint',
    `google=http://${endpointHost}`,
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
    SELECT,
  ]);
}

test('a token_uri on a host that is not Google is not moved by --endpoint: its own DNS failure is reported', async () => {
  const endpoint = await recordingServer(200, '{"items": []}');
  const key = withTokenUri(
    writeServiceAccountKey(tempDir()).path,
    'https://oauth.nonexistent-host.invalid/token',
  );
  const r = await exec(key, endpoint.host);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no access token: cannot reach oauth\.nonexistent-host\.invalid: /);
  assert.match(r.stderr, /hint: the token endpoint was never reached/);
  assert.doesNotMatch(r.stderr, /rejected|clock/);
  assert.deepEqual(
    endpoint.saw.map((q) => q.url),
    [],
  );
});

test("an emulator's own token_uri is used as it is under --endpoint pointing elsewhere", async () => {
  const { emu, keyPath } = await startSampleEmulator();
  const endpoint = await recordingServer(200, '{"items": [{"name": "b1"}]}');
  const r = await exec(withTokenUri(keyPath, emu.tokenUrl), endpoint.host);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'name\nb1\n');
  assert.deepEqual(
    endpoint.saw.map((q) => q.url),
    ['/storage.googleapis.com/storage/v1/b?project=p'],
    'only the API call went to the endpoint',
  );
  assert.match(String(endpoint.saw[0]?.headers.authorization), /^Bearer /);
});

test('a 404 from a token endpoint moved by --endpoint names the URL contacted and blames the URL, not the key', async () => {
  const endpoint = await recordingServer(
    404,
    '{"error": {"code": 404, "message": "Not Found", "status": "NOT_FOUND"}}',
  );
  const r = await exec(writeServiceAccountKey(tempDir()).path, endpoint.host);
  assert.equal(r.code, 1);
  assert.ok(
    r.stderr.includes(
      `token endpoint http://${endpoint.host}/oauth2.googleapis.com/token (--endpoint for https://oauth2.googleapis.com/token) said 404`,
    ),
    r.stderr,
  );
  assert.match(
    r.stderr,
    /hint: no token endpoint at that URL: the URL is wrong, not the credentials: check the key's "token_uri" and --endpoint/,
  );
  assert.doesNotMatch(r.stderr, /clock|rejected/);
});

test('the emulator answers a host it does not serve with 404, even without a token', async () => {
  const { emu } = await startSampleEmulator();
  const res = await fetch(`${emu.url}/oauth.nonexistent-host.invalid/token`, { method: 'POST', body: 'x=1' });
  assert.equal(res.status, 404);
  const body = (await res.json()) as { error: { status: string; message: string } };
  assert.equal(body.error.status, 'NOT_FOUND');
  assert.match(body.error.message, /Unknown service host 'oauth\.nonexistent-host\.invalid'/);
});
