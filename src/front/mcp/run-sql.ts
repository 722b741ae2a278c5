import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { Session } from '../../core/engine/session.js';
import { askApproval } from './approval.js';
import { plannedRequests } from './approval-plan.js';
import { DEFAULT_APPROVAL_TIMEOUT_MS } from './mcp-config.js';
import { fitAnswer, type TabularResult, tabulate } from './render-result.js';
import { decide, modesAllowing, readOnlyRefusal, worstClass } from './safety-mode.js';
import {
  CLASS_RANK,
  type ClassifiedStatement,
  classifyScript,
  describeAll,
  describeStatement,
  type StatementClass,
  type ViewLookup,
} from './statement-class.js';
import type { ToolAnswer, ToolCall } from './tool-call.js';

/** The statement classes a SQL tool takes, and where the others belong. */
export interface SqlToolRule {
  readonly accepts: readonly StatementClass[];
  /** The tool a statement of another class should be sent to. */
  readonly elsewhere: (cls: StatementClass) => string;
}

/** The session's views, and whether its tables and views are shared (PostgreSQL), as the classifier looks them up. */
export function sessionViews(session: Session): ViewLookup {
  return {
    isTemporary: (name: string) => session.isTemporary(name),
    viewText: (name: string) => session.objects.viewText(name),
    materializedText: (name: string) =>
      session.objects.listViews().find((v) => v.name === name && v.materialized)?.query,
    dialect: session.dialect,
  };
}

/**
 * Parses and classifies `sql`, checks each statement belongs to this tool, then applies the safety
 * mode to the whole input (the strictest statement decides): refuse, ask the user, or go on.
 * Returns the classified statements to run.
 */
export async function admit(
  call: ToolCall,
  session: Session,
  sql: string,
  rule: SqlToolRule,
): Promise<ClassifiedStatement[]> {
  const statements = classifyFor(call, session, sql, rule);
  await enforceMode(call, session, statements);
  return statements;
}

/** Parses and classifies `sql`; MCP_REFUSED when a statement belongs to another tool. */
export function classifyFor(
  call: ToolCall,
  session: Session,
  sql: string,
  rule: SqlToolRule,
): ClassifiedStatement[] {
  call.sql = sql;
  const statements = classifyScript(sql, sessionViews(session));
  call.queryClass = worstClass(statements);
  const misplaced = statements.find((s) => !rule.accepts.includes(s.class));
  if (misplaced) {
    call.decision = 'refused';
    throw new SkyqlError('MCP_REFUSED', `${call.tool} does not run ${misplacedText(misplaced)}`, {
      hint: `send it to ${rule.elsewhere(misplaced.class)}; the safety mode (${call.ctx.mode}) decides whether it may run`,
    });
  }
  return statements;
}

/** `SELECT statements`, or `a SELECT that reads EXEC (through view v1): a method may change resources`. */
function misplacedText(s: ClassifiedStatement): string {
  if (s.execThrough === undefined) return `${s.verb} statements`;
  return `a ${describeStatement(s)}: the method may change resources`;
}

/** The safety mode on the whole input: refuse, ask the user (elicitation), or go on. */
async function enforceMode(
  call: ToolCall,
  session: Session,
  statements: readonly ClassifiedStatement[],
): Promise<void> {
  const { decision, because } = decide(call.ctx.mode, statements);
  if (decision === 'refuse') {
    call.decision = 'refused';
    throw readOnlyRefusal(because);
  }
  if (decision === 'approve') {
    const outcome = await askApproval(call.server, call.extra, call.ctx.mode, because, {
      requests: () => plannedRequests(session, because, call.extra.signal),
      timeoutMs: call.ctx.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS,
    });
    call.decision = outcome === 'expired' ? 'declined' : outcome;
    const verbs = describeAll(because);
    if (outcome === 'expired')
      throw new SkyqlError(
        'MCP_NOT_APPROVED',
        `the user did not answer the approval of ${verbs} in time; nothing was sent`,
        {
          hint: 'ask the user to approve it and call the tool again',
        },
      );
    if (outcome === 'declined')
      throw new SkyqlError('MCP_NOT_APPROVED', `the user did not approve ${verbs}; nothing was sent`, {
        hint: 'ask the user what to change, or leave the resources as they are',
      });
    if (outcome === 'unavailable') {
      const modes = modesAllowing(because).filter((m) => m !== 'full_access');
      throw new SkyqlError(
        'MCP_NOT_APPROVED',
        `${verbs} needs the user's approval in mode ${call.ctx.mode}, and this MCP client cannot ask for it (no elicitation support); nothing was sent`,
        {
          hint: `use a client with elicitation, or restart skyql mcp with --mcp.mode=full_access${modes.length > 0 ? ` (or ${modes.join(', ')})` : ''} to run changes without asking`,
        },
      );
    }
  }
  if (CLASS_RANK[worstClass(statements)] >= CLASS_RANK.write) await call.auditStart();
}

/**
 * Runs the admitted statements one after the other on the session (the same entry point as exec and
 * srv: the guard, the readonly check and the executors); the first failure stops the rest.
 */
export async function runStatements(
  call: ToolCall,
  session: Session,
  statements: readonly ClassifiedStatement[],
  rowLimit: number,
): Promise<ToolAnswer> {
  const results: TabularResult[] = [];
  const limits = { ...call.ctx.limits, rowLimit };
  for (const [i, s] of statements.entries()) {
    let result: ResultSet | undefined;
    try {
      result = await session.execute(s.statement, { signal: call.extra.signal });
    } catch (err) {
      if (i === 0) throw err;
      const e = toSkyqlError(err);
      throw new SkyqlError(
        e.code,
        `statement ${i + 1} of ${statements.length} failed (the ones before it ran): ${e.message}`,
        {
          hint: e.hint,
          cause: err,
        },
      );
    }
    results.push(tabulate(s.statement.text.trim(), result ?? { columns: [], rows: [] }, limits));
    session.results?.drop(); // the answer keeps what fits limits.maxBytes; the rest of the rows go
  }
  const messages = call.slot.takeNotes();
  const notes = messages.length > 0 ? `\n\n${messages.map((m) => `note: ${m}`).join('\n')}` : '';
  const fitted = fitAnswer(results, limits.maxBytes, notes);
  return {
    text: fitted.text,
    structured: { results: fitted.results, truncated: fitted.results.some((r) => r.truncated), messages },
  };
}

/** A SQL tool's whole body: admit `sql` under `rule` and the mode, then run it on the connection's session. */
export function runSqlTool(
  call: ToolCall,
  sql: string,
  rule: SqlToolRule,
  rowLimit: number,
): Promise<ToolAnswer> {
  return call.slot.exclusive(async (session) =>
    runStatements(call, session, await admit(call, session, sql, rule), rowLimit),
  );
}
