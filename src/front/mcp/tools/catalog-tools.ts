import type { Resource } from '../../../core/catalog/model/catalog-types.js';
import { requiredParamsInShowOrder } from '../../../core/catalog/resource-info.js';
import { visibleColumns } from '../../../core/execute/table-columns.js';
import type { Statement } from '../../../core/sql/ast/statement.js';
import { parseStatement } from '../../../core/sql/parser/parse-statement.js';
import { runStatements } from '../run-sql.js';
import type { ToolAnswer, ToolCall } from '../tool-call.js';
import { addTool, CATALOG_READ, type ToolHost } from './add-tool.js';
import { METHOD, PROVIDER, RESOURCE, SERVICE, TABULAR_OUTPUT } from './tool-schemas.js';

/**
 * The discovery tools: each is one metadata statement (SHOW, DESCRIBE) run on the session like any
 * other, built from names the input schema restricts to plain identifiers.
 */
export function addCatalogTools(host: ToolHost): void {
  addTool(
    host,
    'list_providers',
    {
      title: 'List providers',
      description: 'Providers installed in the local cache (SHOW PROVIDERS); pull_provider installs more.',
      input: {},
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    (call) => metadata(call, 'SHOW PROVIDERS'),
  );
  addTool(
    host,
    'list_services',
    {
      title: 'List services',
      description:
        'Services of a provider (SHOW SERVICES IN provider), e.g. provider=google. search_catalog finds one by keyword.',
      input: { provider: PROVIDER },
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    (call, a) => metadata(call, `SHOW SERVICES IN ${a.provider}`),
  );
  addTool(
    host,
    'list_resources',
    {
      title: 'List resources',
      description: 'Resources (tables) of provider.service (SHOW RESOURCES IN provider.service).',
      input: { provider: PROVIDER, service: SERVICE },
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    (call, a) => metadata(call, `SHOW RESOURCES IN ${a.provider}.${a.service}`),
  );
  addTool(
    host,
    'list_methods',
    {
      title: 'List methods',
      description:
        'Access methods of a resource with their required parameters and SQL verbs (SHOW EXTENDED METHODS IN provider.service.resource). A SELECT must give the required parameters of one SELECT method in WHERE.',
      input: { provider: PROVIDER, service: SERVICE, resource: RESOURCE },
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    (call, a) => metadata(call, `SHOW EXTENDED METHODS IN ${a.provider}.${a.service}.${a.resource}`),
  );
  addTool(
    host,
    'describe_resource',
    {
      title: 'Describe resource',
      description:
        'Columns (output fields) of a resource with types and descriptions (DESCRIBE EXTENDED: those of its first SELECT method). When its SELECT methods return different columns, a note lists the columns of each; validate_select_query shows the columns of the method a query is read with.',
      input: { provider: PROVIDER, service: SERVICE, resource: RESOURCE },
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    async (call, a) => {
      const answer = await metadata(call, `DESCRIBE EXTENDED ${a.provider}.${a.service}.${a.resource}`);
      const note = await call.slot.exclusive(async (session) =>
        selectMethodsNote(await session.context.catalog.resource(a.provider, a.service, a.resource)),
      );
      return note ? { ...answer, text: `${answer.text}\n\n${note}` } : answer;
    },
  );
  addTool(
    host,
    'describe_method',
    {
      title: 'Describe method',
      description:
        'Parameters of one method (DESCRIBE METHOD EXTENDED): location, required, type; data__ fields are request body fields for INSERT/UPDATE/EXEC.',
      input: { provider: PROVIDER, service: SERVICE, resource: RESOURCE, method: METHOD },
      output: TABULAR_OUTPUT,
      annotations: CATALOG_READ,
    },
    (call, a) =>
      metadata(call, `DESCRIBE METHOD EXTENDED ${a.provider}.${a.service}.${a.resource}.${a.method}`),
  );
}

/** Runs one metadata statement built by a tool (its text is shown in the audit record). */
export function metadata(call: ToolCall, sql: string, rowLimit = 10_000): Promise<ToolAnswer> {
  call.sql = sql;
  call.queryClass = 'read';
  return call.slot.exclusive((session) =>
    runStatements(call, session, [{ statement: parseOne(sql), class: 'read', verb: 'SHOW' }], rowLimit),
  );
}

function parseOne(sql: string): Statement {
  return parseStatement(sql);
}

/**
 * DESCRIBE shows the first SELECT method's columns (StackQL's rule), but a query is read with the
 * method its WHERE chooses, and a list may return another shape (google.sqladmin.instances list:
 * objectKey `$.warnings`). When the SELECT methods differ, the columns of each, so the model does
 * not query columns its method lacks.
 */
function selectMethodsNote(resource: Resource): string | undefined {
  const methods = resource.verbs.select;
  const lists = methods.map((m) => visibleColumns(m).map((c) => c.name));
  if (lists.every((l) => l.join() === lists[0].join())) return undefined;
  const lines = methods.map((m, i) => {
    const required = requiredParamsInShowOrder(m).map((p) => p.name);
    const when = required.length > 0 ? `needs ${required.join(', ')}` : 'no required parameters';
    return `- ${m.name} (${when}): ${lists[i].join(', ') || '(no columns)'}`;
  });
  return `note: the SELECT methods of ${resource.fqn} return different columns; a query gets those of the method its WHERE chooses (the first whose required parameters it gives):\n${lines.join('\n')}`;
}
