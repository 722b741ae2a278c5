import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Reporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import { ConnectionState } from './connection-state.js';
import { errorResponse } from './error-response.js';
import { REPORTED_SETTINGS, serverSettings, settingDisplayName } from './pg-catalog/server-settings.js';
import { backend } from './protocol/backend-messages.js';
import { parseFrontend, parseStartup, type StartupPacket } from './protocol/frontend-messages.js';
import { MessageFramer, type RawMessage } from './protocol/message-framer.js';
import { ScramServer, type ScramVerifier } from './protocol/scram-sha256.js';
import { QueryProtocol } from './query-protocol.js';
import type { TlsSettings } from './tls-settings.js';

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly tls: TlsSettings | undefined;
  /** SCRAM verifier when a password is configured. */
  readonly password: ScramVerifier | undefined;
  /** The only user allowed to connect, when set. */
  readonly user: string | undefined;
  readonly readonly: boolean;
  createSession(reporter: Reporter): Session;
  /** Registers this connection for CancelRequests; returns its key. */
  register(conn: PgConnection): { pid: number; key: number };
  unregister(conn: PgConnection): void;
  /** Cancels the running statement of the connection with this pid/key. */
  cancel(pid: number, key: number): void;
}

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

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.socket = socket;
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.chain = this.chain.then(() => this.consume(chunk)).catch((err) => this.fatal(err));
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
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

  private async consume(chunk: Buffer): Promise<void> {
    let messages = this.framer.push(chunk);
    while (messages.length > 0 && this.state !== 'closed') {
      for (const m of messages) await this.handle(m);
      messages = this.framer.push(Buffer.alloc(0));
    }
  }

  private async handle(m: RawMessage): Promise<void> {
    if (this.state === 'startup') return this.startup(parseStartup(m.body));
    const msg = parseFrontend(m.code, m.body);
    if (msg.type === 'terminate') return this.close();
    if (this.state !== 'ready') {
      if (msg.type !== 'password') throw new SkyqlError('PGWIRE_PROTOCOL', 'expected a password message');
      return this.authenticate(msg.body);
    }
    const protocol = this.protocol as QueryProtocol;
    const ac = new AbortController();
    this.running = ac;
    try {
      if (msg.type === 'query') await protocol.query(msg.sql, ac.signal);
      else if (msg.type === 'unsupported' || msg.type === 'password') {
        this.send(
          errorResponse(new SkyqlError('UNSUPPORTED_STATEMENT', `message type '${m.code}' is not supported`)),
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

  private authenticate(body: Buffer): void {
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
      const final = scram.final(body.toString('utf8'));
      const userOk = this.host.user === undefined || this.host.user === this.params.user;
      if (!final || !userOk) throw failed();
      this.send(backend.authenticationSaslFinal(final));
      this.ready();
    } catch (err) {
      throw err instanceof SkyqlError ? err : failed();
    }
  }

  private ready(): void {
    const user = this.params.user ?? 'skyql';
    const settings = serverSettings(user, this.host.readonly);
    if (this.params.application_name) settings.set('application_name', this.params.application_name);
    const session = this.host.createSession({
      message: (text) =>
        this.send(backend.noticeResponse({ severity: 'NOTICE', code: '00000', message: text })),
      progress() {},
      progressDone() {},
    });
    this.wire = new ConnectionState(session, settings, this.params.database ?? user, user);
    this.protocol = new QueryProtocol(this.wire, (b) => this.send(b));
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
    this.send(errorResponse(err, 'FATAL'));
    this.socket.end();
    this.close();
  }

  /** Closes the connection and its session. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.running?.abort();
    this.host.unregister(this);
    if (!this.socket.destroyed) this.socket.end();
    void this.wire?.session.close();
  }
}

/** A random 31-bit key for BackendKeyData. */
export function randomKey(): number {
  return randomInt(1, 2 ** 31 - 1);
}
