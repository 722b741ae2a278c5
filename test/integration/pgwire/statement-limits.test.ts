import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import pg from 'pg';
import { startSrvProcess } from '../../support/srv-process.js';

/**
 * Attacker review (N3, N4): one client crashed srv out of heap with Parse messages of 15 MiB under
 * new names (every prepared statement and portal was kept, uncounted), and one 15 MiB
 * `SELECT 1,1,1,…` held the thread every client shares for a minute and answered "Maximum call
 * stack size exceeded". Now a statement's text is refused past --execution.maxStatementBytes
 * before anything reads it, a connection holds at most 1000 prepared statements, 1000 portals and
 * 64 MiB of their text, and that text is taken from the process's result memory as well.
 */

type Coded = Error & { code?: string; hint?: string };

async function client(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'tester', database: 'skyql' });
  await c.connect();
  return c;
}

/** A backend message: its type and body. */
interface Message {
  readonly code: string;
  readonly body: Buffer;
}

/** A connection speaking the wire protocol by hand, to send messages the `pg` client never would. */
class Wire {
  private buffered = Buffer.alloc(0);
  private readonly messages: Message[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 5) {
        const length = this.buffered.readInt32BE(1) + 1;
        if (this.buffered.length < length) break;
        this.messages.push({
          code: String.fromCharCode(this.buffered[0]),
          body: this.buffered.subarray(5, length),
        });
        this.buffered = this.buffered.subarray(length);
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static async open(port: number): Promise<Wire> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const wire = new Wire(socket);
    const params = Buffer.from('user\0tester\0database\0skyql\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length);
    startup.writeInt32BE(196608, 4);
    socket.write(Buffer.concat([startup, params]));
    await wire.untilReady();
    return wire;
  }

  /** Sends one frontend message. */
  async send(code: string, ...parts: Buffer[]): Promise<void> {
    const body = Buffer.concat(parts);
    const head = Buffer.alloc(5);
    head.write(code);
    head.writeInt32BE(4 + body.length, 1);
    if (!this.socket.write(Buffer.concat([head, body])))
      await new Promise((resolve) => this.socket.once('drain', resolve));
  }

  parse(name: string, sql: string): Promise<void> {
    return this.send('P', cstring(name), cstring(sql), int16(0));
  }

  /** Bind of `statement` to `portal` with text parameters. */
  bind(portal: string, statement: string, values: readonly string[]): Promise<void> {
    const params = values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]);
    return this.send(
      'B',
      cstring(portal),
      cstring(statement),
      int16(0),
      int16(values.length),
      ...params,
      int16(0),
    );
  }

  close(target: 'S' | 'P', name: string): Promise<void> {
    return this.send('C', Buffer.from(target), cstring(name));
  }

  sync(): Promise<void> {
    return this.send('S');
  }

  /** The messages up to and including the next ReadyForQuery. */
  async untilReady(): Promise<Message[]> {
    for (;;) {
      const at = this.messages.findIndex((m) => m.code === 'Z');
      if (at >= 0) return this.messages.splice(0, at + 1);
      if (this.closed) throw new Error(`connection closed; got ${this.messages.map((m) => m.code).join('')}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  end(): void {
    this.socket.destroy();
  }
}

const cstring = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** An ErrorResponse's fields by their one-letter type (C: SQLSTATE, M: message). */
function fields(m: Message): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of m.body.toString('utf8').split('\0')) if (part.length > 0) out[part[0]] = part.slice(1);
  return out;
}

/** The codes of `messages`, each ErrorResponse as `E<sqlstate>`, runs of one code counted: `1×1000 E54000 Z`. */
function summary(messages: readonly Message[]): string {
  const codes = messages.map((m) => (m.code === 'E' ? `E${fields(m).C}` : m.code));
  const runs: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j < codes.length && codes[j] === codes[i]) j++;
    runs.push(j - i > 1 ? `${codes[i]}×${j - i}` : codes[i]);
    i = j;
  }
  return runs.join(' ');
}

test('a statement over --execution.maxStatementBytes is refused unread; its connection goes on and others are served', async () => {
  const srv = await startSrvProcess([]);
  const a = await client(srv.port);
  const b = await client(srv.port);
  // 15 MiB of a flat list: a minute of one thread and a stack overflow before
  const flat = `SELECT 1${',1'.repeat((15 * 1024 * 1024) / 2 - 8)}`;
  const [big, other] = await Promise.allSettled([a.query(flat), b.query('SELECT 2 AS n')]);
  assert.equal(big.status, 'rejected');
  const err = (big as PromiseRejectedResult).reason as Coded;
  assert.equal(err.code, '54000', err.message);
  assert.match(err.message, /is 15\.0 MiB, more than the 1\.0 MiB a statement may hold/);
  assert.match(err.hint ?? '', /--execution\.maxStatementBytes/);
  assert.equal(other.status, 'fulfilled');
  assert.equal(Number((other as PromiseFulfilledResult<pg.QueryResult>).value.rows[0].n), 2);
  // the same connection goes on
  assert.equal(Number((await a.query('SELECT 3 AS n')).rows[0].n), 3);
  // a bound parameter that makes the statement too large is refused at Bind
  await assert.rejects(
    a.query('SELECT $1::text AS v', ['x'.repeat(2 * 1024 * 1024)]),
    (e: Coded) => e.code === '54000' && /a statement may hold/.test(e.message),
  );
  assert.equal((await a.query('SELECT $1::text AS v', ['y'])).rows[0].v, 'y');
  // one just under the limit runs (a flat list of half a million items: no stack overflow)
  const under = `SELECT count(*) AS n FROM (SELECT 1 AS x WHERE 1 IN (${Array(400_000).fill(1).join(',')}))`;
  assert.equal(Number((await a.query(under)).rows[0].n), 1);
  await a.end();
  await b.end();
  assert.ok(srv.alive());
});

test('--execution.maxStatementBytes sets the limit', async () => {
  const srv = await startSrvProcess(['--execution.maxStatementBytes', '100']);
  const c = await client(srv.port);
  assert.equal((await c.query(`SELECT '${'x'.repeat(80)}' AS s`)).rows[0].s.length, 80);
  // 40 three-byte characters: 120 bytes in 40 characters
  await assert.rejects(c.query(`SELECT '${'€'.repeat(40)}'`), (e: Coded) => e.code === '54000');
  await c.end();
});

test('a connection holds at most 1000 prepared statements and 1000 portals; Close makes room', async () => {
  const srv = await startSrvProcess([]);
  const w = await Wire.open(srv.port);
  for (let k = 0; k < 1001; k++) await w.parse(`s${k}`, `SELECT ${k}`);
  await w.sync();
  const parsed = await w.untilReady();
  assert.equal(summary(parsed), '1×1000 E54000 Z');
  const refused = fields(parsed[1000]);
  assert.match(refused.M, /already holds 1000 prepared statements, the most one may hold/);
  // replacing one by its name, or closing one, makes room
  await w.parse('s1', 'SELECT 1');
  await w.close('S', 's2');
  await w.parse('t', 'SELECT 2');
  await w.parse('u', 'SELECT 3');
  await w.sync();
  assert.equal(summary(await w.untilReady()), '1 3 1 E54000 Z');
  // portals likewise
  for (let k = 0; k < 1001; k++) await w.bind(`p${k}`, 's1', []);
  await w.sync();
  const bound = await w.untilReady();
  assert.equal(summary(bound), '2×1000 E54000 Z');
  assert.match(fields(bound[1000]).M, /already holds 1000 portals/);
  w.end();
  assert.ok(srv.alive());
});

test("a connection's prepared statements and portals hold at most 64 MiB of text", async () => {
  const srv = await startSrvProcess([]);
  const w = await Wire.open(srv.port);
  const text = (k: number) => `SELECT ${k} /*${'x'.repeat(1_000_000)}*/`;
  for (let k = 0; k < 70; k++) await w.parse(`s${k}`, text(k));
  await w.sync();
  const parsed = await w.untilReady();
  assert.equal(summary(parsed), '1×67 E54000 Z'); // 67 × 1,000,270 bytes fit in 64 MiB, a 68th does not
  assert.match(fields(parsed[67]).M, /would hold 64\.\d MiB of text, more than the 64\.0 MiB one may hold/);
  // portals count too: their text has the parameters written in
  await w.close('S', 's0');
  await w.parse('v', 'SELECT $1::text');
  await w.bind('p', 'v', ['y'.repeat(1_000_000)]);
  await w.bind('q', 'v', ['y'.repeat(1_000_000)]);
  await w.sync();
  assert.equal(summary(await w.untilReady()), '3 1 2 E54000 Z');
  w.end();
  assert.ok(srv.alive());
});

test("prepared statements' text is taken from the process's result memory and given back on disconnect", async () => {
  const srv = await startSrvProcess(['--pgsrv.resultMemory', '8']);
  const text = (k: number) => `SELECT ${k} /*${'x'.repeat(1_000_000)}*/`;
  const first = await Wire.open(srv.port);
  for (let k = 0; k < 5; k++) await first.parse(`s${k}`, text(k));
  await first.sync();
  assert.equal(summary(await first.untilReady()), '1×5 Z');
  // a second connection finds 3 MiB of the 8 free: far under its own 64 MiB, but not the process's
  const second = await Wire.open(srv.port);
  for (let k = 0; k < 5; k++) await second.parse(`s${k}`, text(k));
  await second.sync();
  const busy = await second.untilReady();
  assert.equal(summary(busy), '1×3 E53200 Z');
  assert.match(fields(busy[3]).M, /out of memory: the server's memory for results and prepared statements/);
  // the first goes away: its bytes come back
  first.end();
  let answer = '';
  for (let i = 0; i < 50 && answer !== '1 Z'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await second.parse('again', text(9));
    await second.sync();
    answer = summary(await second.untilReady());
  }
  assert.equal(answer, '1 Z');
  // and the connection's own queries still run
  second.end();
  const c = await client(srv.port);
  assert.equal(Number((await c.query('SELECT 1 AS n')).rows[0].n), 1);
  await c.end();
  assert.ok(srv.alive());
});
