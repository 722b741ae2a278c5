import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import { assertStatementSize } from '../../core/sql/statement-size.js';
import type { ResultAccount, ResultHold } from '../../core/store/result-memory.js';
import type { ConnectionState, WireResult } from './connection-state.js';
import { errorResponse } from './error-response.js';
import type { BoundParam } from './pg-sql-rewrite.js';
import { backend } from './protocol/backend-messages.js';
import type { FrontendMessage } from './protocol/frontend-messages.js';
import {
  MAX_PORTALS,
  MAX_PREPARED_BYTES,
  MAX_PREPARED_STATEMENTS,
  PREPARED_OVERHEAD_BYTES,
} from './server-limits.js';
import { binaryValue, decodeBinaryParam, fieldsOf, OID, textValue } from './type-oids.js';

/** The bytes a prepared statement's or portal's text holds: counted per connection and taken from the process's result memory. */
interface TextCharge {
  readonly bytes: number;
  /** Its share of the process's result memory (none in tests without one). */
  readonly hold: ResultHold | undefined;
}

interface Prepared {
  readonly sql: string;
  readonly text: TextCharge;
  readonly paramTypes: readonly number[];
  /** Result of running it for a statement Describe (no parameters), used by the next execution. */
  described?: WireResult;
  /** The process's result memory `described` holds. */
  hold?: ResultHold;
}

interface Portal {
  readonly sql: string;
  readonly text: TextCharge;
  readonly resultFormats: readonly number[];
  outcome?: WireResult;
  /** The process's result memory `outcome` holds, released when the portal is done or closed. */
  hold?: ResultHold;
  /** Rows already sent (Execute with a row limit resumes here). */
  sent: number;
}

type Send = (message: Buffer) => void;

/**
 * Resolves once the client has read what was sent so far, when the connection holds more unsent
 * bytes than it should (at once otherwise, and when the connection is gone).
 */
export type Writable = () => Promise<void> | undefined;

/**
 * The query sub-protocols of one connection: simple Query, and the extended protocol (Parse,
 * Bind, Describe, Execute, Close, Sync). Parameters are substituted as SQL literals at Bind; a
 * portal runs at its first Describe or Execute and keeps its rows until closed. After an error,
 * extended-protocol messages are skipped until Sync, as PostgreSQL does.
 */
export class QueryProtocol {
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  /** Bytes of text the prepared statements and portals hold together (at most MAX_PREPARED_BYTES). */
  private textBytes = 0;
  private failed = false;

  constructor(
    private readonly wire: ConnectionState,
    private readonly send: Send,
    /** The server's log: the detail of errors clients see without it (error-response.ts). */
    private readonly log?: (line: string) => void,
    /** Rows are sent as the client reads them: a slow client holds its own result, not more. */
    private readonly writable: Writable = () => undefined,
  ) {}

  /** The session's charges on the process's result memory (srv: always; tests may have none). */
  private get results(): ResultAccount | undefined {
    return this.wire.session.results;
  }

  private ready(): void {
    this.send(backend.readyForQuery(this.wire.transaction));
  }

  /**
   * Sends rows `from`..`to` as the client reads them (waiting while the connection holds more than
   * it should unsent), so a result is in memory once, as rows, never again as a whole of encoded
   * messages; a cancel stops it between rows.
   */
  private async sendRows(
    result: ResultSet,
    formats: readonly number[],
    from: number,
    to: number,
    signal: AbortSignal,
  ): Promise<void> {
    const binary = formats.length > 0 && formats.some((f) => f === 1);
    for (let i = from; i < to; i++) {
      const wait = this.writable();
      if (wait) {
        await wait;
        if (signal.aborted)
          throw new SkyqlError('CANCELLED', 'statement cancelled', { cause: signal.reason });
      }
      const row = result.rows[i];
      this.send(
        backend.dataRow(
          row.map((cell, k) =>
            binary && (formats.length === 1 ? formats[0] : formats[k]) === 1
              ? binaryValue(cell, result.columns[k])
              : textValue(cell),
          ),
        ),
      );
    }
  }

