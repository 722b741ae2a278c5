import type { Statement } from '../../../core/sql/ast/statement.js';
import { explainOf } from '../approval-plan.js';
import { admit, classifyFor, runSqlTool, runStatements, type SqlToolRule } from '../run-sql.js';
import type { StatementClass } from '../statement-class.js';
import { addTool, READ_ONLY, type ToolHost } from './add-tool.js';
import { checkRowLimit, ROW_LIMIT, SQL, TABULAR_OUTPUT } from './tool-schemas.js';

/** Where a statement of each class belongs. */
export function toolFor(cls: StatementClass): string {
  switch (cls) {
    case 'read':
      return 'run_select_query';
    case 'exec':
      return 'run_lifecycle_operation';
    default:
      return 'run_mutation_query';
  }
}

const QUERIES: SqlToolRule = { accepts: ['read'], elsewhere: toolFor };
const ANYTHING: SqlToolRule = { accepts: ['read', 'local', 'write', 'delete', 'exec'], elsewhere: toolFor };

/** validate_select_query, run_select_query and plan_query. */
export function addQueryTools(host: ToolHost): void {
  addTool(
    host,
    'run_select_query',
    {
      title: 'Run a query',
      description:
        'Run SELECT (or SHOW/DESCRIBE) statements against provider APIs: FROM provider.service.resource, with the required parameters of a SELECT method in WHERE (col = value or col IN (...)). Returns at most row_limit rows per statement and says when it cut. Statements that change anything are refused here, whatever the safety mode.',
      input: { sql: SQL, row_limit: ROW_LIMIT },
      output: TABULAR_OUTPUT,
      annotations: READ_ONLY,
    },
    (call, a) => runSqlTool(call, a.sql, QUERIES, checkRowLimit(a.row_limit, call.ctx.limits.rowLimit)),
  );
  addTool(
    host,
    'validate_select_query',
    {
      title: 'Validate a query',
      description:
        'Parse and plan SELECT statements without calling any API: reports parse errors with their position, unknown tables and columns the planner sees, the method each table is read with and the API calls it would make.',
      input: { sql: SQL },
      output: TABULAR_OUTPUT,
      annotations: { ...READ_ONLY, openWorldHint: false },
    },
    (call, a) =>
      call.slot.exclusive(async (session) => {
        const statements = await admit(call, session, a.sql, QUERIES);
        const columns: string[] = [];
        for (const s of statements) {
          const st = s.statement;
          if (st.kind !== 'other' || (st.verb !== 'SELECT' && st.verb !== 'WITH')) continue;
          for (const t of await session.checkSelect(st.text))
            columns.push(`columns of ${t.fqn} (read with ${t.method}): ${t.columns.join(', ')}`);
        }
        const answer = await runStatements(call, session, statements.map(explained), 10_000);
        const listed = columns.length > 0 ? `${columns.join('\n')}\n\n` : '';
        return {
          ...answer,
          text: `valid: the query parses, plans and its columns exist (nothing was sent)\n\n${listed}${answer.text}`,
        };
      }),
  );
  addTool(
    host,
    'plan_query',
    {
      title: 'Plan a statement',
      description:
        'The EXPLAIN plan of any statement, nothing sent: for a SELECT the method chosen per table, the parameters bound, the number of API calls (fan-out) and paging; for INSERT/UPDATE/DELETE/EXEC the exact HTTP requests that would be sent.',
      input: { sql: SQL },
      output: TABULAR_OUTPUT,
      annotations: { ...READ_ONLY, openWorldHint: false },
    },
    (call, a) =>
      call.slot.exclusive(async (session) => {
        // a plan sends nothing: the safety mode does not apply
        const statements = classifyFor(call, session, a.sql, ANYTHING);
        return runStatements(call, session, statements.map(explained), 10_000);
      }),
  );
}

/** `EXPLAIN <statement>`, read-only whatever it explains. */
function explained<T extends { statement: Statement }>(s: T): T & { class: StatementClass } {
  return { ...s, statement: explainOf(s.statement), class: 'read' };
}
