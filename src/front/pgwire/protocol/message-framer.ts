import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * Largest message accepted before authentication (start-up packet, SASL messages): PostgreSQL's
 * own start-up limit. A stranger cannot make the server hold more than this per connection.
 */
export const PRE_AUTH_MESSAGE_BYTES = 10_000;

/** One framed frontend message: `code` is '' for start-up packets (which have no type byte). */
export interface RawMessage {
  readonly code: string;
  readonly body: Buffer;
}

/**
 * Cuts the client's byte stream into messages. Until start-up completes, packets are
 * `int32 length | body` (length includes itself); afterwards `byte type | int32 length | body`.
 *
 * Received chunks are kept in a list and each byte is copied at most once (when a message spans
 * chunks), so a large message arriving in many small chunks costs linear time. A length header
 * above {@link limit} is refused as soon as its 5 bytes arrive, before any of the body is read.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  /** Index of the first chunk not consumed yet. */
  private head = 0;
  /** Bytes held in `chunks`. */
  private held = 0;
  /** Whether packets still lack a type byte (StartupMessage, SSLRequest, CancelRequest). */
  startup = true;
  /** Largest message length accepted (the length field's value). */
  limit = PRE_AUTH_MESSAGE_BYTES;

  /** Bytes received but not framed yet. */
  get buffered(): number {
    return this.held;
  }

  /** Adds received bytes. Throws PGWIRE_PROTOCOL when the next message announces a bad length. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.held += chunk.length;
    this.announcedLength();
  }

  /** The next complete message, or undefined until more bytes arrive. Throws PGWIRE_PROTOCOL on bad lengths. */
  next(): RawMessage | undefined {
    const length = this.announcedLength();
    if (length === undefined) return undefined;
    const headerBytes = this.startup ? 4 : 5;
    const total = headerBytes - 4 + length;
    if (this.held < total) return undefined;
    const bytes = this.take(total);
    return { code: this.startup ? '' : String.fromCharCode(bytes[0]), body: bytes.subarray(headerBytes) };
  }

  /** The length field of the next message once its header has arrived, checked against the limit. */
  private announcedLength(): number | undefined {
    const headerBytes = this.startup ? 4 : 5;
    if (this.held < headerBytes) return undefined;
    const length = this.peek(headerBytes).readInt32BE(headerBytes - 4); // counts itself
    if (length < 4) throw new SkyqlError('PGWIRE_PROTOCOL', `invalid message length ${length}`);
    if (length > this.limit)
      throw new SkyqlError(
        'PGWIRE_PROTOCOL',
        `message of ${length} bytes is over the limit of ${this.limit} bytes${this.limit === PRE_AUTH_MESSAGE_BYTES ? ' before authentication' : ''}`,
        { hint: "send a shorter statement, or raise the server's --pgsrv.maxMessageBytes" },
      );
    return length;
  }

  /** The first `n` held bytes without consuming them (n ≤ 5, so copying is cheap). */
  private peek(n: number): Buffer {
    const first = this.chunks[this.head];
    if (first.length >= n) return first;
    return Buffer.concat(this.chunks.slice(this.head, this.head + n), n);
  }

  /** Removes and returns the first `n` held bytes; copies only when they span chunks. */
  private take(n: number): Buffer {
    const first = this.chunks[this.head];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      this.consume(n);
    } else {
      out = Buffer.allocUnsafe(n);
      for (let filled = 0; filled < n; ) {
        const c = this.chunks[this.head];
        const used = Math.min(c.length, n - filled);
        c.copy(out, filled, 0, used);
        filled += used;
        this.consume(used);
      }
    }
    return out;
  }

  /** Drops `n` bytes of the first held chunk (all of it or a prefix). */
  private consume(n: number): void {
    const c = this.chunks[this.head];
    if (n < c.length) this.chunks[this.head] = c.subarray(n);
    else this.head++;
    this.held -= n;
    // Drop consumed slots now and then, so the list never costs more than linear time.
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
