import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './emulator-context.js';
import { ApiError } from './google-error.js';

/** Reads a request body, refusing more than `limit` bytes with 413. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new ApiError(413, `Request payload size exceeds the limit: ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** The bytes and content type a reply is sent as (JSON pretty-printed like Google unless `prettyPrint=false`). */
function encodeReply(reply: Reply, pretty: boolean): { payload: Buffer; contentType: string | undefined } {
  if (reply.body !== undefined)
    return { payload: reply.body, contentType: reply.contentType ?? 'application/octet-stream' };
  if (reply.json === undefined || reply.status === 204)
    return { payload: Buffer.alloc(0), contentType: undefined };
  const text = pretty ? JSON.stringify(reply.json, null, 2) : JSON.stringify(reply.json);
  return {
    payload: Buffer.from(`${text}\n`),
    contentType: reply.contentType ?? 'application/json; charset=UTF-8',
  };
}

/**
 * Sends a reply. `truncate` (a fault) sends only part of the body (half, or that many bytes) with
 * the full Content-Length, then closes the connection.
 */
export function sendReply(
  res: ServerResponse,
  reply: Reply,
  pretty: boolean,
  truncate?: boolean | number,
): void {
  if (res.headersSent || res.destroyed) return;
  const { payload, contentType } = encodeReply(reply, pretty);
  const headers: Record<string, string | number> = { ...reply.headers, 'content-length': payload.length };
  if (contentType) headers['content-type'] = contentType;
  res.writeHead(reply.status, headers);
  if (truncate !== undefined && truncate !== false && payload.length > 0) {
    const n =
      typeof truncate === 'number' ? Math.min(truncate, payload.length - 1) : Math.floor(payload.length / 2);
    res.write(payload.subarray(0, Math.max(0, n)), () => res.socket?.destroy());
    return;
  }
  res.end(payload);
}
