import assert from 'node:assert/strict';
import { connect as netConnect, type Socket } from 'node:net';
import { test } from 'node:test';
import pg from 'pg';
import type { RowSource } from '../../../src/core/execute/row-source.js';
import type { PgServerOptions, RunningPgServer } from '../../../src/front/pgwire/pg-server.js';
import { parseTlsSettings } from '../../../src/front/pgwire/tls-settings.js';
import { collectingReporter } from '../../support/collecting-reporter.js';
import { makeCertificate, startFixturePgServer } from '../../support/pg-server-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/** Provider calls that never answer until the statement is aborted; counts the aborts. */
const aborted = { count: 0 };
const hanging: RowSource = {
  fetch: (_method, _params, signal) =>
    new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => {
        aborted.count++;
        reject(new Error('aborted'));
      });
    }),
};

function server(extra: Partial<PgServerOptions> = {}): Promise<RunningPgServer> {
  return startFixturePgServer({ rowSource: hanging }, extra);
}

const HANGING_QUERY = `SELECT name FROM google.storage.buckets WHERE project = 'p'`;

function client(port: number, config: pg.ClientConfig = {}): pg.Client {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'tester', database: 'skyql', ...config });
  c.on('error', () => {}); // a server-side close is expected in some tests
  return c;
}

/** Retries `attempt` every 50 ms until it succeeds; fails after `boundMs` (a did-not-hang bound). */
async function eventually<T>(attempt: () => Promise<T>, boundMs = 10_000): Promise<T> {
  const end = Date.now() + boundMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function connected(port: number): Promise<pg.Client> {
  const c = client(port);
  try {
    await c.connect();
    return c;
  } catch (err) {
    await c.end().catch(() => {});
    throw err;
  }
}

/** A raw socket that records what the server sent and when it closed. */
interface Raw {
  readonly socket: Socket;
  readonly received: () => Buffer;
  /** Resolves when the server ended or closed the connection; rejects if it did not within 10 s. */
  readonly ended: Promise<void>;
}

async function raw(port: number): Promise<Raw> {
  const socket = netConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    const bound = setTimeout(() => reject(new Error('the server did not close the connection')), 10_000);
    const done = () => {
      clearTimeout(bound);
      resolve();
    };
    socket.once('end', done);
    socket.once('close', done);
  });
  ended.catch(() => {}); // awaited by the tests that expect a close
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return { socket, received: () => Buffer.concat(chunks), ended };
}

function startupPacket(user = 'tester'): Buffer {
  const body = Buffer.from(`user\0${user}\0database\0skyql\0\0`);
  const packet = Buffer.alloc(8 + body.length);
  packet.writeInt32BE(packet.length);
  packet.writeInt32BE(196608, 4);
  body.copy(packet, 8);
  return packet;
}

/** The message text of the first ErrorResponse in `bytes` (fields after the 'E' header). */
function errorText(bytes: Buffer): string {
  assert.equal(
    String.fromCharCode(bytes[0]),
    'E',
    `expected an ErrorResponse, got ${JSON.stringify(bytes.toString('latin1', 0, 40))}`,
  );
  return bytes.subarray(5).toString('utf8');
}

test('refused clients give their slot back: refusals, a vanished refused client, then the first leaves', async () => {
  const s = await server({ maxConnections: 1 });
  const a = await connected(s.port);
  for (let i = 0; i < 5; i++)
    await assert.rejects(connected(s.port), (e: Error & { code?: string }) => e.code === '53300');
  const vanished = await raw(s.port); // refused, then reset without reading
  vanished.socket.resetAndDestroy();
  const lingering = await raw(s.port); // refused, reads the error, never closes: the server does
  await lingering.ended;
  assert.match(errorText(lingering.received()), /too many clients/);
  await a.end();
  const c = await eventually(() => connected(s.port));
  assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, '1');
  await c.end();
});

test('a client that disconnects or vanishes mid-query gives its slot back; its statement is aborted', async () => {
  const s = await server({ maxConnections: 1 });
  for (const leave of ['end', 'reset'] as const) {
    const before = aborted.count;
    const a = await eventually(() => connected(s.port));
    const pending = a.query(HANGING_QUERY).catch(() => 'gone');
    await eventually(async () => assert.equal(s.connectionCount(), 1));
    const socket = (a as unknown as { connection: { stream: Socket } }).connection.stream;
    if (leave === 'end') socket.end();
    else socket.resetAndDestroy();
    assert.equal(await pending, 'gone');
    const b = await eventually(() => connected(s.port));
    assert.equal(aborted.count, before + 1, `${leave}: the hanging provider call was aborted`);
    assert.equal((await b.query('SELECT 2 AS two')).rows[0].two, '2');
    await b.end();
  }
});

