import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { after, test } from 'node:test';
import type { ErrorCode } from '../../../src/base/errors/error-codes.js';
import type { Authenticator } from '../../../src/core/http/auth/authenticator.js';
import { createGoogleAuthenticator } from '../../../src/core/http/auth/google-authenticator.js';
import type { SendRequest } from '../../../src/core/http/http-types.js';
import { createTransport, type TransportOptions } from '../../../src/core/http/transport.js';
import { listenOnLoopback } from '../../support/loopback-server.js';
import { makeCertificate } from '../../support/self-signed-cert.js';
import { tempDir } from '../../support/temp-dir.js';
import { startUnacceptingPort } from '../../support/unaccepting-port.js';
import { authorizeFails, closedPort, spec, testDeps, useFakeGoogle, writeJson } from './auth-test-kit.js';
import { makeKey, USER } from './fake-google.js';

/**
 * A token request that gets no token says why, with a code and hint of its own: the endpoint was
 * never reached (DNS, refused, TLS, connect timeout), did not answer (response timeout), refused
 * the credentials (4xx, covered in service-account.test.ts) or failed itself (5xx). Sent through
 * the real transport, one attempt.
 */

const fake = useFakeGoogle();
const key = makeKey('sa@p.iam.gserviceaccount.com');
fake.register(key);

/** The real transport, one attempt, closed after the file. */
function transport(options: TransportOptions = {}): SendRequest {
  const t = createTransport({ maxAttempts: 1, ...options });
  after(() => t.close());
  return t;
}

/** The service-account authenticator for a key whose token_uri is `tokenUri`. */
function serviceAccount(tokenUri: string, send: SendRequest) {
  const path = writeJson(key.keyJson(tokenUri));
  return createGoogleAuthenticator(
    spec(`{"google": {"credentialsfilepath": "${path}"}}`),
    testDeps({ send }),
  );
}

/** authorize fails with `code` and no secret in the message. */
const failure = (auth: Authenticator, code: ErrorCode) => authorizeFails(fake, auth, code);

test('a token_uri host that does not resolve: TOKEN_HOST_NOT_FOUND, never "rejected the key"', async () => {
  const e = await failure(
    serviceAccount('https://no-such-host.invalid/token', transport()),
    'TOKEN_HOST_NOT_FOUND',
  );
  assert.match(
    e.message,
    /: no access token: cannot reach no-such-host\.invalid: (host name not found|DNS lookup failed)/,
  );
  assert.match(
    e.hint ?? '',
    /never reached: check the key's "token_uri" \(https:\/\/no-such-host\.invalid\/token\)/,
  );
  assert.doesNotMatch(e.hint ?? '', /rejected|clock/);
});

test('nothing listening at an authorized_user token_uri: TOKEN_CONNECTION_REFUSED naming host:port', async () => {
  const port = await closedPort();
  const path = writeJson({ type: 'authorized_user', ...USER, token_uri: `http://127.0.0.1:${port}/token` });
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ send: transport(), env: { GOOGLE_APPLICATION_CREDENTIALS: path } }),
  );
  const e = await failure(auth, 'TOKEN_CONNECTION_REFUSED');
  assert.match(
    e.message,
    new RegExp(`cannot reach 127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED\\)$`),
  );
  assert.match(e.hint ?? '', /the file's "token_uri"/);
  assert.doesNotMatch(e.hint ?? '', /revoked|application-default login/);
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

test('a token endpoint whose certificate is not trusted: TOKEN_TLS_FAILED with the CA options', {
  skip: !hasOpenssl && 'openssl not installed',
}, async () => {
  const { keyPath, certPath } = makeCertificate(tempDir('skyql-tls-'));
  const host = await listenOnLoopback(
    createHttpsServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (_req, res) =>
      res.end('{}'),
    ),
  );
  const e = await failure(serviceAccount(`https://${host}/token`, transport()), 'TOKEN_TLS_FAILED');
  assert.match(e.message, /no access token: cannot reach 127\.0\.0\.1:\d+: .*(self.signed|certificate)/i);
  assert.match(e.hint ?? '', /--tls\.CABundle.*NODE_EXTRA_CA_CERTS/);
});