  /** Simple query: every statement in order, stopping at the first error; then ReadyForQuery. */
  async query(sql: string, signal: AbortSignal): Promise<void> {
    const statements = this.wire.split(sql);
    if (statements.length === 0) this.send(backend.emptyQueryResponse());
    for (const text of statements) {
      try {
        const { tag, result } = await this.wire.run(text, signal);
        if (result && result.columns.length > 0) {
          this.send(backend.rowDescription(fieldsOf(result.columns)));
          await this.sendRows(result, [], 0, result.rows.length, signal);
        }
        this.send(backend.commandComplete(tag));
      } catch (err) {
        this.send(errorResponse(err, 'ERROR', this.log));
        break;
      } finally {
        this.results?.drop(); // the rows are sent (or the statement failed)
      }
    }
    this.ready();
  }

  /** An extended-protocol message that could not be read: its error, then nothing until Sync. */
  fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.send(errorResponse(err, 'ERROR', this.log));
  }

  /** One extended-protocol message (Sync, Flush and errors included). */
  async extended(msg: FrontendMessage, signal: AbortSignal): Promise<void> {
    if (msg.type === 'sync') {
      this.failed = false;
      this.closePortal('');
      this.ready();
      return;
    }
    if (msg.type === 'flush' || this.failed) return;
    try {
      await this.handle(msg, signal);
    } catch (err) {
      this.results?.drop(); // a failed statement's rows
      this.failed = true;
      this.send(errorResponse(err, 'ERROR', this.log));
    }
  }

  /** Forgets a portal and gives back the result memory it held. */
  private closePortal(name: string): void {
    this.forget(this.portals, name);
  }

  /** Forgets a prepared statement and the memory of the result its Describe kept. */
  private closeStatement(name: string): void {
    this.forget(this.statements, name);
  }

  /** Removes `name` from `held`, giving back its text's and its kept result's memory. */
  private forget(held: Map<string, Prepared | Portal>, name: string): void {
    const entry = held.get(name);
    if (!entry) return;
    entry.hold?.release();
    this.release(entry.text);
    held.delete(name);
  }

  /**
   * Counts `text`, the text of a new prepared statement (or portal: `held` of them already), against
   * the connection's limits and the process's result memory; throws when it does not fit.
   */
  private charge(text: string, what: 'prepared statement' | 'portal', held: number): TextCharge {
    const most = what === 'portal' ? MAX_PORTALS : MAX_PREPARED_STATEMENTS;
    if (held >= most)
      throw new SkyqlError(
        'PGWIRE_TOO_MANY_PREPARED',
        `this connection already holds ${held} ${what}s, the most one may hold`,
        { hint: `close the ${what}s it no longer needs (Close, DEALLOCATE), or reuse names` },
      );
    const bytes = Buffer.byteLength(text, 'utf8') + PREPARED_OVERHEAD_BYTES;
    if (this.textBytes + bytes > MAX_PREPARED_BYTES)
      throw new SkyqlError(
        'PGWIRE_TOO_MANY_PREPARED',
        `this connection's prepared statements and portals would hold ${mib(this.textBytes + bytes)} of text, more than the ${mib(MAX_PREPARED_BYTES)} one may hold`,
        { hint: `close the prepared statements and portals it no longer needs (Close, DEALLOCATE)` },
      );
    const results = this.results;
    const hold = results?.reserve(bytes);
    if (results && !hold)
      throw new SkyqlError(
        'SERVER_BUSY',
        `out of memory: the server's memory for results and prepared statements (${mib(results.free)} free) has no room for this ${what}'s ${mib(bytes)}`,
        { hint: 'try again shortly, or close prepared statements and portals no longer needed' },
      );
    this.textBytes += bytes;
    return { bytes, hold };
  }

  private release(text: TextCharge): void {
    text.hold?.release();
    this.textBytes -= text.bytes;
  }

  private async handle(msg: FrontendMessage, signal: AbortSignal): Promise<void> {
    switch (msg.type) {
      case 'parse': {
        assertStatementSize(msg.sql, this.wire.session.maxStatementBytes);
        this.closeStatement(msg.name);
        const text = this.charge(msg.sql, 'prepared statement', this.statements.size);
        this.statements.set(msg.name, { sql: msg.sql, text, paramTypes: msg.paramTypes });
        this.send(backend.parseComplete());
        return;
      }
      case 'bind':
        return this.bind(msg);
      case 'describe':
        return msg.target === 'S'
          ? this.describeStatement(msg.name, signal)
          : this.describePortal(msg.name, signal);
      case 'execute':
        return this.execute(msg.portal, msg.maxRows, signal);
      case 'close':
        if (msg.target === 'S') this.closeStatement(msg.name);
        else this.closePortal(msg.name);
        this.send(backend.closeComplete());
        return;
      default:
        throw new SkyqlError('PGWIRE_PROTOCOL', `unexpected message '${msg.type}'`);
    }
  }

  private statement(name: string): Prepared {
    const s = this.statements.get(name);
    if (!s) throw new SkyqlError('PGWIRE_PROTOCOL', `prepared statement "${name}" does not exist`);
    return s;
  }

  private bind(msg: Extract<FrontendMessage, { type: 'bind' }>): void {
    const stmt = this.statement(msg.statement);
    const params: BoundParam[] = msg.params.map((value, i) => {
      const oid = stmt.paramTypes[i] ?? 0;
      const format = msg.paramFormats.length === 1 ? msg.paramFormats[0] : (msg.paramFormats[i] ?? 0);
      if (value === null) return { text: null, oid };
      if (format === 0) return { text: value.toString('utf8'), oid };
      const text = decodeBinaryParam(value, oid);
      if (text === undefined)
        throw new SkyqlError(
          'PGWIRE_PROTOCOL',
          `binary parameters of type ${oid} are not supported; send text`,
        );
      return { text, oid };
    });
    const sql = this.wire.bind(stmt.sql, params);
    assertStatementSize(sql, this.wire.session.maxStatementBytes);
    this.closePortal(msg.portal);
    const portal: Portal = {
      sql,
      text: this.charge(sql, 'portal', this.portals.size),
      resultFormats: msg.resultFormats,
      sent: 0,
    };
    if (stmt.described && params.length === 0) {
      portal.outcome = stmt.described;
      portal.hold = stmt.hold;
      stmt.described = undefined;
      stmt.hold = undefined;
    }
    this.portals.set(msg.portal, portal);
    this.send(backend.bindComplete());
  }

  private async describeStatement(name: string, signal: AbortSignal): Promise<void> {
    const stmt = this.statement(name);
    const count = Math.max(this.wire.parameterCount(stmt.sql), stmt.paramTypes.length);
    this.send(
      backend.parameterDescription(Array.from({ length: count }, (_, i) => stmt.paramTypes[i] || OID.text)),
    );
    if (count > 0) {
      this.send(backend.noData()); // the columns are known only once the values are
      return;
    }
    stmt.hold?.release();
    stmt.described = await this.wire.run(stmt.sql, signal);
    stmt.hold = this.results?.keep();
    this.describeResult(stmt.described.result, []);
  }

  private describeResult(result: ResultSet | undefined, formats: readonly number[]): void {
    if (result && result.columns.length > 0)
      this.send(backend.rowDescription(fieldsOf(result.columns, formats)));
    else this.send(backend.noData());
  }

  /** The portal's outcome, run at its first Describe or Execute; its rows' memory is kept with it. */
  private async run(portal: Portal, signal: AbortSignal): Promise<WireResult> {
    if (!portal.outcome) {
      portal.outcome = await this.wire.run(portal.sql, signal);
      portal.hold = this.results?.keep();
    }
    return portal.outcome;
  }

  private portal(name: string): Portal {
    const p = this.portals.get(name);
    if (!p) throw new SkyqlError('PGWIRE_PROTOCOL', `portal "${name}" does not exist`);
    return p;
  }

  private async describePortal(name: string, signal: AbortSignal): Promise<void> {
    const portal = this.portal(name);
    this.describeResult((await this.run(portal, signal)).result, portal.resultFormats);
  }

  private async execute(name: string, maxRows: number, signal: AbortSignal): Promise<void> {
    const portal = this.portal(name);
    const { tag, result } = await this.run(portal, signal);
    if (!result || result.columns.length === 0) {
      this.send(backend.commandComplete(tag));
      return;
    }
    const end = maxRows > 0 ? Math.min(result.rows.length, portal.sent + maxRows) : result.rows.length;
    await this.sendRows(result, portal.resultFormats, portal.sent, end, signal);
    portal.sent = end;
    if (end < result.rows.length) {
      this.send(backend.portalSuspended());
      return;
    }
    // every row is sent: an Execute again finds none, and the rows' memory goes back now
    portal.outcome = { tag, result: { columns: result.columns, rows: [] } };
    portal.sent = 0;
    portal.hold?.release();
    portal.hold = undefined;
    this.send(backend.commandComplete(tag));
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
