/**
 * A node:http server on 127.0.0.1:0 that answers each request with the next scripted handler
 * (the last one repeats) and records what it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly socket: Socket;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void;

/** A running scripted server. */
export interface ScriptedServer {
  readonly base: string;
  readonly port: number;
  readonly seen: SeenRequest[];
  /** Replace the script (and reset the cursor). */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
  readonly server: Server;
}

/** Starts a scripted server. */
export async function startScriptedServer(...handlers: Handler[]): Promise<ScriptedServer> {
  let script = handlers;
  let cursor = 0;
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        socket: req.socket,
      };
      seen.push(s);
      const h = script[Math.min(cursor, script.length - 1)];
      cursor++;
      if (h) h(s, res);
      else res.writeHead(500).end('no script');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    seen,
    server,
    script(...hs: Handler[]) {
      script = hs;
      cursor = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Handler: JSON body with status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
}

/** Handler: raw bytes with a content type. */
export function bytes(status: number, body: Buffer, contentType: string): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  };
}