test('a token endpoint that never accepts the connection: TOKEN_TIMEOUT, the connect timeout', async () => {
  const dead = await startUnacceptingPort();
  after(() => dead.close());
  const send = transport({ connectTimeoutMs: 100, timeoutMs: 60_000 });
  const e = await failure(serviceAccount(`http://127.0.0.1:${dead.port}/token`, send), 'TOKEN_TIMEOUT');
  assert.match(e.message, /no connection within 100 ms \(connect timeout\)$/);
  assert.match(e.hint ?? '', /never reached: check that .* is reachable from here \(firewall/);
});

test('a token endpoint that accepts and never answers: TOKEN_TIMEOUT, the response timeout', async () => {
  const host = await listenOnLoopback(
    createHttpServer(() => {
      /* never answers */
    }),
  );
  const send = transport({ timeoutMs: 100, connectTimeoutMs: 60_000 });
  const e = await failure(serviceAccount(`http://${host}/token`, send), 'TOKEN_TIMEOUT');
  assert.match(e.message, /did not answer within 100 ms \(response timeout\)$/);
  assert.match(e.hint ?? '', /accepted the request but did not answer: retry.*--apirequesttimeout/);
});

test('a token service that fails (503): TOKEN_SERVICE_FAILED with its own text, retry, not the key', async () => {
  const host = await listenOnLoopback(
    createHttpServer((_req, res) =>
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'Backend overloaded.' })),
    ),
  );
  const e = await failure(serviceAccount(`http://${host}/token`, transport()), 'TOKEN_SERVICE_FAILED');
  assert.match(e.message, /said 503 temporarily_unavailable: Backend overloaded\.$/);
  assert.match(e.hint ?? '', /token service failed, not the credentials: retry/);
});

test('impersonation whose IAM Credentials endpoint cannot be reached: refused, naming the API', async () => {
  const port = await closedPort();
  const real = transport();
  // Google API hosts go to a closed port; the source key's token_uri (the fake) is reached as is
  const send: SendRequest = (req, options) =>
    real(
      { ...req, url: req.url.replace(/^https:\/\/[a-z0-9.-]+\.googleapis\.com/, `http://127.0.0.1:${port}`) },
      options,
    );
  const keyPath = writeJson(key.keyJson(`${fake.base}/token`));
  const auth = createGoogleAuthenticator(
    spec(
      JSON.stringify({
        google: { credentialsfilepath: keyPath, impersonate_service_account: 't@p.iam.gserviceaccount.com' },
      }),
    ),
    testDeps({ send }),
  );
  const e = await failure(auth, 'TOKEN_CONNECTION_REFUSED');
  assert.match(
    e.message,
    /^service account t@p\.iam\.gserviceaccount\.com impersonated with .*: no access token: cannot reach/,
  );
  assert.match(e.hint ?? '', /check the IAM Credentials URL \(https:\/\/iamcredentials\.googleapis\.com\//);
});

test('a metadata server that answers 500: TOKEN_SERVICE_FAILED, not "no credentials"', async () => {
  const host = await listenOnLoopback(
    createHttpServer((_req, res) =>
      res.writeHead(500, { 'metadata-flavor': 'Google' }).end('internal error'),
    ),
  );
  const auth = createGoogleAuthenticator(
    undefined,
    testDeps({ send: transport(), env: { GCE_METADATA_HOST: host } }),
  );
  const e = await failure(auth, 'TOKEN_SERVICE_FAILED');
  assert.match(
    e.message,
    /^the metadata server’s default service account \(http:\/\/127\.0\.0\.1:\d+\): token endpoint .* said 500 internal error$/,
  );
});

test('a token endpoint that echoes the request body: no refresh token or client secret, encoded or cut short', async () => {
  // real refresh tokens start with `1//`, which a form body percent-encodes
  const secrets = { client_secret: 'SECRET_CLIENT_SECRET_X', refresh_token: '1//SECRET_REFRESH_TOKEN_X' };
  for (const answer of ['json400', 'text400', 'long-text500']) {
    const host = await listenOnLoopback(
      createHttpServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          if (answer === 'json400')
            res
              .writeHead(400, { 'content-type': 'application/json' })
              .end(JSON.stringify({ error: 'invalid_grant', error_description: body }));
          // a body whose 200-character excerpt would end inside the refresh token
          else
            res
              .writeHead(answer === 'text400' ? 400 : 500, { 'content-type': 'text/plain' })
              .end(
                `${'x'.repeat(answer === 'text400' ? 0 : 200 - body.indexOf('refresh_token') - 20)}${body}`,
              );
        });
      }),
    );
    const path = writeJson({
      type: 'authorized_user',
      ...USER,
      ...secrets,
      token_uri: `http://${host}/token`,
    });
    const auth = createGoogleAuthenticator(
      undefined,
      testDeps({ send: transport(), env: { GOOGLE_APPLICATION_CREDENTIALS: path } }),
    );
    const e = await failure(auth, answer === 'long-text500' ? 'TOKEN_SERVICE_FAILED' : 'TOKEN_REJECTED');
    const text = `${e.message}\n${e.hint ?? ''}`;
    for (const needle of ['SECRET_REFRESH', 'SECRET_CLIENT', 'SECRET_'])
      assert.ok(!text.includes(needle), `${answer}: ${text}`);
  }
});