test('a CancelRequest is carried out even when the server is at its connection limit', async () => {
  const s = await server({ maxConnections: 1 });
  const before = aborted.count;
  const a = await eventually(() => connected(s.port));
  const pending = a.query(HANGING_QUERY).then(
    () => 'finished',
    (e: Error & { code?: string }) => e.code,
  );
  await eventually(async () => assert.equal(s.connectionCount(), 1));
  // what libpq and node-postgres send on a new connection: length 16, code 80877102, pid, key
  const { processID, secretKey } = a as unknown as { processID: number; secretKey: number };
  const cancel = Buffer.alloc(16);
  cancel.writeInt32BE(16, 0);
  cancel.writeInt32BE(80877102, 4);
  cancel.writeInt32BE(processID, 8);
  cancel.writeInt32BE(secretKey, 12);
  const raw = netConnect(s.port, '127.0.0.1');
  raw.on('error', () => {});
  raw.end(cancel);
  assert.notEqual(await pending, 'finished', 'the running statement was cancelled');
  assert.equal(aborted.count, before + 1, 'its provider call was aborted');
  // and an ordinary client at the limit is still refused
  await assert.rejects(connected(s.port), /too many clients/);
  await a.end();
});

test('idle and half-started sockets are closed at the start-up timeout with a FATAL message', async () => {
  const s = await server({ startupTimeoutMs: 300, maxConnections: 2 });
  const idle = await raw(s.port);
  const half = await raw(s.port);
  half.socket.write(startupPacket().subarray(0, 6));
  await Promise.all([idle.ended, half.ended]);
  for (const r of [idle, half])
    assert.match(errorText(r.received()), /canceling authentication due to timeout/);
  const c = await eventually(() => connected(s.port)); // both slots are free again
  await c.end();
});

test('an oversize message is refused from its length header, before the body is sent', async () => {
  const s = await server({ maxMessageBytes: 1024 * 1024 });
  for (let i = 0; i < 8; i++) {
    const r = await raw(s.port);
    const header = Buffer.alloc(8);
    header.writeInt32BE(63 * 1024 * 1024);
    header.writeInt32BE(196608, 4);
    r.socket.write(header);
    await r.ended; // only the 8-byte header was sent: the server answered and closed without the body
    assert.match(errorText(r.received()), /over the limit of 10000 bytes before authentication/);
    r.socket.destroy();
  }
  // A password message before authentication is held to the same limit.
  const secured = await server({ password: 'pw' });
  const r = await raw(secured.port);
  r.socket.write(startupPacket());
  const password = Buffer.from([0x70, 0, 0x10, 0, 0]); // 'p', length 1 048 576
  r.socket.write(password);
  await r.ended;
  assert.match(
    r.received().toString('utf8'),
    /1048576 bytes is over the limit of 10000 bytes before authentication/,
  );
  // After authentication: messages up to --pgsrv.maxMessageBytes, not one byte more.
  const c = await connected(s.port);
  const near = `SELECT '${'x'.repeat(1000 * 1000)}' AS big`;
  assert.equal((await c.query(near)).rows[0].big.length, 1000 * 1000);
  await assert.rejects(c.query(`SELECT '${'x'.repeat(1024 * 1024)}'`), /over the limit of 1048576 bytes/);
  await c.end().catch(() => {});
  const d = await connected(s.port);
  assert.equal((await d.query('SELECT 3 AS three')).rows[0].three, '3', 'the server still serves');
  await d.end();
});

test('failed passwords are slowed per client address and logged; a success clears the count', async () => {
  const log = collectingReporter();
  const s = await server({ password: 'right', authBackoff: { baseMs: 200 }, reporter: log });
  const attempt = async (password: string) => {
    const c = client(s.port, { password });
    const started = performance.now();
    try {
      await c.connect();
      await c.end();
      return { ok: true, ms: performance.now() - started };
    } catch (err) {
      assert.equal((err as { code?: string }).code, '28P01');
      return { ok: false, ms: performance.now() - started };
    }
  };
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await attempt('wrong');
    assert.equal(r.ok, false);
    waits.push(r.ms);
  }
  assert.ok(
    waits[2] >= 800,
    `the third failure was answered after ${Math.round(waits[2])} ms (at least 800)`,
  );
  assert.deepEqual(
    log.messages.map((m) => /\((\d+) in a row\); answering in (\d+) ms/.exec(m)?.slice(1)),
    [
      ['1', '200'],
      ['2', '400'],
      ['3', '800'],
    ],
  );
  assert.match(
    log.messages[0],
    /^pgsrv: password authentication failed for user "tester" from 127\.0\.0\.1 /,
  );
  assert.ok(!log.messages.join('\n').includes('wrong'), 'the password is never logged');
  assert.equal((await attempt('right')).ok, true);
  await attempt('wrong');
  assert.match(log.messages[3], /\(1 in a row\); answering in 200 ms/);
});

test('bytes sent after an SSLRequest, before the TLS handshake, are refused (CVE-2021-23214)', async () => {
  const cert = makeCertificate(tempDir());
  const tls = parseTlsSettings(JSON.stringify({ keyFilePath: cert.keyPath, certFilePath: cert.certPath }));
  const s = await server({ tls });
  const r = await raw(s.port);
  const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
  r.socket.write(Buffer.concat([sslRequest, startupPacket()]));
  await r.ended;
  assert.match(errorText(r.received()), /received unencrypted data after SSL request/);
});
