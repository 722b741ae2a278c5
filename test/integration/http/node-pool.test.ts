import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { createDispatcherFactory } from '../../../src/core/http/dispatcher.js';
import { RequestCancel } from '../../../src/core/http/request-cancel.js';
import { classifyNetworkError } from '../../../src/core/http/retry-policy.js';
import { startUnacceptingPort } from '../../support/unaccepting-port.js';

/** A server answering `/wait` after 30 ms and anything else at once; counts connections. */
async function countingServer(): Promise<{
  base: string;
  connections: () => number;
  peak: () => number;
  server: Server;
}> {
  let total = 0;
  let open = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    const send = () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url}`);
    if (req.url === '/wait') setTimeout(send, 30);
    else send();
  });
  server.on('connection', (socket) => {
    total++;
    peak = Math.max(peak, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => total,
    peak: () => peak,
    server,
  };
}

test('without a proxy the pool is node:http; a proxy (flag or environment) keeps undici', () => {
  assert.equal(createDispatcherFactory({ env: {} }).client, 'node');
  assert.equal(createDispatcherFactory({ env: {}, proxy: 'http://127.0.0.1:9' }).client, 'undici');
  assert.equal(createDispatcherFactory({ env: { HTTPS_PROXY: 'http://127.0.0.1:9' } }).client, 'undici');
});

test('node:http pool: keep-alive reuse, the per-origin cap, bodies and onConnected', async () => {
  const srv = await countingServer();
  const handle = createDispatcherFactory({ env: {}, connections: 4 });
  const pool = await handle.get();
  let connected = 0;
  const get = (path: string) =>
    pool.request({
      origin: srv.base,
      path,
      method: 'GET',
      headers: {},
      body: null,
      onConnected: () => connected++,
    });
  for (let i = 0; i < 5; i++) assert.equal((await get('/a')).body.toString(), 'GET /a');
  assert.equal(srv.connections(), 1, 'sequential requests share one connection');
  const all = await Promise.all(Array.from({ length: 40 }, () => get('/wait')));
  assert.ok(all.every((r) => r.statusCode === 200));
  assert.ok(srv.peak() <= 4, `at most 4 connections at once (saw ${srv.peak()})`);
  assert.equal(connected, 45, 'onConnected once per request, new connection or pooled');
  const post = await pool.request({
    origin: srv.base,
    path: '/p?q=1',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });
  assert.equal(post.body.toString(), 'POST /p?q=1');
  await handle.close();
});

test('node:http pool: an abort ends the request; a connection that never completes fails with CONNECT_TIMEOUT', async () => {
  const srv = await countingServer();
  const handle = createDispatcherFactory({ env: {}, connectTimeoutMs: 150 });
  const pool = await handle.get();
  const cancel = new RequestCancel();
  const pending = pool.request({
    origin: srv.base,
    path: '/wait',
    method: 'GET',
    headers: {},
    body: null,
    cancel,
  });
  cancel.cancel(new Error('stop'));
  await assert.rejects(pending);
  const port = await startUnacceptingPort();
  after(() => port.close());
  let connected = false;
  const err = await pool
    .request({
      origin: `http://127.0.0.1:${port.port}`,
      path: '/',
      method: 'GET',
      headers: {},
      body: null,
      onConnected: () => (connected = true),
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const failure = classifyNetworkError(err);
  assert.equal(failure.kind, 'connect-timeout');
  assert.equal(failure.notConnected, true);
  assert.match(failure.reason, /connect timed out \(CONNECT_TIMEOUT\)/);
  assert.equal(connected, false);
  await handle.close();
});

test('connections per host follow the fan-out width: 16 at least, the concurrency up to 256, 64 unbounded', async () => {
  const { connectionsFor } = await import('../../../src/core/http/dispatcher.js');
  assert.deepEqual(
    [undefined, 1, 16, 32, 50, 1000, 0, -1].map(connectionsFor),
    [16, 16, 16, 32, 50, 256, 64, 64],
  );
});

test('node:http pool: the keep-alive idle time does not cut a slow answer short', async () => {
  const server = createServer((_req, res) => setTimeout(() => res.end('late'), 300));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => server.close());
  const handle = createDispatcherFactory({ env: {}, keepAliveTimeoutMs: 50 });
  const pool = await handle.get();
  const res = await pool.request({
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    path: '/',
    method: 'GET',
    headers: {},
    body: null,
  });
  assert.equal(res.body.toString(), 'late');
  await handle.close();
});
