import assert from 'node:assert/strict';
import { type AddressInfo, createServer as createNetServer, connect as netConnect } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { RateLimiter } from '../../../src/core/http/rate-limiter.js';
import {
  createTransport,
  parseEndpointSpecs,
  type TransportOptions,
} from '../../../src/core/http/transport.js';
import { json, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let srv: ScriptedServer;
before(async () => {
  srv = await startScriptedServer();
});
after(() => srv.close());

/** A transport with recorded (not real) sleeps and a fixed jitter. */
function testTransport(extra: TransportOptions = {}) {
  const delays: number[] = [];
  const lines: string[] = [];
  const send = createTransport({
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    log: (l) => lines.push(l),
    // pacing after rate-limit answers is not waited for here (the limiter has its own tests)
    rateLimiter: new RateLimiter({ sleep: async () => {} }),
    ...extra,
  });
  return { send, delays, lines };
}

test('429 then success: Retry-After (seconds) is honoured', async () => {
  srv.script(
    json(
      429,
      { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      { 'retry-after': '2' },
    ),
    json(200, { ok: true }),
  );
  const { send, delays, lines } = testTransport();
  const res = await send({ method: 'GET', url: `${srv.base}/v1/things` });
  assert.equal(res.status, 200);
  assert.equal(res.attempts, 2);
  assert.deepEqual(JSON.parse(res.body.toString()), { ok: true });
  assert.deepEqual(delays, [2000]);
  assert.equal(lines.length, 2);
  assert.match(
    lines[0],
    /^HTTP GET http:\/\/127\.0\.0\.1:\d+\/v1\/things -> 429 attempt 1\/5 \d+ ms \d+ B rate-limited retry in 2000 ms$/,
  );
  assert.match(lines[1], /-> 200 attempt 1\/5/, 'a rate-limit answer uses up no attempt');
  await send.close();
});

test('Retry-After as an HTTP date, and capped at maxDelayMs', async () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  srv.script(
    json(503, {}, { 'retry-after': 'Tue, 01 Jan 2030 00:00:03 GMT' }),
    json(503, {}, { 'retry-after': '3600' }),
    json(200, {}),
  );
  const { send, delays } = testTransport({ now: () => now });
  assert.equal((await send({ method: 'GET', url: `${srv.base}/x` })).status, 200);
  assert.deepEqual(delays, [3000, 5000]);
  await send.close();
});

test('rate-limit answers use up no attempts; their waits are bounded by --http.retry.maxElapsed', async () => {
  const limited = {
    error: { code: 403, status: 'PERMISSION_DENIED', errors: [{ reason: 'rateLimitExceeded' }] },
  };
  // six rate-limit answers (403 rateLimitExceeded and 429) then success, with maxAttempts 2
  srv.script(
    json(403, limited),
    json(429, {}, { 'retry-after': '1' }),
    json(403, limited),
    json(429, {}),
    json(403, limited),
    json(429, {}),
    json(200, { ok: true }),
  );
  const { send, delays, lines } = testTransport({ maxAttempts: 2 });
  const res = await send({ method: 'GET', url: `${srv.base}/v1/limited` });
  assert.equal(res.status, 200);
  assert.equal(res.attempts, 7);
  assert.equal(delays.length, 6);
  assert.equal(delays[1], 1000, 'Retry-After honoured');
  assert.match(lines[0], /-> 403 attempt 1\/2 .* rate-limited retry in \d+ ms$/);
  assert.match(lines[6], /-> 200 attempt 1\/2 /);
  await send.close();

  // a Retry-After past the budget ends the call at once with the rate-limit answer
  srv.script(json(429, {}, { 'retry-after': '3600' }));
  const t = testTransport({ maxElapsedMs: 60_000 });
  const over = await t.send({ method: 'GET', url: `${srv.base}/v1/limited` });
  assert.equal(over.status, 429);
  assert.equal(over.attempts, 1);
  assert.deepEqual(t.delays, []);
  await t.send.close();

  // a 403 that is not a rate limit is not retried
  srv.script(
    json(403, { error: { code: 403, status: 'PERMISSION_DENIED', errors: [{ reason: 'forbidden' }] } }),
  );
  const d = testTransport();
  assert.equal((await d.send({ method: 'GET', url: `${srv.base}/v1/denied` })).attempts, 1);
  await d.send.close();
});

test('500s exhaust the attempts with exponential full-jitter backoff; the last response is returned', async () => {
  srv.script(json(500, { error: { code: 500, message: 'boom', status: 'INTERNAL' } }));
  const before = srv.seen.length;
  const { send, delays } = testTransport();
  const res = await send({ method: 'GET', url: `${srv.base}/fail` });
  assert.equal(res.status, 500);
  assert.equal(res.attempts, 5);
  assert.equal(srv.seen.length - before, 5);
  assert.deepEqual(delays, [250, 500, 1000, 2000]);
  await send.close();
});

test('defaults give up within about 20 s even when every wait is at its maximum', async () => {
  srv.script(json(503, {}, { 'retry-after': '60' }));
  const { send, delays } = testTransport({ random: () => 0.999 });
  await send({ method: 'GET', url: `${srv.base}/slow` });
  assert.equal(delays.length, 4);
  assert.ok(delays.reduce((a, b) => a + b, 0) <= 20_000);
  await send.close();
});

test('non-retried statuses and POST: a 500 on POST is not repeated, a 503 is', async () => {
  srv.script(json(404, { error: { code: 404 } }));
  let t = testTransport();
  assert.equal((await t.send({ method: 'GET', url: `${srv.base}/nope` })).attempts, 1);
  srv.script(json(500, {}));
  const n = srv.seen.length;
  t = testTransport();
  assert.equal((await t.send({ method: 'POST', url: `${srv.base}/insert`, body: '{}' })).attempts, 1);
  assert.equal(srv.seen.length - n, 1);
  srv.script(json(503, {}), json(200, {}));
  assert.equal((await t.send({ method: 'POST', url: `${srv.base}/insert`, body: '{}' })).attempts, 2);
  srv.script(json(500, {}), json(200, {}));
  assert.equal(
    (await t.send({ method: 'POST', url: `${srv.base}/search`, body: '{}' }, { idempotent: true })).attempts,
    2,
  );
  await t.send.close();
});

test('connection refused → NETWORK_ERROR naming the host and the reason after every attempt', async () => {
  const probe = createNetServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const { send, delays, lines } = testTransport({ maxAttempts: 3 });
  await assert.rejects(send({ method: 'GET', url: `http://127.0.0.1:${port}/x` }), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'NETWORK_ERROR'));
    assert.equal(
      e.message,
      `cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED) after 3 attempts`,
    );
    return true;
  });
  assert.deepEqual(delays, [250, 500]);
  assert.equal(lines.length, 3);
  assert.match(lines[0], /failed: connection refused/);
  await send.close();
});

