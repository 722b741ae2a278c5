/**
 * Builds one backend message: `code` byte, int32 length (itself included, the code not), body.
 * Methods chain; {@link BufferWriter.finish} returns the framed bytes.
 */
export class BufferWriter {
  private readonly parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly code: string) {}

  private push(b: Buffer): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }

  byte(v: number): this {
    return this.push(Buffer.from([v & 0xff]));
  }

  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.push(b);
  }

  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.push(b);
  }

  /** UTF-8 text followed by NUL. */
  cstring(s: string): this {
    return this.push(Buffer.from(`${s}\0`, 'utf8'));
  }

  /** Raw bytes (no terminator). */
  bytes(b: Buffer | string): this {
    return this.push(typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
  }

  /** The framed message. Messages without a code (SSL answers) are written as raw bytes instead. */
  finish(): Buffer {
    const head = Buffer.alloc(5);
    head.write(this.code, 0, 'latin1'); // message type byte
    head.writeInt32BE(this.length + 4, 1); // length counts itself, not the type byte
    return Buffer.concat([head, ...this.parts], this.length + 5);
  }
}
