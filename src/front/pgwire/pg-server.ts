import { createServer, type Server, type Socket } from 'node:net';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { type Reporter, silentReporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import { AuthBackoff, type AuthBackoffOptions } from './auth-backoff.js';
import { errorResponse } from './error-response.js';
import { type ConnectionHost, PgConnection, randomKey } from './pg-connection.js';
import { type ScramVerifier, scramVerifier } from './protocol/scram-sha256.js';
import {
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_STARTUP_TIMEOUT_MS,
} from './server-limits.js';
import type { TlsSettings } from './tls-settings.js';

/** Settings of {@link startPgServer}. */
export interface PgServerOptions {
  /** Address to bind (default 127.0.0.1). */
  readonly address?: string;
  /** Port (default 5466; 0 picks a free one). */
  readonly port?: number;
  readonly tls?: TlsSettings;
  /** Require this password (SCRAM-SHA-256). */
  readonly password?: string;
  /** Accept only this user name (default: any). */
  readonly user?: string;
  /** Sessions refuse provider mutations (`--readonly`). */
  readonly readonly?: boolean;
  /** Connections at most (default 100); more are refused with SQLSTATE 53300. */
  readonly maxConnections?: number;
  /** Start-up and authentication must finish within this many ms (default 10 000). */
  readonly startupTimeoutMs?: number;
  /** Largest message after authentication (default 16 MiB; before it, 10 000 bytes). */
  readonly maxMessageBytes?: number;
  /** Waits after failed passwords, per client address. */
  readonly authBackoff?: AuthBackoffOptions;
  /** The server's own log: failed passwords (default: silent). */
  readonly reporter?: Reporter;
  /** A new engine session for each connection; `reporter` turns messages into NoticeResponses. */
  readonly createSession: (reporter: Reporter) => Session;
}

/** A listening wire server. */
export interface RunningPgServer {
  readonly address: string;
  readonly port: number;
  /** Open client connections. */
  connectionCount(): number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/**
 * A socket over the connection limit: answered "too many clients" and closed, but a CancelRequest
 * it sends is carried out. The socket is read (its bytes dropped) so the client's close is seen,
 * and destroyed after `graceMs` if the client keeps it open.
 */
function refuse(socket: Socket, graceMs: number, cancel: (pid: number, key: number) => void): void {
  socket.on('error', () => socket.destroy());
  socket.end(
    errorResponse(new SkyqlError('PGWIRE_TOO_MANY_CONNECTIONS', 'sorry, too many clients already'), 'FATAL'),
  );
  const cut = setTimeout(() => socket.destroy(), graceMs);
  socket.once('close', () => clearTimeout(cut));
  // A CancelRequest is still carried out, as PostgreSQL does: a full server must let a client stop
  // a runaway query. Only its 16 bytes are looked at; everything else is dropped.
  let head = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    if (head.length >= CANCEL_REQUEST_BYTES) return;
    head = Buffer.concat([head, chunk]).subarray(0, CANCEL_REQUEST_BYTES);
    if (
      head.length === CANCEL_REQUEST_BYTES &&
      head.readInt32BE(0) === CANCEL_REQUEST_BYTES &&
      head.readInt32BE(4) === CANCEL_CODE
    )
      cancel(head.readInt32BE(8), head.readInt32BE(12));
  });
}

/** A CancelRequest: int32 length 16, int32 code 80877102, int32 process id, int32 secret key. */
const CANCEL_REQUEST_BYTES = 16;
const CANCEL_CODE = 80877102;

/**
 * Starts the PostgreSQL v3 wire-protocol server: each client gets its own connection state and
 * engine session. Rejects with BAD_PGSRV_CONFIG when the address cannot be bound.
 */
export async function startPgServer(options: PgServerOptions): Promise<RunningPgServer> {
  const connections = new Map<PgConnection, { pid: number; key: number }>();
  const password: ScramVerifier | undefined = options.password ? scramVerifier(options.password) : undefined;
  const max = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const reporter = options.reporter ?? silentReporter;
  let nextPid = 1000;
  const host: ConnectionHost = {
    tls: options.tls,
    password,
    user: options.user,
    readonly: options.readonly === true,
    startupTimeoutMs,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    backoff: new AuthBackoff(options.authBackoff),
    log: (line) => reporter.message(line),
    createSession: options.createSession,
    register(conn) {
      const ids = { pid: nextPid++, key: randomKey() };
      connections.set(conn, ids);
      return ids;
    },
    unregister(conn) {
      connections.delete(conn);
    },
    cancel(pid, key) {
      for (const [conn, ids] of connections) if (ids.pid === pid && ids.key === key) conn.cancel();
    },
  };
  const sockets = new Set<Socket>();
  let accepted = 0; // sockets given a connection: refused ones do not hold a slot
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    if (accepted >= max) {
      refuse(socket, startupTimeoutMs, (pid, key) => host.cancel(pid, key));
      return;
    }
    accepted++;
    socket.on('close', () => accepted--);
    new PgConnection(socket, host);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new SkyqlError(
          'BAD_PGSRV_CONFIG',
          `cannot listen on ${options.address ?? '127.0.0.1'}:${options.port ?? 5466}: ${err.message}`,
        ),
      ),
    );
    server.listen(options.port ?? 5466, options.address ?? '127.0.0.1', resolve);
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : (options.port ?? 5466);
  return {
    address: options.address ?? '127.0.0.1',
    port,
    connectionCount: () => connections.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
