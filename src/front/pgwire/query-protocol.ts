import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { ConnectionState, WireResult } from './connection-state.js';
import { errorResponse } from './error-response.js';
import type { BoundParam } from './pg-sql-rewrite.js';
import { backend } from './protocol/backend-messages.js';
import type { FrontendMessage } from './protocol/frontend-messages.js';
import { binaryValue, decodeBinaryParam, fieldsOf, OID, textValue } from './type-oids.js';

interface Prepared {
  readonly sql: string;
  readonly paramTypes: readonly number[];
  /** Result of running it for a statement Describe (no parameters), used by the next execution. */
  described?: WireResult;
}

interface Portal {
  readonly sql: string;
  readonly resultFormats: readonly number[];
  outcome?: WireResult;
  /** Rows already sent (Execute with a row limit resumes here). */
  sent: number;
}

type Send = (message: Buffer) => void;

/**
 * The query sub-protocols of one connection: simple Query, and the extended protocol (Parse,
 * Bind, Describe, Execute, Close, Sync). Parameters are substituted as SQL literals at Bind; a
 * portal runs at its first Describe or Execute and keeps its rows until closed. After an error,
 * extended-protocol messages are skipped until Sync, as PostgreSQL does.
 */
export class QueryProtocol {
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  private failed = false;

  constructor(
    private readonly wire: ConnectionState,
    private readonly send: Send,
    /** The server's log: the detail of errors clients see without it (error-response.ts). */
    private readonly log?: (line: string) => void,
  ) {}

  private ready(): void {
    this.send(backend.readyForQuery(this.wire.transaction));
  }

  private sendRows(result: ResultSet, formats: readonly number[], from: number, to: number): void {
    const binary = formats.length > 0 && formats.some((f) => f === 1);
    for (let i = from; i < to; i++) {
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
          this.sendRows(result, [], 0, result.rows.length);
        }
        this.send(backend.commandComplete(tag));
      } catch (err) {
        this.send(errorResponse(err, 'ERROR', this.log));
        break;
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
      this.portals.delete('');
      this.ready();
      return;
    }
    if (msg.type === 'flush' || this.failed) return;
    try {
      await this.handle(msg, signal);
    } catch (err) {
      this.failed = true;
      this.send(errorResponse(err, 'ERROR', this.log));
    }
  }

  private async handle(msg: FrontendMessage, signal: AbortSignal): Promise<void> {
    switch (msg.type) {
      case 'parse':
        this.statements.set(msg.name, { sql: msg.sql, paramTypes: msg.paramTypes });
        this.send(backend.parseComplete());
        return;
      case 'bind':
        return this.bind(msg);
      case 'describe':
        return msg.target === 'S'
          ? this.describeStatement(msg.name, signal)
          : this.describePortal(msg.name, signal);
      case 'execute':
        return this.execute(msg.portal, msg.maxRows, signal);
      case 'close':
        if (msg.target === 'S') this.statements.delete(msg.name);
        else this.portals.delete(msg.name);
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
    const portal: Portal = {
      sql: this.wire.bind(stmt.sql, params),
      resultFormats: msg.resultFormats,
      sent: 0,
    };
    if (stmt.described && params.length === 0) {
      portal.outcome = stmt.described;
      stmt.described = undefined;
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
    stmt.described = await this.wire.run(stmt.sql, signal);
    this.describeResult(stmt.described.result, []);
  }

  private describeResult(result: ResultSet | undefined, formats: readonly number[]): void {
    if (result && result.columns.length > 0)
      this.send(backend.rowDescription(fieldsOf(result.columns, formats)));
    else this.send(backend.noData());
  }

  private async run(portal: Portal, signal: AbortSignal): Promise<WireResult> {
    portal.outcome ??= await this.wire.run(portal.sql, signal);
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
    this.sendRows(result, portal.resultFormats, portal.sent, end);
    portal.sent = end;
    this.send(end < result.rows.length ? backend.portalSuspended() : backend.commandComplete(tag));
  }
}