test('connection refused through --endpoint names the real host too', async () => {
  const probe = createNetServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const { send } = testTransport({
    maxAttempts: 1,
    endpoints: parseEndpointSpecs([`google=http://127.0.0.1:${port}`]),
  });
  await assert.rejects(
    send({ method: 'GET', url: 'https://compute.googleapis.com/compute/v1/x' }, { provider: 'google' }),
    (e: unknown) =>
      isSkyqlError(e, 'NETWORK_ERROR') &&
      e.message.startsWith(`cannot reach 127.0.0.1:${port} (for compute.googleapis.com): connection refused`),
  );
  await send.close();
});

test('a connection dropped mid-body is retried; so is a socket hang-up before the response', async () => {
  srv.script(
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"items": [1, 2');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    (req) => req.socket.destroy(),
    json(200, { items: [1, 2, 3] }),
  );
  const { send, delays, lines } = testTransport();
  const res = await send({ method: 'GET', url: `${srv.base}/flaky` });
  assert.equal(res.status, 200);
  assert.equal(res.attempts, 3);
  assert.deepEqual(JSON.parse(res.body.toString()), { items: [1, 2, 3] });
  assert.equal(delays.length, 2);
  assert.match(lines[0], /failed: .*(truncated|closed|terminated)/i);
  await send.close();
});

test('a GET that times out is retried within the attempt budget, then HTTP_TIMEOUT names the URL and limit', async () => {
  srv.script(() => {
    /* never answers */
  });
  const { send, delays, lines } = testTransport({ timeoutMs: 150 });
  await assert.rejects(
    send({ method: 'GET', url: `${srv.base}/hang?access_token=ya29.zzz` }),
    (e: unknown) => {
      assert.ok(isSkyqlError(e, 'HTTP_TIMEOUT'));
      assert.equal(
        e.message,
        `GET ${srv.base}/hang?access_token=REDACTED: the server accepted the request but did not answer within 150 ms (response timeout) in each of 5 attempts`,
      );
      assert.match(e.hint ?? '', /slow.*--apirequesttimeout/);
      return true;
    },
  );
  assert.deepEqual(delays, [250, 500, 1000, 2000], 'the usual backoff between attempts');
  assert.equal(lines.length, 5);
  assert.match(lines[0], /-> failed: response timeout after 150 ms attempt 1\/5 \d+ ms retry in 250 ms$/);
  assert.match(lines[4], /-> failed: response timeout after 150 ms attempt 5\/5 \d+ ms$/);
  await send.close();
});

test('a GET that times out once then answers succeeds on the next attempt', async () => {
  srv.script(
    () => {
      /* the first attempt never answers */
    },
    json(200, { ok: true }),
  );
  const { send, delays } = testTransport({ timeoutMs: 150 });
  const res = await send({ method: 'GET', url: `${srv.base}/slow-once` });
  assert.equal(res.status, 200);
  assert.equal(res.attempts, 2);
  assert.deepEqual(delays, [250]);
  await send.close();
});

test('a POST that times out is not repeated (the server may have acted on it)', async () => {
  srv.script(() => {
    /* never answers */
  });
  const { send, delays } = testTransport({ timeoutMs: 150 });
  const seenBefore = srv.seen.length;
  await assert.rejects(
    send({ method: 'POST', url: `${srv.base}/create`, body: '{}' }),
    (e: unknown) =>
      isSkyqlError(e, 'HTTP_TIMEOUT') &&
      e.message ===
        `POST ${srv.base}/create: the server accepted the request but did not answer within 150 ms (response timeout)`,
  );
  assert.deepEqual(delays, []);
  assert.equal(srv.seen.length - seenBefore, 1, 'sent once');
  await send.close();
});

test('timeout covers a body that stalls after the headers', async () => {
  srv.script((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"a":');
  });
  const { send } = testTransport({ timeoutMs: 150 });
  await assert.rejects(send({ method: 'GET', url: `${srv.base}/stall` }), (e: unknown) =>
    isSkyqlError(e, 'HTTP_TIMEOUT'),
  );
  await send.close();
});

test('cancel via AbortSignal: in flight, during backoff, and before sending', async () => {
  srv.script(() => {
    /* never answers */
  });
  const t = testTransport();
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(
    t.send({ method: 'GET', url: `${srv.base}/slow` }, { signal: ac.signal }),
    (e: unknown) => isSkyqlError(e, 'CANCELLED'),
  );

  srv.script(json(503, {}));
  const ac2 = new AbortController();
  const t2 = createTransport({ baseDelayMs: 10_000, random: () => 0.9 });
  const p = t2({ method: 'GET', url: `${srv.base}/busy` }, { signal: ac2.signal });
  setTimeout(() => ac2.abort(), 100);
  const started = Date.now();
  await assert.rejects(p, (e: unknown) => isSkyqlError(e, 'CANCELLED'));
  assert.ok(Date.now() - started < 3000, 'the backoff wait was interrupted');

  const ac3 = new AbortController();
  ac3.abort();
  await assert.rejects(
    t.send({ method: 'GET', url: `${srv.base}/x` }, { signal: ac3.signal }),
    (e: unknown) => isSkyqlError(e, 'CANCELLED'),
  );
  await t.send.close();
  await t2.close();
});

test('log lines never carry secrets: Bearer token, access_token query, assertion form field', async () => {
  srv.script(
    json(401, { error: { code: 401, message: 'bad token ya29.LEAKED', status: 'UNAUTHENTICATED' } }),
    json(200, { access_token: 'ya29.NEW' }),
  );
  const { send, lines } = testTransport({ maxAttempts: 1 });
  await send({
    method: 'GET',
    url: `${srv.base}/v1/b?project=p&access_token=ya29.QUERYSECRET&key=AIzaKEY`,
    headers: { Authorization: 'Bearer ya29.HEADERSECRET' },
  });
  await send({
    method: 'POST',
    url: `${srv.base}/oauth2.googleapis.com/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.SIGNATURE',
  });
  const all = lines.join('\n');
  for (const secret of ['ya29', 'QUERYSECRET', 'HEADERSECRET', 'AIzaKEY', 'eyJ', 'SIGNATURE', 'LEAKED'])
    assert.ok(!all.includes(secret), `${secret} in ${all}`);
  assert.match(lines[0], /access_token=REDACTED&key=REDACTED -> 401/);
  assert.match(
    lines[1],
    /^HTTP POST .*\/oauth2\.googleapis\.com\/token -> 200 attempt 1\/1 \d+ ms sent \d+ B \d+ B$/,
  );
  // the server did receive the real credentials
  assert.equal(srv.seen.at(-2)?.headers.authorization, 'Bearer ya29.HEADERSECRET');
  await send.close();
});

test('endpoint rewriting: https://HOST/PATH?Q goes to BASE/HOST/PATH?Q; the response reports the URL used', async () => {
  srv.script(json(200, { items: [] }));
  const { send } = testTransport({ endpoints: parseEndpointSpecs([`google=${srv.base}`]) });
  const res = await send(
    { method: 'GET', url: 'https://storage.googleapis.com/storage/v1/b?project=p&pageToken=a%2Fb' },
    { provider: 'google' },
  );
  assert.equal(srv.seen.at(-1)?.url, '/storage.googleapis.com/storage/v1/b?project=p&pageToken=a%2Fb');
  assert.equal(res.url, `${srv.base}/storage.googleapis.com/storage/v1/b?project=p&pageToken=a%2Fb`);
  assert.equal(
    (await send({ method: 'GET', url: `${srv.base}/direct` })).url,
    `${srv.base}/direct`,
    'a call that names no provider is not rewritten',
  );
  await send.close();
});

test('request headers, user agent, gzip responses decompressed, bodies sent', async () => {
  const payload = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ name: `n${i}` })) });
  srv.script((req, res) => {
    const gz = gzipSync(payload);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': gz.length,
      'x-echo': req.headers['x-goog-user-project'] ?? '',
    });
    res.end(gz);
  });
  const { send } = testTransport();
  const res = await send({
    method: 'PUT',
    url: `${srv.base}/z`,
    headers: { 'X-Goog-User-Project': 'qp', 'Content-Type': 'application/json' },
    body: Buffer.from('{"a":1}'),
  });
  assert.equal(res.body.toString(), payload);
  assert.equal(res.headers['x-echo'], 'qp');
  const seen = srv.seen.at(-1);
  assert.equal(seen?.body.toString(), '{"a":1}');
  assert.match(String(seen?.headers['user-agent']), /gzip/);
  assert.match(String(seen?.headers['accept-encoding']), /gzip/);
  await send.close();
});

test('keep-alive pool: connections are reused and capped per origin', async () => {
  const local = await startScriptedServer((_req, res) => {
    setTimeout(() => json(200, { ok: 1 })(_req, res), 20);
  });
  const send = createTransport({ connections: 2 });
  await Promise.all(Array.from({ length: 12 }, () => send({ method: 'GET', url: `${local.base}/c` })));
  const sockets = new Set(local.seen.map((s) => s.socket));
  assert.equal(local.seen.length, 12);
  assert.ok(sockets.size <= 2, `${sockets.size} sockets`);
  await send.close();
  await local.close();
});

test('HTTPS_PROXY is honoured (CONNECT tunnel) and NO_PROXY bypasses it', async () => {
  const connects: string[] = [];
  const proxy = createNetServer((client) => {
    client.once('data', (head) => {
      const line = head.toString().split('\r\n')[0];
      connects.push(line);
      const [host, port] = line.split(' ')[1].split(':');
      const upstream = netConnect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  srv.script(json(200, { via: 'proxy' }));
  const viaProxy = createTransport({ env: { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl } });
  assert.equal((await viaProxy({ method: 'GET', url: `${srv.base}/p` })).status, 200);
  assert.deepEqual(connects, [`CONNECT 127.0.0.1:${srv.port} HTTP/1.1`]);
  const bypass = createTransport({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
  assert.equal((await bypass({ method: 'GET', url: `${srv.base}/p` })).status, 200);
  assert.equal(connects.length, 1);
  await viaProxy.close();
  await bypass.close();
  await new Promise<void>((r) => proxy.close(() => r()));
});

test('bad options fail when the transport is created', () => {
  assert.throws(
    () => createTransport({ caBundle: '/nonexistent/ca.pem' }),
    (e: unknown) => isSkyqlError(e, 'FILE_NOT_READABLE'),
  );
  assert.throws(
    () => createTransport({ maxAttempts: 0 }),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
  assert.throws(
    () => createTransport({ proxy: 'not a url' }),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
});
