import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSampleEmulator } from '../../support/emulator-session.js';
import {
  type Approver,
  approve,
  decline,
  emulatorArgs,
  rowsOf,
  startStdioMcp,
  textOf,
} from './mcp-harness.js';

const { emu, keyPath, dir } = await startSampleEmulator();

/** A server in `mode` whose audit log is its own file. */
async function server(mode: string, approver: Approver, name = mode) {
  const audit = join(dir, `${name}.jsonl`);
  const mcp = await startStdioMcp(
    [
      ...emulatorArgs(emu.url, keyPath),
      '--mcp.mode',
      mode,
      '--mcp.config',
      JSON.stringify({ audit: { path: audit } }),
    ],
    approver,
  );
  return {
    mcp,
    audit: () =>
      readFileSync(audit, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

const exists = async (mcp: Awaited<ReturnType<typeof server>>['mcp'], bucket: string) =>
  rowsOf(
    await mcp.call('run_select_query', {
      sql: `SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo' AND name = '${bucket}'`,
    }),
  ).length === 1;

test('read_only: changes, EXEC and pulls are refused without asking; views stay allowed', async () => {
  const { mcp, audit } = await server('read_only', approve);
  const del = await mcp.call('run_mutation_query', {
    sql: "DELETE FROM google.storage.buckets WHERE bucket = 'skyql-demo-assets'",
  });
  assert.equal(del.isError, true);
  assert.match(
    textOf(del),
    /^DELETE is not allowed: the MCP server runs in read_only mode\nhint: restart skyql mcp with --mcp\.mode=safe/,
  );
  const exec = await mcp.call('run_lifecycle_operation', {
    sql: "EXEC google.compute.instances.stop @project = 'skyql-demo', @zone = 'us-central1-a', @instance = 'web-1'",
  });
  assert.match(textOf(exec), /EXEC is not allowed/);
  assert.match(
    textOf(await mcp.call('pull_provider', { provider: 'google' })),
    /REGISTRY PULL is not allowed/,
  );
  assert.equal(mcp.asked.length, 0);
  assert.ok(await exists(mcp, 'skyql-demo-assets'));

  // a view is session-private: allowed; a query that reads (EXEC ...) through a view counts as EXEC
  const view = await mcp.call('run_mutation_query', {
    sql: "CREATE VIEW eu AS SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo' AND location = 'EU'",
  });
  assert.equal(view.isError, undefined, textOf(view));
  assert.ok(rowsOf(await mcp.call('run_select_query', { sql: 'SELECT name FROM eu' })).length > 0);
  await mcp.call('run_mutation_query', {
    sql: "CREATE VIEW stopper AS SELECT * FROM (EXEC google.compute.instances.stop @project = 'skyql-demo', @zone = 'us-central1-a', @instance = 'web-1')",
  });
  const hidden = await mcp.call('run_select_query', { sql: 'SELECT * FROM stopper' });
  assert.equal(hidden.isError, true);
  assert.match(
    textOf(hidden),
    /run_select_query does not run a SELECT that reads EXEC \(through view stopper\): the method may change resources\nhint: send it to run_lifecycle_operation/,
  );
  const viaLifecycle = await mcp.call('run_lifecycle_operation', { sql: 'SELECT * FROM stopper' });
  assert.match(
    textOf(viaLifecycle),
    /^SELECT that reads EXEC \(through view stopper\) is not allowed: the MCP server runs in read_only mode/,
  );
  assert.deepEqual(
    audit()
      .filter((r) => r.tool === 'run_mutation_query' && r.phase === 'end')
      .map((r) => [r.decision, r.queryClass]),
    [
      ['refused', 'delete'],
      ['allow', 'local'],
      ['allow', 'local'],
    ],
  );
});

test('safe: a declined approval sends nothing; the audit log says declined', async () => {
  const { mcp, audit } = await server('safe', decline, 'safe-decline');
  const r = await mcp.call('run_mutation_query', {
    sql: "DELETE FROM google.storage.buckets WHERE bucket = 'skyql-demo-assets'",
  });
  assert.equal(r.isError, true);
  assert.match(textOf(r), /^the user did not approve DELETE; nothing was sent/);
  assert.equal(mcp.asked.length, 1);
  assert.match(mcp.asked[0], /DELETE FROM google\.storage\.buckets WHERE bucket = 'skyql-demo-assets'/);
  assert.ok(await exists(mcp, 'skyql-demo-assets'));
  const records = audit().filter((x) => x.tool === 'run_mutation_query');
  assert.deepEqual(
    records.map((x) => [x.phase, x.decision, x.ok]),
    [['end', 'declined', false]],
  );
});

test('safe: a client without elicitation gets a refusal that names full_access', async () => {
  const { mcp } = await server('safe', undefined, 'safe-noelicit');
  const r = await mcp.call('run_mutation_query', {
    sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'never-made')",
  });
  assert.equal(r.isError, true);
  assert.match(
    textOf(r),
    /^INSERT needs the user's approval in mode safe, and this MCP client cannot ask for it \(no elicitation support\); nothing was sent\nhint: .*--mcp\.mode=full_access \(or delete_safe\)/,
  );
  assert.equal(await exists(mcp, 'never-made'), false);
});

test('delete_safe: INSERT runs without asking; DELETE asks and runs when approved', async () => {
  const { mcp } = await server('delete_safe', approve);
  const ins = await mcp.call('run_mutation_query', {
    sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'delete-safe-bucket')",
  });
  assert.equal(ins.isError, undefined, textOf(ins));
  assert.equal(mcp.asked.length, 0);
  assert.ok(await exists(mcp, 'delete-safe-bucket'));
  const del = await mcp.call('run_mutation_query', {
    sql: "DELETE FROM google.storage.buckets WHERE bucket = 'delete-safe-bucket'",
  });
  assert.equal(del.isError, undefined, textOf(del));
  assert.equal(mcp.asked.length, 1);
  assert.equal(await exists(mcp, 'delete-safe-bucket'), false);
});

test('full_access: a DELETE runs without asking, from a client without elicitation', async () => {
  const { mcp, audit } = await server('full_access', undefined);
  await mcp.call('run_mutation_query', {
    sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'full-access-bucket')",
  });
  const del = await mcp.call('run_mutation_query', {
    sql: "DELETE FROM google.storage.buckets WHERE bucket = 'full-access-bucket'",
  });
  assert.equal(del.isError, undefined, textOf(del));
  assert.equal(await exists(mcp, 'full-access-bucket'), false);
  const smuggled = await mcp.call('run_select_query', {
    sql: "SELECT 1; DELETE FROM google.storage.buckets WHERE bucket = 'skyql-demo-assets'",
  });
  assert.equal(smuggled.isError, true, 'the tool still refuses, whatever the mode');
  assert.ok(await exists(mcp, 'skyql-demo-assets'));
  assert.deepEqual(
    audit()
      .filter((x) => x.tool === 'run_mutation_query')
      .map((x) => [x.phase, x.decision, x.queryClass]),
    [
      ['start', 'allow', 'write'],
      ['end', 'allow', 'write'],
      ['start', 'allow', 'delete'],
      ['end', 'allow', 'delete'],
    ],
  );
});

test('strict audit: when the log cannot be written a change is not made; reads still answer', async () => {
  // the audit path is a folder: every write fails
  const mcp = await startStdioMcp(
    [
      ...emulatorArgs(emu.url, keyPath),
      '--mcp.mode',
      'full_access',
      '--mcp.config',
      JSON.stringify({ audit: { path: dir } }),
    ],
    undefined,
  );
  const r = await mcp.call('run_mutation_query', {
    sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'unaudited-bucket')",
  });
  assert.equal(r.isError, true);
  assert.match(textOf(r), /^cannot write the MCP audit log .*\nhint: fix the path or its permissions/);
  assert.equal(await exists(mcp, 'unaudited-bucket'), false);
  assert.ok(await exists(mcp, 'skyql-demo-assets'));
});
