import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TLSSocket } from 'node:tls';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Reporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import type { AuthBackoff } from './auth-backoff.js';
import { ConnectionState } from './connection-state.js';
import { errorResponse } from './error-response.js';
import { REPORTED_SETTINGS, serverSettings, settingDisplayName } from './pg-catalog/server-settings.js';
import { backend } from './protocol/backend-messages.js';
import {
  type FrontendMessage,
  parseFrontend,
  parseStartup,
  type StartupPacket,
} from './protocol/frontend-messages.js';
import { MessageFramer, type RawMessage } from './protocol/message-framer.js';
import { ScramServer, type ScramVerifier } from './protocol/scram-sha256.js';
import { QueryProtocol } from './query-protocol.js';
import { showTimeout } from './statement-timeout.js';
import type { TlsSettings } from './tls-settings.js';

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly tls: TlsSettings | undefined;
  /** SCRAM verifier when a password is configured. */
  readonly password: ScramVerifier | undefined;
  /** The only user allowed to connect, when set. */
  readonly user: string | undefined;
  readonly readonly: boolean;
  /** Start-up and authentication must finish within this many ms, else the socket is closed. */
  readonly startupTimeoutMs: number;
  /** Largest message accepted after authentication (bytes). */
  readonly maxMessageBytes: number;
  /** Slows failed passwords per client address. */
  readonly backoff: AuthBackoff;
  /** The server's log (failed passwords). */
  readonly log: (line: string) => void;
  createSession(reporter: Reporter): Session;
  /** Registers this connection for CancelRequests; returns its key. */
  register(conn: PgConnection): { pid: number; key: number };
  unregister(conn: PgConnection): void;
  /** Cancels the running statement of the connection with this pid/key. */
  cancel(pid: number, key: number): void;
}

/** Bytes of messages a connection lets wait unsent before it waits for its client to read them. */
const SEND_BUFFER_BYTES = 1024 * 1024;

/** How long a closed connection's client has to read the last message and close its side. */
const CLOSE_GRACE_MS = 2_000;

type State = 'startup' | 'sasl-first' | 'sasl-final' | 'ready' | 'closed';

/**
 * One client connection: start-up (SSLRequest → TLS, CancelRequest), SCRAM-SHA-256 when a password
 * is set, then queries through {@link QueryProtocol} on its own engine session. Messages are
 * handled one at a time; a slow statement holds only this connection.
 */
