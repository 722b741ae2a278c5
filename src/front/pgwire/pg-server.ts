import { createServer, type Server, type Socket } from 'node:net';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Reporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import { errorResponse } from './error-response.js';
import { type ConnectionHost, PgConnection, randomKey } from './pg-connection.js';
import { type ScramVerifier, scramVerifier } from './protocol/scram-sha256.js';
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
 * Starts the PostgreSQL v3 wire-protocol server: each client gets its own connection state and
 * engine session. Rejects with BAD_PGSRV_CONFIG when the address cannot be bound.
 */
export async function startPgServer(options: PgServerOptions): Promise<RunningPgServer> {
  const connections = new Map<PgConnection, { pid: number; key: number }>();
  const password: ScramVerifier | undefined = options.password ? scramVerifier(options.password) : undefined;
  const max = options.maxConnections ?? 100;
  let nextPid = 1000;
  const host: ConnectionHost = {
    tls: options.tls,
    password,
    user: options.user,
    readonly: options.readonly === true,
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
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    if (sockets.size > max) {
      const tooMany = new SkyqlError('PGWIRE_TOO_MANY_CONNECTIONS', 'sorry, too many clients already');
      socket.end(errorResponse(tooMany, 'FATAL'));
      return;
    }
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
