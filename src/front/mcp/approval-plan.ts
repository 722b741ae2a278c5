import { toSkyqlError } from '../../base/errors/skyql-error.js';
import type { Session } from '../../core/engine/session.js';
import type { Statement } from '../../core/sql/ast/statement.js';
import type { ClassifiedStatement } from './statement-class.js';

/** `EXPLAIN <statement>` (an EXPLAIN stays as it is): what plan_query runs, nothing sent. */
export function explainOf(st: Statement): Statement {
  return st.kind === 'explain'
    ? st
    : { kind: 'explain', text: `EXPLAIN ${st.text}`, start: st.start, statement: st };
}

/** Requests listed in an approval prompt at most; the count of the rest is given. */
const MAX_LISTED = 20;

/**
 * The HTTP requests `because` will send, as plan_query prints them (`POST https://…/stop`), one
 * line each, so the user approves what will really happen rather than what the SQL looks like.
 * A statement that cannot be planned says so (the run would fail the same way).
 */
export async function plannedRequests(
  session: Session,
  because: readonly ClassifiedStatement[],
  signal: AbortSignal,
): Promise<string[]> {
  const lines: string[] = [];
  for (const s of because) {
    try {
      const plan = (await session.execute(explainOf(s.statement), { signal })) ?? { columns: [], rows: [] };
      const item = plan.columns.findIndex((c) => c.name === 'item');
      const detail = plan.columns.findIndex((c) => c.name === 'detail');
      for (const row of plan.rows) if (row[item] === 'request') lines.push(String(row[detail]));
    } catch (err) {
      lines.push(`(could not be planned: ${toSkyqlError(err).message})`);
    }
  }
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), `… and ${lines.length - MAX_LISTED} more requests`];
}
