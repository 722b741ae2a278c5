import type * as Pg from 'pg';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { resultTooLarge } from '../result-cap.js';
import type { ResultAccount } from '../result-memory.js';

/**
 * A gate between a PostgreSQL connection's socket and the `pg` client's parser, counting the rows'
 * bytes as they arrive. The parser buffers a whole message before reading it, so one
 * `repeat('x', 600000000)` cell would sit in memory whole and then throw ERR_STRING_TOO_LONG from
 * the socket's event handler — uncaught, ending the process (every srv client, the mcp server).
 * The gate reads each message's 5-byte header itself: a message no string can hold, or rows past
 * the armed budget, end the connection before the body arrives (the session reconnects at its next
 * statement), and anything the parser throws becomes this connection's error, never the process's.
 */

/** V8's longest string (2^29 - 24 characters): a longer message cannot be read into text. */
const MAX_READABLE = 0x1fffffe8;

/** Bytes a row counts for beyond its DataRow message (the row's array and cells in JS memory). */
export const ROW_OVERHEAD = 64;

const DATA_ROW = 0x44; // 'D'

/**
 * Bytes of rows a page may still bring after one did not fit the process's result memory before
 * the connection is ended (the session reconnects at its next statement): a page of small rows ends
 * with the query's error and the connection kept; one large row is never read.
 */
export const BUSY_SLACK = 4 * 1024 * 1024;

type Socket = NodeJS.EventEmitter & { destroy(err?: Error): void };
type Listener = (chunk: Buffer) => void;

const gates = new WeakMap<Pg.Client, PgWireGate>();

export class PgWireGate {
  /** Rows and their bytes (DataRow length + ROW_OVERHEAD each) since {@link arm}. */
  rows = 0;
  bytes = 0;
  /** The largest row's bytes since {@link arm}. */
  largest = 0;
  /** Why the connection was ended, once it was: the failing statement's error. */
  tripped: SkyqlError | undefined;
  /** Set when a row did not fit the process's result memory (SERVER_BUSY). */
  busy: SkyqlError | undefined;
  private account: ResultAccount | undefined;
  /** Bytes of rows that arrived after {@link busy}, charged to nothing. */
  unpaid = 0;
  private cap = Number.POSITIVE_INFINITY;
  private hardLimit = Number.POSITIVE_INFINITY;
  /** Rows that fitted under the cap (set when a row first goes past it). */
  private fitted: number | undefined;
  private header = Buffer.alloc(0);
  private remaining = 0;

  private constructor(private readonly socket: Socket) {}

  /** Puts a gate on a connected client's socket (the TLS socket when encrypted). */
  static install(client: Pg.Client): PgWireGate {
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    const gate = new PgWireGate(socket);
    const parsers = socket.listeners('data') as Listener[];
    socket.removeAllListeners('data');
    socket.on('data', (chunk: Buffer) => gate.pass(chunk, parsers));
    gates.set(client, gate);
    return gate;
  }

  static of(client: Pg.Client): PgWireGate | undefined {
    return gates.get(client);
  }

  /**
   * Counts rows from now on: past `cap` bytes the reader stops at its next page ({@link overCap});
   * past `hardLimit` (a page far larger than expected) the connection is ended at once. With
   * `account`, each row is charged to the process's result memory at its header, before its body
   * is read; a row that does not fit makes the reader stop at its next page (SERVER_BUSY), and
   * past {@link BUSY_SLACK} bytes of rows arriving uncharged after it, or a row larger than that,
   * the connection is ended before the body comes.
   */
  arm(cap: number, hardLimit: number, account?: ResultAccount): void {
    this.rows = 0;
    this.bytes = 0;
    this.largest = 0;
    this.fitted = undefined;
    this.busy = undefined;
    this.unpaid = 0;
    this.account = account;
    this.cap = cap;
    this.hardLimit = hardLimit;
  }

  disarm(): void {
    this.cap = Number.POSITIVE_INFINITY;
    this.hardLimit = Number.POSITIVE_INFINITY;
    this.account = undefined;
  }

  /**
   * RESULT_TOO_LARGE when the rows since {@link arm} are over the cap (whatever else is busy: the
   * query could never fit), else SERVER_BUSY when they did not fit the process's result memory.
   */
  overCap(): SkyqlError | undefined {
    return this.fitted === undefined ? this.busy : resultTooLarge(this.cap, this.fitted);
  }

  /** The rows that arrived unpaid after {@link busy} are charged now: reading goes on. */
  paid(): void {
    this.busy = undefined;
    this.unpaid = 0;
  }

  private pass(chunk: Buffer, parsers: readonly Listener[]): void {
    if (this.tripped) return;
    const problem = this.scan(chunk);
    if (problem) {
      this.trip(problem);
      return;
    }
    try {
      for (const parse of parsers) parse.call(this.socket, chunk);
    } catch (err) {
      this.trip(
        new SkyqlError('LOCAL_SQL_ERROR', `the PostgreSQL client could not read the answer: ${String(err)}`, {
          hint: 'select fewer or shorter columns (substr(), length())',
          cause: err,
        }),
      );
    }
  }

  /** Walks the message headers in `chunk`; the reason to stop, if any. */
  private scan(chunk: Buffer): SkyqlError | undefined {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.remaining -= take;
        at += take;
        continue;
      }
      let code: number;
      let body: number;
      if (this.header.length === 0 && chunk.length - at >= 5) {
        code = chunk[at];
        body = chunk.readUInt32BE(at + 1) - 4;
        at += 5;
      } else {
        // a header split across chunks
        const part = chunk.subarray(at, at + 5 - this.header.length);
        this.header = Buffer.concat([this.header, part]);
        at += part.length;
        if (this.header.length < 5) break;
        code = this.header[0];
        body = this.header.readUInt32BE(1) - 4;
        this.header = Buffer.alloc(0);
      }
      this.remaining = body;
      if (body > MAX_READABLE)
        return resultTooLarge(Math.min(this.cap, MAX_READABLE), code === DATA_ROW ? this.rows : 0);
      if (code !== DATA_ROW) continue;
      this.rows++;
      const row = body + 5 + ROW_OVERHEAD;
      this.bytes += row;
      if (row > this.largest) this.largest = row;
      if (this.fitted === undefined && this.bytes > this.cap) this.fitted = this.rows - 1;
      if (this.bytes > this.hardLimit) return resultTooLarge(this.cap, this.fitted ?? this.rows - 1);
      if (this.account && (this.busy || !this.account.tryCharge(row))) {
        this.busy ??= this.account.busy();
        this.unpaid += row;
        // the oldest statement may wait for memory at its next page (result-memory.ts): its rows are read
        if (this.unpaid > BUSY_SLACK && !this.account.oldest) return this.overCap();
      }
    }
    return undefined;
  }

  private trip(error: SkyqlError): void {
    this.tripped = error;
    this.socket.destroy();
  }
}
