import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { emulatorArgs, type StdioMcp, startStdioMcp, textOf } from './mcp-harness.js';

const { emu, keyPath } = await startSampleEmulator();
const mcp: StdioMcp = await startStdioMcp(
  [...emulatorArgs(emu.url, keyPath), '--mcp.config', '{"audit": {"disabled": true}}'],
  undefined,
);

test('validate_select_query catches an unknown column with the message run_select_query gives', async () => {
  const sql = "SELECT nme FROM google.storage.buckets WHERE project = 'skyql-demo'";
  const checked = await mcp.call('validate_select_query', { sql });
  assert.equal(checked.isError, true, textOf(checked));
  assert.match(
    textOf(checked),
    /no such column: nme .*not a column of google\.storage\.buckets \(read with list\).*did you mean name/,
  );
  const run = await mcp.call('run_select_query', { sql });
  assert.equal(run.isError, true);
  assert.equal(textOf(checked), textOf(run));
  // a qualified column and a column of a joined table are checked too
  const joined = await mcp.call('validate_select_query', {
    sql: "SELECT b.name, o.sise FROM google.storage.buckets b JOIN google.storage.objects o ON o.bucket = b.name WHERE b.project = 'skyql-demo'",
  });
  assert.equal(joined.isError, true);
  assert.match(textOf(joined), /no such column: o\.sise .*did you mean o\.size/);
});

test('validate_select_query names the columns each table is read with (a list whose objectKey reads another shape)', async () => {
  const ok = await mcp.call('validate_select_query', {
    sql: "SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo'",
  });
  assert.equal(ok.isError, undefined, textOf(ok));
  assert.match(textOf(ok), /^valid: /);
  assert.match(textOf(ok), /columns of google\.storage\.buckets \(read with list\): .*\bname\b.*\bproject$/m);
  const sqladmin = await mcp.call('validate_select_query', {
    sql: "SELECT name FROM google.sqladmin.instances WHERE project = 'skyql-demo'",
  });
  const text = textOf(sqladmin);
  assert.equal(sqladmin.isError, true, text);
  assert.match(text, /not a column of google\.sqladmin\.instances \(read with list\)/);
  const columns = await mcp.call('validate_select_query', {
    sql: "SELECT * FROM google.sqladmin.instances WHERE project = 'skyql-demo'",
  });
  assert.match(
    textOf(columns),
    /columns of google\.sqladmin\.instances \(read with list\): code, message, region, project/,
  );
});

test('describe_resource notes the columns of each SELECT method when they differ', async () => {
  const r = await mcp.call('describe_resource', {
    provider: 'google',
    service: 'sqladmin',
    resource: 'instances',
  });
  assert.equal(r.isError, undefined, textOf(r));
  assert.match(textOf(r), /note: the SELECT methods of google\.sqladmin\.instances return different columns/);
  assert.match(textOf(r), /^- list \(needs project\): code, message, region$/m);
  assert.match(textOf(r), /^- get \(needs instance, project\): .*\bname\b/m);
  const same = await mcp.call('describe_resource', {
    provider: 'google',
    service: 'compute',
    resource: 'firewalls',
  });
  assert.doesNotMatch(textOf(same), /note:/);
});