export class PgConnection {
  private socket: Socket;
  private readonly framer = new MessageFramer();
  private state: State = 'startup';
  private chain: Promise<void> = Promise.resolve();
  private scram: ScramServer | undefined;
  private params: Readonly<Record<string, string>> = {};
  private wire: ConnectionState | undefined;
  private protocol: QueryProtocol | undefined;
  private running: AbortController | undefined;
  private corked = false;
  /** Closes the socket when start-up and authentication take too long. */
  private startupTimer: NodeJS.Timeout | undefined;
  /** Aborted on close: ends the waits of a failed password. */
  private readonly lifetime = new AbortController();
  private readonly address: string;

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.socket = socket;
    this.address = socket.remoteAddress ?? 'unknown';
    socket.setKeepAlive(true, 60_000); // a client that vanished without a FIN is noticed
    this.startupTimer = setTimeout(
      () =>
        this.fatal(
          new SkyqlError('PGWIRE_STARTUP_TIMEOUT', 'canceling authentication due to timeout', {
            hint: `connect and authenticate within ${host.startupTimeoutMs / 1000} s (--pgsrv.startupTimeout)`,
          }),
        ),
      host.startupTimeoutMs,
    );
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /**
   * Frames received bytes at once (an oversize length is refused before its body arrives) and
   * handles the messages in order. Reading pauses while more than one largest message waits.
   */
  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return; // bytes after a FATAL are dropped unread
    try {
      this.framer.push(chunk);
    } catch (err) {
      this.fatal(err);
      return;
    }
    if (this.framer.buffered > this.framer.limit) this.socket.pause();
    this.chain = this.chain.then(() => this.drain()).catch((err) => this.fatal(err));
  }

  /** Aborts the running statement (CancelRequest). */
  cancel(): void {
    this.running?.abort();
  }

  private send(message: Buffer): void {
    if (this.state === 'closed') return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(message);
  }

  /**
   * While more than {@link SEND_BUFFER_BYTES} wait unsent, a promise that resolves once the client
   * has read them (or the connection ended): rows go out as the client takes them, never piled up
   * whole in the socket's buffer.
   */
  private writable(): Promise<void> | undefined {
    const socket = this.socket;
    if (this.state === 'closed' || socket.destroyed || socket.writableLength <= SEND_BUFFER_BYTES)
      return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        this.lifetime.signal.removeEventListener('abort', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
      this.lifetime.signal.addEventListener('abort', done, { once: true });
    });
  }

  private async drain(): Promise<void> {
    for (let m = this.framer.next(); m && this.state !== 'closed'; m = this.framer.next())
      await this.handle(m);
    if (this.state !== 'closed') this.socket.resume();
  }

  private async handle(m: RawMessage): Promise<void> {
    if (this.state === 'startup') return this.startup(parseStartup(m.body));
    if (this.state === 'ready' && this.protocol) {
      // After authentication a malformed message is an ERROR, as in PostgreSQL: the connection goes on.
      let parsed: FrontendMessage;
      try {
        parsed = parseFrontend(m.code, m.body);
      } catch (err) {
        if (m.code === 'Q') {
          this.send(errorResponse(err, 'ERROR', this.host.log));
          this.send(backend.readyForQuery(this.wire?.transaction ?? 'I'));
        } else this.protocol.fail(err);
        return;
      }
      return this.dispatch(m.code, parsed);
    }
    const msg = parseFrontend(m.code, m.body);
    if (msg.type === 'terminate') return this.close();
    if (msg.type !== 'password') throw new SkyqlError('PGWIRE_PROTOCOL', 'expected a password message');
    return await this.authenticate(msg.body);
  }

  /** One message of an authenticated connection. */
  private async dispatch(code: string, msg: FrontendMessage): Promise<void> {
    if (msg.type === 'terminate') return this.close();
    const protocol = this.protocol as QueryProtocol;
    const ac = new AbortController();
    this.running = ac;
    try {
      if (msg.type === 'query') await protocol.query(msg.sql, ac.signal);
      else if (msg.type === 'unsupported' || msg.type === 'password') {
        this.send(
          errorResponse(new SkyqlError('UNSUPPORTED_STATEMENT', `message type '${code}' is not supported`)),
        );
        this.send(backend.readyForQuery(this.wire?.transaction ?? 'I'));
      } else await protocol.extended(msg, ac.signal);
    } finally {
      this.running = undefined;
    }
  }

  private startup(p: StartupPacket): void {
    switch (p.kind) {
      case 'ssl':
        // Bytes sent before the TLS handshake would be taken as if encrypted (CVE-2021-23214).
        if (this.framer.buffered > 0)
          throw new SkyqlError('PGWIRE_PROTOCOL', 'received unencrypted data after SSL request');
        if (!this.host.tls || this.socket instanceof TLSSocket) {
          this.socket.write('N');
          return;
        }
        this.socket.write('S');
        this.upgrade();
        return;
      case 'gssenc':
        this.socket.write('N');
        return;
      case 'cancel':
        this.host.cancel(p.pid, p.key);
        this.close();
        return;
      case 'unsupported':
        throw new SkyqlError(
          'PGWIRE_PROTOCOL',
          `unsupported protocol version ${p.code >> 16}.${p.code & 0xffff}`,
        );
      case 'startup':
        break;
    }
    if (this.host.tls && !(this.socket instanceof TLSSocket))
      throw new SkyqlError('PGWIRE_PROTOCOL', 'SSL connection is required', {
        hint: 'connect with sslmode=require',
      });
    this.params = p.params;
    this.framer.startup = false;
    if (!this.host.password) {
      this.ready();
      return;
    }
    this.scram = new ScramServer(this.host.password);
    this.state = 'sasl-first';
    this.send(backend.authenticationSasl(['SCRAM-SHA-256']));
  }

  private upgrade(): void {
    const raw = this.socket;
    raw.removeAllListeners('data');
    const tls = this.host.tls as TlsSettings;
    const secure = new TLSSocket(raw, {
      isServer: true,
      secureContext: tls.context,
      requestCert: tls.requireClientCert,
      rejectUnauthorized: tls.requireClientCert,
    });
    this.socket = secure;
    this.listen(secure);
  }

  private async authenticate(body: Buffer): Promise<void> {
    const scram = this.scram as ScramServer;
    const failed = () =>
      new SkyqlError(
        'PGWIRE_AUTH_FAILED',
        `password authentication failed for user "${this.params.user ?? ''}"`,
      );
    try {
      if (this.state === 'sasl-first') {
        const mechanismEnd = body.indexOf(0);
        if (body.toString('utf8', 0, mechanismEnd) !== 'SCRAM-SHA-256') throw failed();
        const clientFirst = body.subarray(mechanismEnd + 5).toString('utf8'); // skip NUL and int32 length
        this.send(backend.authenticationSaslContinue(scram.first(clientFirst)));
        this.state = 'sasl-final';
        return;
      }
      // An address still waiting after a failure waits before its answer, even on another connection.
      const waitMs = this.host.backoff.remainingMs(this.address);
      if (waitMs > 0) await sleep(waitMs, undefined, { signal: this.lifetime.signal });
      const final = scram.final(body.toString('utf8'));
      const userOk = this.host.user === undefined || this.host.user === this.params.user;
      if (!final || !userOk) throw failed();
      this.host.backoff.succeeded(this.address);
      this.send(backend.authenticationSaslFinal(final));
      this.ready();
    } catch (err) {
      if (this.state === 'closed') return;
      const error = err instanceof SkyqlError ? err : failed();
      if (error.code === 'PGWIRE_AUTH_FAILED') await this.slowDown();
      throw error;
    }
  }

  /** Logs a failed password and waits the address's backoff before the FATAL answer. */
  private async slowDown(): Promise<void> {
    const { count, delayMs } = this.host.backoff.failed(this.address);
    this.host.log(
      `pgsrv: password authentication failed for user ${JSON.stringify((this.params.user ?? '').slice(0, 64))} from ${this.address} (${count} in a row); answering in ${delayMs} ms`,
    );
    clearTimeout(this.startupTimer); // the backoff bounds the rest of this connection
    await sleep(delayMs, undefined, { signal: this.lifetime.signal });
  }

  private ready(): void {
    clearTimeout(this.startupTimer);
    this.framer.limit = this.host.maxMessageBytes;
    const user = this.params.user ?? 'skyql';
    const settings = serverSettings(user, this.host.readonly);
    if (this.params.application_name) settings.set('application_name', this.params.application_name);
    const session = this.host.createSession({
      message: (text) =>
        this.send(backend.noticeResponse({ severity: 'NOTICE', code: '00000', message: text })),
      progress() {},
      progressDone() {},
    });
    settings.set('statement_timeout', showTimeout(session.statementTimeoutMs));
    this.wire = new ConnectionState(session, settings, this.params.database ?? user, user);
    this.protocol = new QueryProtocol(
      this.wire,
      (b) => this.send(b),
      this.host.log,
      () => this.writable(),
    );
    this.state = 'ready';
    this.send(backend.authenticationOk());
    for (const name of REPORTED_SETTINGS)
      this.send(backend.parameterStatus(settingDisplayName(name), settings.get(name) ?? ''));
    const { pid, key } = this.host.register(this);
    this.send(backend.backendKeyData(pid, key));
    this.send(backend.readyForQuery('I'));
  }

  private fatal(err: unknown): void {
    if (this.state === 'closed') return;
    this.send(errorResponse(err, 'FATAL', this.host.log));
    this.socket.end();
    this.close();
  }

  /** Closes the connection and its session. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.startupTimer);
    this.lifetime.abort();
    this.running?.abort();
    this.host.unregister(this);
    const socket = this.socket;
    if (!socket.destroyed) {
      // The FATAL message goes out with the FIN; a client that keeps the socket open is cut off.
      socket.end();
      socket.resume();
      const cut = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      socket.once('close', () => clearTimeout(cut));
    }
    void this.wire?.session.close();
  }
}

/** A random 31-bit key for BackendKeyData. */
export function randomKey(): number {
  return randomInt(1, 2 ** 31 - 1);
}
