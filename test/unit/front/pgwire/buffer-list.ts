/** Builds expected protocol bytes in tests (node-postgres' BufferList style). */
export class BufferList {
  private readonly parts: Buffer[] = [];

  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }

  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }

  cstring(s: string): this {
    this.parts.push(Buffer.from(`${s}\0`));
    return this;
  }

  string(s: string): this {
    this.parts.push(Buffer.from(s));
    return this;
  }

  /** The body, framed as a message with `code` (type byte + int32 length). */
  join(code?: string): Buffer {
    const body = Buffer.concat(this.parts);
    if (code === undefined) return body;
    const head = Buffer.alloc(5);
    head.write(code, 0, 'latin1');
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  }
}
