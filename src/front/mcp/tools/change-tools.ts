import { runSqlTool, type SqlToolRule } from '../run-sql.js';
import { addTool, type ToolHost } from './add-tool.js';
import { toolFor } from './query-tools.js';
import { SQL, TABULAR_OUTPUT } from './tool-schemas.js';

const MUTATIONS: SqlToolRule = { accepts: ['write', 'delete', 'local'], elsewhere: toolFor };
const LIFECYCLE: SqlToolRule = { accepts: ['exec'], elsewhere: toolFor };

/** run_mutation_query and run_lifecycle_operation: the safety mode decides (see safety-mode.ts). */
export function addChangeTools(host: ToolHost): void {
  addTool(
    host,
    'run_mutation_query',
    {
      title: 'Change resources',
      description:
        'Run INSERT, UPDATE, REPLACE or DELETE on provider resources (and CREATE VIEW / local tables of this session). Use plan_query first to see the exact requests. Depending on the safety mode the user is asked to approve, or the change is refused.',
      input: { sql: SQL },
      output: TABULAR_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    },
    (call, a) => runSqlTool(call, a.sql, MUTATIONS, call.ctx.limits.rowLimit),
  );
  addTool(
    host,
    'run_lifecycle_operation',
    {
      title: 'Run a lifecycle operation',
      description:
        "Run EXEC provider.service.resource.method @param = value [, @@json = '{...}'] (start, stop, reset, setIamPolicy...). Any method may change resources: the safety mode applies as for mutations.",
      input: { sql: SQL },
      output: TABULAR_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    },
    (call, a) => runSqlTool(call, a.sql, LIFECYCLE, call.ctx.limits.rowLimit),
  );
}
