import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * Reads the fields of one message body (big-endian integers, NUL-terminated strings, counted
 * bytes). Reading past the end throws PGWIRE_PROTOCOL, so a malformed message cannot crash a server.
 */
export class BufferReader {
  private offset = 0;

  constructor(private readonly buf: Buffer) {}

  private need(n: number): void {
    if (this.offset + n > this.buf.length)
      throw new SkyqlError('PGWIRE_PROTOCOL', 'malformed message: read past its end');
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.buf.length - this.offset;
  }

  byte(): number {
    this.need(1);
    return this.buf[this.offset++];
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buf.indexOf(0, this.offset);
    if (end < 0) throw new SkyqlError('PGWIRE_PROTOCOL', 'malformed message: unterminated string');
    const s = this.buf.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return s;
  }

  /** `n` raw bytes. */
  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }
}
