import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toSkyqlError } from '../../base/errors/skyql-error.js';
import type { AuditRecord } from './audit-log.js';
import type { McpContext, SessionSlot } from './mcp-context.js';
import { errorResult } from './tool-errors.js';

/** What the SDK hands a tool callback besides its arguments (the parts skyql uses). */
export interface RequestExtra {
  readonly requestId: string | number;
  readonly signal: AbortSignal;
  readonly sessionId?: string;
}

/** A tool's answer: text for the model and the structured content its outputSchema describes. */
export interface ToolAnswer {
  readonly text: string;
  readonly structured: Record<string, unknown>;
}

/** One running tool call: its context and what its audit record will say. */
export class ToolCall {
  decision: AuditRecord['decision'] = 'allow';
  queryClass: string | undefined;
  sql: string | undefined;

  constructor(
    readonly ctx: McpContext,
    readonly slot: SessionSlot,
    readonly server: McpServer,
    readonly extra: RequestExtra,
    readonly tool: string,
    readonly args: Readonly<Record<string, unknown>>,
  ) {}

  /** The audit record of this call (without timing and outcome). */
  record(phase: AuditRecord['phase']): AuditRecord {
    return {
      tool: this.tool,
      mode: this.ctx.mode,
      decision: this.decision,
      queryClass: this.queryClass,
      phase,
      sql: this.sql,
      args: withoutSql(this.args),
      session: this.extra.sessionId,
    };
  }

  /**
   * Writes the `start` record before a change is sent. With a strict audit log a failed write
   * throws (AUDIT_WRITE_FAILED) and the change is not made.
   */
  async auditStart(): Promise<void> {
    const audit = this.ctx.audit;
    if (!audit) return;
    try {
      await audit.write(this.record('start'));
    } catch (err) {
      if (audit.strict) throw err;
    }
  }
}

/**
 * Runs a tool body: the result, or the failure as an `isError` result; then the `end` audit record
 * (a failed write is reported on the result only when the log is strict and the call changed
 * something, since the change itself already happened).
 */
export async function runTool(
  call: ToolCall,
  body: (call: ToolCall) => Promise<ToolAnswer>,
): Promise<CallToolResult> {
  const started = performance.now();
  let result: CallToolResult;
  let error: { code: string; message: string } | undefined;
  try {
    const answer = await body(call);
    result = { content: [{ type: 'text', text: answer.text }], structuredContent: answer.structured };
  } catch (err) {
    const e = toSkyqlError(err);
    error = { code: e.code, message: e.message };
    result = errorResult(e, call.sql);
  }
  if (call.ctx.audit) {
    const record: AuditRecord = {
      ...call.record('end'),
      durationMs: Math.round(performance.now() - started),
      ok: error === undefined,
      error,
    };
    try {
      await call.ctx.audit.write(record);
    } catch (err) {
      if (call.ctx.audit.strict && !result.isError)
        result.content.push({ type: 'text', text: `warning: ${toSkyqlError(err).message}` });
    }
  }
  return result;
}

/** The arguments beside the SQL (which the record carries as `sql`); undefined when none. */
function withoutSql(args: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const { sql: _sql, ...rest } = args;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
