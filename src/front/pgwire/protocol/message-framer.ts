import { SkyqlError } from '../../../base/errors/skyql-error.js';

/** Largest message accepted from a client (a query text or a Bind with its values). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** One framed frontend message: `code` is '' for start-up packets (which have no type byte). */
export interface RawMessage {
  readonly code: string;
  readonly body: Buffer;
}

/**
 * Cuts the client's byte stream into messages. Until start-up completes, packets are
 * `int32 length | body` (length includes itself); afterwards `byte type | int32 length | body`.
 */
export class MessageFramer {
  private pending: Buffer = Buffer.alloc(0);
  /** Whether packets still lack a type byte (StartupMessage, SSLRequest, CancelRequest). */
  startup = true;

  /** Adds received bytes; returns the complete messages they finish. Throws PGWIRE_PROTOCOL on bad lengths. */
  push(chunk: Buffer): RawMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: RawMessage[] = [];
    for (;;) {
      const head = this.startup ? 4 : 5;
      if (this.pending.length < head) break;
      const length = this.pending.readInt32BE(head - 4); // counts itself
      if (length < 4 || length > MAX_MESSAGE_BYTES)
        throw new SkyqlError('PGWIRE_PROTOCOL', `invalid message length ${length}`);
      const total = head - 4 + length;
      if (this.pending.length < total) break;
      const code = this.startup ? '' : String.fromCharCode(this.pending[0]);
      out.push({ code, body: this.pending.subarray(head, total) });
      this.pending = this.pending.subarray(total);
      // After a start-up packet, typed messages follow (the connection switches `startup` off).
      if (this.startup) break;
    }
    return out;
  }

  /** Bytes received but not yet framed (re-fed after the connection changes mode). */
  takeRest(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
