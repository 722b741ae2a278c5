import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { SKYQL_BIN } from '../../support/paths.js';
import { childEnv } from './mcp-harness.js';

/**
 * Issue 14: HTTP sessions expire when idle and give way to new clients when the table is full; a
 * chunked body is capped like one with Content-Length.
 */

async function spawnHttp(flags: string[]): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      SKYQL_BIN,
      'mcp',
      '--mcp.server.type=http',
      '--mcp.config',
      JSON.stringify({ server: { address: '127.0.0.1:0' }, audit: { disabled: true } }),
      ...flags,
    ],
    { env: childEnv() },
  );
  after(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const m = /:(\d+)\/mcp$/.exec(line);
  assert.ok(m, line);
  return Number(m[1]);
}

/** A server with the default limits, shared by the tests that need no others (one process less). */
const plainPort = await spawnHttp([]);

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Sends one request; resolves with the response once its headers are in (the body left to the caller). */
function send(
  port: number,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ res: IncomingMessage; req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/mcp', method, headers: { ...HEADERS, ...headers } },
      (res) => resolve({ res, req }),
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Opens a session; resolves with its id. */
async function initialize(port: number): Promise<string> {
  const { res } = await send(
    port,
    'POST',
    {},
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    },
  );
  res.resume();
  assert.equal(res.statusCode, 200);
  return String(res.headers['mcp-session-id']);
}

/** The status of a ping on session `id` (200 alive, 404 gone). */
async function ping(port: number, id: string): Promise<number> {
  const { res } = await send(
    port,
    'POST',
    { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
    {
      jsonrpc: '2.0',
      id: 2,
      method: 'ping',
    },
  );
  res.resume();
  return res.statusCode ?? 0;
}

/** Opens the session's GET stream (kept open until `close`). */
async function openStream(port: number, id: string): Promise<() => void> {
  const { res, req } = await send(port, 'GET', {
    accept: 'text/event-stream',
    'mcp-session-id': id,
    'mcp-protocol-version': '2025-06-18',
  });
  assert.equal(res.statusCode, 200);
  return () => req.destroy();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an idle session expires after --mcp.sessionIdle; one with an open stream does not', async () => {
  const port = await spawnHttp(['--mcp.sessionIdle', '0.5']);
  const idle = await initialize(port);
  const streaming = await initialize(port);
  const close = await openStream(port, streaming);
  await sleep(2_000);
  assert.equal(await ping(port, idle), 404, 'the idle session was closed');
  assert.equal(await ping(port, streaming), 200, 'the session with an open stream was kept');
  close();
  await sleep(2_000);
  assert.equal(await ping(port, streaming), 404, 'closed once its stream ended and it stayed idle');
});

test('at --mcp.maxSessions a new client replaces the least recently used idle session; none in use: 503', async () => {
  const port = await spawnHttp(['--mcp.maxSessions', '2']);
  const first = await initialize(port);
  const second = await initialize(port);
  assert.equal(await ping(port, first), 200); // first is now the more recently used
  const third = await initialize(port);
  assert.equal(await ping(port, second), 404, 'the least recently used idle session made room');
  assert.equal(await ping(port, first), 200);
  const closers = [await openStream(port, first), await openStream(port, third)];
  const { res } = await send(
    port,
    'POST',
    {},
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    },
  );
  res.resume();
  assert.equal(res.statusCode, 503, 'every session is in use');
  for (const c of closers) c();
});

test('a chunked body over 1 MiB gets 413 without being read to its end', async () => {
  const port = plainPort;
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: HEADERS },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    assert.equal(req.getHeader('content-length'), undefined);
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)));
    // an endless body: 64 KiB chunks until the answer comes
    const chunk = Buffer.alloc(64 * 1024, 'x');
    req.write('{"pad": "');
    const pump = () => {
      while (!req.destroyed && req.write(chunk));
      if (!req.destroyed) req.once('drain', pump);
    };
    pump();
  });
  assert.equal(status, 413);
  const { res } = await send(port, 'POST', {}, { jsonrpc: '2.0', id: 1, method: 'ping' });
  res.resume();
  assert.equal(res.statusCode, 400, 'the server answers the next request');
});

test('a JSON-RPC batch on protocol 2025-06-18 gets 400; one message per request is served', async () => {
  const port = plainPort;
  const id = await initialize(port);
  const headers = { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' };
  const ping = { jsonrpc: '2.0', id: 3, method: 'ping' };
  const { res } = await send(port, 'POST', headers, [ping, { ...ping, id: 4 }]);
  res.resume();
  assert.equal(res.statusCode, 400);
  const single = await send(port, 'POST', headers, ping);
  single.res.resume();
  assert.equal(single.res.statusCode, 200);
});
