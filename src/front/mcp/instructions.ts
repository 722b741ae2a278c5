/**
 * The server's instructions (sent at initialize and served as resources), so an agent writes
 * correct skyql SQL on the first try: the dialect, how WHERE binds request parameters, how a method
 * is chosen, and the safety modes.
 */
export const SERVER_INSTRUCTIONS = `skyql queries and changes Google Cloud with SQL (StackQL's dialect).
Tables are provider.service.resource (google.compute.instances). Find them with search_catalog (keywords: "firewall source ranges"), list_services/list_resources, then list_methods and describe_resource.
A SELECT must give the required parameters of one of the resource's SELECT methods in WHERE as col = 'value' or col IN ('a','b') (IN fans out one call per value); other terms are applied locally by SQLite.
Use plan_query before a change to see the exact HTTP requests, and validate_select_query to check a query without calling any API.
Changes (INSERT/UPDATE/REPLACE/DELETE via run_mutation_query, EXEC via run_lifecycle_operation) follow the server's safety mode; the user may be asked to approve.
Results are capped (row_limit, default 200): when an answer says truncated, narrow the query rather than raising the limit.`;

/** skyql://docs/dialect: the SQL dialect in more detail. */
export const DIALECT_GUIDE = `# skyql SQL for agents

## Tables and parameters
- Provider tables are three-part names: \`google.<service>.<resource>\`. One-part names are the session's views and local tables.
- Each resource has methods (list_methods). A SELECT is served by the first SELECT method whose required parameters all appear in WHERE as \`col = literal\` or \`col IN (literals)\`, joined with AND at the top level (under OR nothing binds).
- Parameters are columns you can also select: \`SELECT zone, name FROM google.compute.instances WHERE project = 'p' AND zone IN ('us-central1-a','europe-west1-b')\` makes one call per zone.
- Other WHERE terms (\`status = 'RUNNING'\`, \`name LIKE 'web%'\`) are applied locally by SQLite after the calls.
- Joins: \`a.x = b.y\` on a parameter makes a dependent join: b is fetched once per distinct a.x.
- JSON columns: \`json_extract(col, '$.path')\`, \`json_each(col)\` (SQLite JSON functions).
- Nested list fields such as \`allowed\`, \`sourceRanges\`, \`networkInterfaces\` are JSON arrays.

## Methods and verbs
- INSERT INTO google.s.r (cols, data__field) VALUES (...): the resource's insert method; body fields take \`data__\` names in StackQL's old style or plain names.
- UPDATE ... SET ... WHERE <required params>; DELETE FROM ... WHERE <required params> (every WHERE term must bind a parameter).
- EXEC google.s.r.method @param = 'v', @@json = '{...}' calls any method.
- \`/*+ AWAIT */\` after the verb waits for a long-running operation.

## Tools
- search_catalog → list_methods/describe_resource → validate_select_query → run_select_query.
- plan_query shows the calls a SELECT makes (fan-out, paging) and the exact requests of a change.
- Errors come back as tool results with a hint; an auth error means the credentials need fixing, then reload_credentials.
`;

/** skyql://docs/safety: the safety modes and the audit log. */
export const SAFETY_GUIDE = `# Safety modes
- read_only: INSERT/UPDATE/REPLACE/DELETE, EXEC and REGISTRY PULL are refused, and a provider that is not installed is not pulled (the user installs it with \`skyql registry pull\`).
- safe (default): they need the user's approval (MCP elicitation: the user sees the statement with its views expanded and the requests it will send; no answer within 5 minutes declines); a client that cannot ask gets a refusal.
- delete_safe: INSERT/UPDATE/REPLACE run; DELETE and EXEC need approval.
- full_access: everything runs.
The mode applies to each parsed statement, whatever the tool: a DELETE sent to run_select_query is refused, and a query that reads (EXEC ...), directly or through a view, counts as EXEC (send it to run_lifecycle_operation).
Every tool call is written to the audit log (JSONL) with its SQL, decision and outcome, never result rows.
`;
