import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { checkRequest, type GuardSettings, isLoopback, ownHosts } from './http-guard.js';
import { DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_IDLE_MS, SessionTable } from './http-sessions.js';
import type { SkyqlMcpServer } from './mcp-server.js';

/** The body of one request at most (a SQL text and its arguments fit many times over). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A request body must arrive within this long (a slow trickle does not hold a connection). */
const BODY_TIMEOUT_MS = 30_000;
/** A refused body is read and dropped up to this size and time before the 413 (drainRefusedBody). */
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 2_000;

/** Settings of the Streamable HTTP endpoint. */
export interface McpHttpOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string | undefined;
  readonly maxBodyBytes?: number;
  /** MCP sessions at once (default DEFAULT_MAX_SESSIONS); at the limit the least recently used idle one is closed. */
  readonly maxSessions?: number;
  /** A session with no request or stream open for this long is closed (default DEFAULT_SESSION_IDLE_MS). */
  readonly sessionIdleMs?: number;
  readonly createServer: () => SkyqlMcpServer;
  readonly log: (line: string) => void;
}

/** A listening endpoint. */
export interface McpHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves MCP over Streamable HTTP at `/mcp`, one MCP server (and skyql session) per MCP session.
 * Loopback by default; any other address needs a token. Every request passes the guard (Host,
 * Origin, token) before its body is read; bodies are capped; failures answer without internals.
 */
export async function startMcpHttpServer(options: McpHttpOptions): Promise<McpHttpServer> {
  if (!isLoopback(options.host) && !options.token)
    throw new SkyqlError('BAD_MCP_CONFIG', `serving MCP on ${options.host} needs a bearer token`, {
      hint: 'set --mcp.token or SKYQL_MCP_TOKEN (clients send Authorization: Bearer <token>), or bind 127.0.0.1',
    });
  const sessions = new SessionTable({
    maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    idleMs: options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
  });
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let guard: GuardSettings = { allowedHosts: new Set(), token: options.token };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const refused = checkRequest(req, guard);
    if (refused) return reply(res, refused.status, refused.message, refused.headers);
    if (path !== '/mcp') return reply(res, 404, 'not found: the MCP endpoint is /mcp');
    const id = header(req, 'mcp-session-id');
    const live = id ? sessions.get(id) : undefined;
    if (req.method === 'POST') {
      const body = await readJson(req, maxBody);
      if (!body.ok && body.status === 413) {
        await drainRefusedBody(req);
        return reply(res, 413, body.message, { connection: 'close' });
      }
      if (!body.ok) return reply(res, body.status, body.message);
      if (Array.isArray(body.value) && !batchesAllowed(header(req, 'mcp-protocol-version')))
        return reply(
          res,
          400,
          'JSON-RPC batches are not part of MCP 2025-06-18; send one message per request',
        );
      if (live) {
        sessions.track(live, res);
        return live.transport.handleRequest(req, res, body.value);
      }
      if (id) return reply(res, 404, 'unknown or expired MCP session; initialize again');
      if (!isInitializeRequest(body.value)) return reply(res, 400, 'no MCP session: send initialize first');
      if (!(await sessions.makeRoom()))
        return reply(res, 503, 'too many MCP sessions in use; try again later');
      const mcp = options.createServer();
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => sessions.add(sid, transport, mcp),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
        void mcp.slot.close();
      };
      await mcp.server.connect(transport);
      return transport.handleRequest(req, res, body.value);
    }
    if (req.method === 'GET' || req.method === 'DELETE') {
      if (!live) return reply(res, id ? 404 : 400, 'unknown or missing MCP session');
      sessions.track(live, res);
      return live.transport.handleRequest(req, res);
    }
    return reply(res, 405, 'method not allowed', { allow: 'GET, POST, DELETE' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log(`mcp http: ${(err as Error).message}`);
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.end();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // SSE answers stay open while a statement runs; bodies are small and capped
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new SkyqlError(
          'MCP_LISTEN_FAILED',
          `cannot listen on ${options.host}:${options.port}: ${err.code ?? err.message}`,
          {
            hint: 'choose another address or port (--mcp.config \'{"server": {"address": "127.0.0.1:0"}}\')',
          },
        ),
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  guard = {
    allowedHosts: isLoopback(options.host) ? ownHosts(options.host, port) : undefined,
    token: options.token,
  };
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/mcp`,
    close: async () => {
      await sessions.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Batches were removed in protocol 2025-06-18; a client on 2025-03-26 (or naming none) may send them. */
function batchesAllowed(version: string | undefined): boolean {
  return version === undefined || version < '2025-06-18';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A JSON-RPC error body with a plain message (never a stack). */
function reply(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

type BodyRead = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/** Reads a JSON body of at most `max` bytes (413 beyond, 400 when it is not JSON). */
async function readJson(req: IncomingMessage, max: number): Promise<BodyRead> {
  const tooLarge: BodyRead = {
    ok: false,
    status: 413,
    message: `request body too large (at most ${max} bytes)`,
  };
  if (Number(req.headers['content-length'] ?? 0) > max) return tooLarge;
  const body = await readBody(req, max);
  if (body === undefined) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'request body is not JSON' };
  }
}

/**
 * The body, or undefined once it passes `max` bytes (with Content-Length or chunked alike). The
 * rest is not kept; the caller answers 413 (after {@link drainRefusedBody}) and closes the connection.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => req.destroy(new Error('request body timeout')), BODY_TIMEOUT_MS);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else settle(() => resolve(undefined));
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks)));
    const onError = (err: Error) => settle(() => reject(err));
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * Before a 413, the rest of the refused body is read and dropped, up to LINGER_BYTES and
 * LINGER_MS: a client still sending when the connection closed would get a reset (EPIPE) instead
 * of the answer. A bigger body is cut off at once; the connection closes after the answer.
 */
function drainRefusedBody(req: IncomingMessage): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (req.complete || (Number.isFinite(declared) && declared > LINGER_BYTES)) return Promise.resolve();
  return new Promise((done) => {
    let dropped = 0;
    const timer = setTimeout(finish, LINGER_MS);
    function finish() {
      clearTimeout(timer);
      req.off('data', onData).off('end', finish).off('error', finish);
      req.pause();
      done();
    }
    function onData(chunk: Buffer) {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) finish();
    }
    req.on('data', onData).on('end', finish).on('error', finish);
    req.resume();
  });
}
