import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { approve, emulatorArgs, rowsOf, type StdioMcp, startStdioMcp, textOf } from './mcp-harness.js';

const { emu, keyPath, dir } = await startSampleEmulator();
const auditPath = join(dir, 'audit', 'audit.jsonl');
const mcp: StdioMcp = await startStdioMcp(
  [...emulatorArgs(emu.url, keyPath), '--mcp.config', JSON.stringify({ audit: { path: auditPath } })],
  approve,
);

const BUCKETS = "SELECT name, location FROM google.storage.buckets WHERE project = 'skyql-demo'";

test('tools/list: StackQL names plus search_catalog and plan_query, with annotations and output schemas', async () => {
  const { tools } = await mcp.client.listTools();
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const name of [
    'server_info',
    'list_providers',
    'list_services',
    'list_resources',
    'list_methods',
    'describe_resource',
    'describe_method',
    'validate_select_query',
    'run_select_query',
    'run_mutation_query',
    'run_lifecycle_operation',
    'list_registry',
    'pull_provider',
    'reload_credentials',
    'search_catalog',
    'plan_query',
  ])
    assert.ok(byName.has(name), `tool ${name}`);
  assert.equal(byName.get('run_select_query')?.annotations?.readOnlyHint, true);
  assert.equal(byName.get('run_mutation_query')?.annotations?.destructiveHint, true);
  assert.equal(byName.get('list_services')?.annotations?.idempotentHint, true);
  assert.deepEqual(byName.get('run_select_query')?.inputSchema.required, ['sql']);
  assert.ok(byName.get('run_select_query')?.outputSchema?.properties?.results);
  for (const tool of tools)
    for (const [name, prop] of Object.entries(tool.inputSchema.properties ?? {}))
      assert.ok((prop as { description?: string }).description, `${tool.name}.${name} has a description`);
  const query = byName.get('search_catalog')?.inputSchema.properties?.query as
    | { description?: string }
    | undefined;
  assert.match(String(query?.description), /public bucket/);
  assert.deepEqual(byName.get('describe_method')?.inputSchema.required, [
    'provider',
    'service',
    'resource',
    'method',
  ]);
});

test('server_info and the discovery tools answer from the installed provider', async () => {
  const info = await mcp.call('server_info');
  assert.equal(info.isError, undefined);
  const s = info.structuredContent as { mode: string; transport: string; audit: string };
  assert.equal(s.mode, 'safe');
  assert.equal(s.transport, 'stdio');
  assert.equal(s.audit, auditPath);

  assert.match(textOf(await mcp.call('list_providers')), /\| google \| v25\.07\.00000 \|/);
  const services = await mcp.call('list_services', { provider: 'google' });
  assert.ok(rowsOf(services).some((r) => r.name === 'compute'));
  assert.match(textOf(services), /^\| id \| name \| title \|/);
  assert.ok(
    rowsOf(await mcp.call('list_resources', { provider: 'google', service: 'compute' })).some(
      (r) => r.name === 'firewalls',
    ),
  );
  const methods = rowsOf(
    await mcp.call('list_methods', { provider: 'google', service: 'compute', resource: 'firewalls' }),
  );
  assert.deepEqual(
    methods.find((m) => m.MethodName === 'list'),
    {
      MethodName: 'list',
      RequiredParams: 'project',
      SQLVerb: 'SELECT',
      description: methods.find((m) => m.MethodName === 'list')?.description,
    },
  );
  const columns = rowsOf(
    await mcp.call('describe_resource', { provider: 'google', service: 'compute', resource: 'firewalls' }),
  );
  assert.ok(columns.some((c) => c.name === 'sourceRanges'));
  const params = rowsOf(
    await mcp.call('describe_method', {
      provider: 'google',
      service: 'compute',
      resource: 'firewalls',
      method: 'insert',
    }),
  );
  assert.ok(params.some((p) => p.name === 'project' && p.param_type === 'input_required'));
  const registry = rowsOf(await mcp.call('list_registry', { provider: 'google' }));
  assert.match(String(registry[0].versions), /v25\.07\.00000/);
});

test('a name that is not an identifier is refused by the input schema', async () => {
  const r = await mcp.call('list_resources', { provider: 'google', service: 'compute; DROP TABLE x' });
  assert.equal(r.isError, true);
  assert.match(textOf(r), /plain identifier/);
});

