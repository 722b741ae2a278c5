import { randomBytes } from 'node:crypto';

/** One part of a multipart body. */
export interface Part {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Builds a `multipart/related` body; returns it with its boundary. */
export function buildMultipart(parts: readonly { contentType: string; body: Buffer }[]): {
  boundary: string;
  body: Buffer;
} {
  const boundary = `skyql-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: ${p.contentType}\r\n\r\n`, 'latin1'),
      p.body,
      Buffer.from('\r\n', 'latin1'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { boundary, body: Buffer.concat(chunks) };
}

/** A parameter of a Content-Type header (`boundary`, `type`), unquoted. */
export function contentTypeParam(contentType: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
  const m = re.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Splits a multipart body on its boundary. Bodies stay binary. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    let start = pos + delimiter.length;
    if (body.toString('latin1', start, start + 2) === '--') break;
    if (body.toString('latin1', start, start + 2) === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    let end = next;
    if (body.toString('latin1', end - 2, end) === '\r\n') end -= 2;
    const chunk = body.subarray(start, end);
    const split = chunk.indexOf('\r\n\r\n');
    const head = split >= 0 ? chunk.toString('latin1', 0, split) : '';
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: split >= 0 ? chunk.subarray(split + 4) : chunk });
    pos = next;
  }
  return parts;
}
