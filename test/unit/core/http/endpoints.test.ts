import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { type Endpoints, parseEndpointSpecs, rewriteUrl } from '../../../../src/core/http/endpoints.js';

/** Google's rewriting from `specs`. */
function google(
  specs: string[],
  hosts?: (provider: string, service: string) => string[],
): Endpoints | undefined {
  return parseEndpointSpecs(specs, hosts).get('google');
}

test('provider-wide base puts the original host first in the path and keeps path and query exactly', () => {
  const e = google(['google=http://127.0.0.1:8080']);
  assert.equal(
    rewriteUrl(
      'https://compute.googleapis.com/compute/v1/projects/p/aggregated/instances?filter=a%20b&pageToken=x%2Fy',
      e,
    ),
    'http://127.0.0.1:8080/compute.googleapis.com/compute/v1/projects/p/aggregated/instances?filter=a%20b&pageToken=x%2Fy',
  );
  assert.equal(
    rewriteUrl('https://storage.googleapis.com', e),
    'http://127.0.0.1:8080/storage.googleapis.com/',
  );
  assert.equal(
    rewriteUrl('https://storage.googleapis.com?x=1', e),
    'http://127.0.0.1:8080/storage.googleapis.com/?x=1',
  );
  assert.equal(
    rewriteUrl('https://oauth2.googleapis.com/token', e),
    'http://127.0.0.1:8080/oauth2.googleapis.com/token',
  );
});

test('URLs already under the base (emulator selfLinks) are not rewritten twice', () => {
  const e = google(['google=http://127.0.0.1:8080/']);
  const once = rewriteUrl('https://compute.googleapis.com/compute/v1/x', e);
  assert.equal(rewriteUrl(once, e), once);
});

test('per-service specs map the service hosts and win over the provider base', () => {
  const e = google([
    'google=http://127.0.0.1:1',
    'google.compute=http://127.0.0.1:2',
    'aws=http://127.0.0.1:3',
  ]);
  assert.equal(e?.providerBase, 'http://127.0.0.1:1');
  assert.deepEqual([...(e?.hostBases ?? [])], [['compute.googleapis.com', 'http://127.0.0.1:2']]);
  assert.equal(
    rewriteUrl('https://compute.googleapis.com/a', e),
    'http://127.0.0.1:2/compute.googleapis.com/a',
  );
  assert.equal(
    rewriteUrl('https://storage.googleapis.com/a', e),
    'http://127.0.0.1:1/storage.googleapis.com/a',
  );
  const only = google(['google.storage=http://h:9'], (_provider, svc) => [
    `${svc}.googleapis.com`,
    `${svc}.mtls.googleapis.com`,
  ]);
  assert.equal(only?.providerBase, undefined);
  assert.equal(
    rewriteUrl('https://storage.mtls.googleapis.com/b', only),
    'http://h:9/storage.mtls.googleapis.com/b',
  );
  assert.equal(rewriteUrl('https://compute.googleapis.com/b', only), 'https://compute.googleapis.com/b');
  assert.equal(rewriteUrl('https://compute.googleapis.com/b', undefined), 'https://compute.googleapis.com/b');
});

test("a per-service spec also takes Google's legacy links of that service (www.googleapis.com/compute/...)", () => {
  const e = google(['google.compute=http://b:2']);
  assert.equal(
    rewriteUrl('https://www.googleapis.com/compute/v1/projects/p/zones/z/operations/o', e),
    'http://b:2/www.googleapis.com/compute/v1/projects/p/zones/z/operations/o',
  );
  assert.equal(
    rewriteUrl('https://www.googleapis.com/storage/v1/b/x', e),
    'https://www.googleapis.com/storage/v1/b/x',
  );
});

test('comma-separated specs and bad specs', () => {
  const e = google(['google=http://a:1,google.compute=http://b:2']);
  assert.equal(e?.providerBase, 'http://a:1');
  assert.equal(e?.hostBases.get('compute.googleapis.com'), 'http://b:2');
  for (const bad of ['google', '=http://x', 'google=notaurl', 'google=ftp://x', 'google.a.b=http://x']) {
    assert.throws(
      () => google([bad]),
      (err: unknown) => isSkyqlError(err, 'BAD_FLAG'),
      bad,
    );
  }
});

test('every provider gets its own rewriting; per-service specs are for google only', () => {
  const table = parseEndpointSpecs([
    'google=http://g:1',
    'tiny=http://t:2',
    'aws=http://a:3,tiny=http://t:4',
  ]);
  assert.deepEqual([...table.keys()], ['google', 'tiny', 'aws']);
  assert.equal(
    rewriteUrl('https://things.example.com/v1/things?x=1', table.get('tiny')),
    'http://t:4/things.example.com/v1/things?x=1',
    'the later spec wins',
  );
  assert.equal(rewriteUrl('https://ec2.amazonaws.com/', table.get('aws')), 'http://a:3/ec2.amazonaws.com/');
  assert.throws(
    () => parseEndpointSpecs(['tiny.things=http://t:2']),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_FLAG') && /per-service endpoints are known for google only/.test(e.message),
  );
});

test('--http.proxy.* parts', async () => {
  const { proxyUrlFromParts } = await import('../../../../src/core/http/transport.js');
  assert.equal(proxyUrlFromParts({}), undefined);
  assert.equal(proxyUrlFromParts({ host: 'proxy.local', port: 3128 }), 'http://proxy.local:3128');
  assert.equal(
    proxyUrlFromParts({ host: 'p', port: -1, scheme: 'HTTPS', user: 'u@x', password: 'p:w' }),
    'https://u%40x:p%3Aw@p',
  );
  assert.throws(
    () => proxyUrlFromParts({ host: 'p', scheme: 'socks5' }),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

test("google's provider-wide base moves Google's API and token hosts only; other URLs are used as they are", () => {
  const e = google(['google=http://127.0.0.1:8092']);
  assert.equal(
    rewriteUrl('https://accounts.google.com/o/oauth2/token', e),
    'http://127.0.0.1:8092/accounts.google.com/o/oauth2/token',
  );
  assert.equal(
    rewriteUrl('https://oauth.nonexistent-host.invalid/token', e),
    'https://oauth.nonexistent-host.invalid/token',
  );
  assert.equal(
    rewriteUrl('http://127.0.0.1:8089/oauth2.googleapis.com/token', e),
    'http://127.0.0.1:8089/oauth2.googleapis.com/token',
  );
  // another provider's base still applies to every host (its hosts are not known)
  const other = parseEndpointSpecs(['tiny=http://127.0.0.1:1']).get('tiny');
  assert.equal(
    rewriteUrl('https://things.example.com/v1', other),
    'http://127.0.0.1:1/things.example.com/v1',
  );
});