test('search_catalog finds a nested response field by keyword, ranked', async () => {
  const r = await mcp.call('search_catalog', { query: 'sourceRanges' });
  const hits = (r.structuredContent as { hits: { fqn: string; kind: string }[] }).hits;
  assert.equal(hits[0].fqn, 'google.compute.firewalls.sourceRanges');
  assert.equal(hits[0].kind, 'field');
  const words = (await mcp.call('search_catalog', { query: 'firewall source ranges', limit: 3 }))
    .structuredContent as {
    hits: { fqn: string }[];
  };
  assert.equal(words.hits[0].fqn, 'google.compute.firewalls.sourceRanges');
  const table = (await mcp.call('search_catalog', { query: 'firewalls', kind: 'resource', limit: 1 }))
    .structuredContent as {
    hits: { fqn: string }[];
  };
  assert.deepEqual(
    table.hits.map((h) => h.fqn),
    ['google.compute.firewalls'],
  );
  const iam = (await mcp.call('search_catalog', { query: 'bucket iam policy', limit: 1 }))
    .structuredContent as {
    hits: { fqn: string }[];
  };
  assert.equal(iam.hits[0].fqn, 'google.storage.buckets_iam_policies');
  assert.match(textOf(await mcp.call('search_catalog', { query: 'zzqqxx' })), /nothing matches/);
  // a resource whose field has the word its name lacks ranks above single fields; public ~ IAM policies
  const fqns = async (query: string, limit: number) =>
    (
      (await mcp.call('search_catalog', { query, limit })).structuredContent as { hits: { fqn: string }[] }
    ).hits.map((h) => h.fqn);
  assert.deepEqual(await fqns('public bucket', 2), [
    'google.storage.buckets',
    'google.storage.buckets_iam_policies',
  ]);
  const everyone = await fqns('allUsers', 5);
  assert.equal(everyone.length, 5);
  assert.ok(
    everyone.every((f) => f.endsWith('iam_policies')),
    everyone.join(', '),
  );
});

test('run_select_query: a markdown table and structured rows, capped by row_limit with the total', async () => {
  const all = await mcp.call('run_select_query', { sql: BUCKETS });
  assert.equal(all.isError, undefined);
  const first = (all.structuredContent as { results: { total: number; truncated: boolean }[] }).results[0];
  assert.equal(first.total, 12);
  assert.equal(first.truncated, false);
  assert.match(textOf(all), /^\| name \| location \|\n\|---\|---\|\n\| skyql-demo-assets \| EU \|/);
  const cut = await mcp.call('run_select_query', { sql: BUCKETS, row_limit: 3 });
  const r = (
    cut.structuredContent as {
      results: { returned: number; total: number; truncated: boolean }[];
      truncated: boolean;
    }
  ).results[0];
  assert.deepEqual([r.returned, r.total, r.truncated], [3, 12, true]);
  assert.equal((cut.structuredContent as { truncated: boolean }).truncated, true);
  assert.match(textOf(cut), /3 of 12 rows shown \(truncated/);
});

test('row_limit out of range: below 1 is a tool error in words, above the maximum is lowered', async () => {
  for (const row_limit of [0, -5]) {
    const r = await mcp.call('run_select_query', { sql: BUCKETS, row_limit });
    assert.equal(r.isError, true);
    assert.equal(
      textOf(r),
      `row_limit must be at least 1 (got ${row_limit})\nhint: give the number of rows to return per statement (1 to 10000), or leave row_limit out for the default 200\n(error code MCP_BAD_ARGUMENT)`,
    );
  }
  const big = await mcp.call('run_select_query', { sql: BUCKETS, row_limit: 50_000 });
  assert.equal(big.isError, undefined, textOf(big));
  assert.equal(rowsOf(big).length, 12);
});

test('validate_select_query and plan_query plan without calling (fan-out, requests of a DELETE)', async () => {
  const v = await mcp.call('validate_select_query', {
    sql: "SELECT name FROM google.compute.instances WHERE project = 'skyql-demo' AND zone IN ('us-central1-a', 'europe-west1-b')",
  });
  assert.match(textOf(v), /^valid: /);
  assert.ok(
    rowsOf(v).some(
      (row) => row.item === 'calls' && String(row.detail).startsWith('2: one per value of zone'),
    ),
  );
  const bad = await mcp.call('validate_select_query', {
    sql: "SELECT name FROM google.compute.firewallz WHERE project = 'p'",
  });
  assert.equal(bad.isError, true);
  assert.match(textOf(bad), /firewallz.*not found.*did you mean/s);
  const plan = await mcp.call('plan_query', {
    sql: "DELETE FROM google.storage.buckets WHERE bucket = 'skyql-demo-assets'",
  });
  assert.equal(plan.isError, undefined);
  assert.ok(
    rowsOf(plan).some(
      (row) =>
        row.item === 'request' &&
        /DELETE https:\/\/storage\.googleapis\.com\/storage\/v1\/b\/skyql-demo-assets/.test(
          String(row.detail),
        ),
    ),
  );
  const still = await mcp.call('run_select_query', { sql: `${BUCKETS} AND name = 'skyql-demo-assets'` });
  assert.equal(rowsOf(still).length, 1, 'plan_query sent nothing');
});

test('a DELETE smuggled into run_select_query is refused and nothing is sent', async () => {
  const r = await mcp.call('run_select_query', {
    sql: "SELECT 1; DELETE FROM google.storage.buckets WHERE bucket = 'skyql-demo-assets'",
  });
  assert.equal(r.isError, true);
  assert.match(
    textOf(r),
    /run_select_query does not run DELETE statements\nhint: send it to run_mutation_query/,
  );
  assert.equal(mcp.asked.length, 0, 'the user was not even asked');
  const exec = await mcp.call('run_select_query', {
    sql: "SELECT * FROM (EXEC google.compute.instances.stop @project = 'skyql-demo', @zone = 'us-central1-a', @instance = 'web-1')",
  });
  assert.equal(exec.isError, true);
  assert.match(textOf(exec), /send it to run_lifecycle_operation/);
  const still = await mcp.call('run_select_query', { sql: `${BUCKETS} AND name = 'skyql-demo-assets'` });
  assert.equal(rowsOf(still).length, 1);
});

test('errors are isError results with the one-line message and hint; parse errors show the caret', async () => {
  const r = await mcp.call('run_select_query', { sql: 'SELEC name' });
  assert.equal(r.isError, true);
  assert.equal(
    textOf(r),
    "syntax error at line 1, column 1: unknown statement 'SELEC'\nSELEC name\n^\nhint: did you mean SELECT? supported statements: SHOW, DESCRIBE, REGISTRY, INSERT, UPDATE, REPLACE, DELETE, EXEC, EXPLAIN, SELECT, WITH, CREATE, DROP, REFRESH\n(error code PARSE_ERROR)",
  );
  assert.doesNotMatch(textOf(r), /\bat .*\.js:\d+/, 'no stack trace');
});

test('with approval: INSERT and EXEC run (the user is asked first) and the audit log records them', async () => {
  const before = mcp.asked.length;
  const insert = await mcp.call('run_mutation_query', {
    sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'mcp-approved-bucket')",
  });
  assert.equal(insert.isError, undefined, textOf(insert));
  assert.match(mcp.asked[before], /asks to run INSERT/);
  assert.match(textOf(insert), /note: The operation was despatched successfully/);
  assert.equal(
    rowsOf(await mcp.call('run_select_query', { sql: `${BUCKETS} AND name = 'mcp-approved-bucket'` })).length,
    1,
  );

  const stop = await mcp.call('run_lifecycle_operation', {
    sql: "EXEC google.compute.instances.stop @project = 'skyql-demo', @zone = 'us-central1-a', @instance = 'web-2'",
  });
  assert.equal(stop.isError, undefined, textOf(stop));
  assert.match(mcp.asked[before + 1], /asks to run EXEC/);
  const status = rowsOf(
    await mcp.call('run_select_query', {
      sql: "SELECT name, status FROM google.compute.instances WHERE project = 'skyql-demo' AND zone = 'us-central1-a' AND name = 'web-2'",
    }),
  );
  assert.equal(status[0].status, 'TERMINATED');

  const lines = readFileSync(auditPath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(statSync(auditPath).mode & 0o777, 0o600);
  const inserts = lines.filter((l) => l.tool === 'run_mutation_query');
  assert.deepEqual(
    inserts.map((l) => [l.phase, l.decision, l.queryClass, l.ok]),
    [
      ['start', 'approved', 'write', undefined],
      ['end', 'approved', 'write', true],
    ],
  );
  assert.match(String(inserts[1].sql), /INSERT INTO google\.storage\.buckets/);
  assert.equal(typeof inserts[1].durationMs, 'number');
  assert.ok(lines.some((l) => l.tool === 'run_select_query' && l.decision === 'refused' && l.ok === false));
  assert.ok(
    lines.some((l) => l.tool === 'list_services' && (l.args as { provider: string }).provider === 'google'),
  );
  const text = readFileSync(auditPath, 'utf8');
  assert.doesNotMatch(text, /skyql-demo-backups/, 'no result rows in the audit log');
  assert.doesNotMatch(text, /PRIVATE KEY/);
});

test('reload_credentials reports the provider and where its key comes from, never the key', async () => {
  const r = await mcp.call('reload_credentials');
  const p = (r.structuredContent as { providers: { provider: string; status: string; source: string }[] })
    .providers;
  assert.equal(p[0].provider, 'google');
  assert.equal(p[0].status, 'ok');
  assert.match(p[0].source, /sa-key\.json$/);
  assert.doesNotMatch(textOf(r), /PRIVATE KEY|private_key/);
  // the session is rebuilt with the reloaded settings and still works
  assert.equal(
    rowsOf(await mcp.call('run_select_query', { sql: `${BUCKETS} AND name = 'skyql-demo-assets'` })).length,
    1,
  );
});

test('prompts and resources: getting_started, cloud_audit and the dialect guide', async () => {
  const { prompts } = await mcp.client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name).sort(), [
    'cloud_audit',
    'getting_started',
    'iam_access_review',
    'public_exposure_scan',
  ]);
  const audit = await mcp.client.getPrompt({ name: 'cloud_audit', arguments: { project: 'skyql-demo' } });
  const text = (audit.messages[0].content as { text: string }).text;
  assert.match(text, /google\.compute\.firewalls WHERE project = 'skyql-demo'/);
  assert.match(text, /service_account_keys/);
  const { resources } = await mcp.client.listResources();
  assert.ok(resources.some((r) => r.uri === 'skyql://docs/dialect'));
  const dialect = await mcp.client.readResource({ uri: 'skyql://docs/dialect' });
  assert.match((dialect.contents[0] as { text: string }).text, /required parameters/);
  assert.match(mcp.client.getInstructions() ?? '', /provider\.service\.resource/);
  assert.equal(mcp.stderr().includes('Error'), false, mcp.stderr());
});
