import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { rowsOf, startStdioMcp, textOf } from './mcp-harness.js';

test('an auth failure hints at reload_credentials; fixing --env.file and reloading makes queries work', async () => {
  const { emu, keyPath, dir } = await startSampleEmulator();
  const envFile = join(dir, 'mcp.env');
  writeFileSync(envFile, `SKYQL_TEST_MCP_KEY=${join(dir, 'missing-key.json')}\n`);
  const mcp = await startStdioMcp(
    [
      '--auth',
      JSON.stringify({
        google: { type: 'service_account', credentialsfilepathenvvar: 'SKYQL_TEST_MCP_KEY' },
      }),
      '--endpoint',
      `google=${emu.url}`,
      '--pin',
      'google=v25.07.00000',
      '--env.file',
      envFile,
      '--mcp.config',
      '{"audit": {"disabled": true}}',
    ],
    undefined,
  );
  const sql = "SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo'";
  const failed = await mcp.call('run_select_query', { sql });
  assert.equal(failed.isError, true);
  assert.match(textOf(failed), /missing-key\.json/);
  assert.match(
    textOf(failed),
    /hint: after fixing the credentials \(key file, --env\.file\), call reload_credentials and retry/,
  );

  const before = await mcp.call('reload_credentials', { provider: 'google' });
  const status = (before.structuredContent as { providers: { status: string; detail: string }[] })
    .providers[0];
  assert.equal(status.status, 'error');

  writeFileSync(envFile, `SKYQL_TEST_MCP_KEY=${keyPath}\n`);
  const after = await mcp.call('reload_credentials');
  const ok = (after.structuredContent as { providers: { status: string; source: string }[] }).providers[0];
  assert.equal(ok.status, 'ok');
  assert.match(ok.source, /sa-key\.json \(from environment variable SKYQL_TEST_MCP_KEY\)$/);
  assert.equal(rowsOf(await mcp.call('run_select_query', { sql })).length, 12);
});

test('reload_credentials names where the settings really are (SKYQL_AUTH from --env.file) and answers for the provider asked', async () => {
  const { emu, dir } = await startSampleEmulator();
  const envFile = join(dir, 'auth.env');
  const auth = { google: { type: 'service_account', credentialsfilepath: join(dir, 'gone.json') } };
  writeFileSync(envFile, `SKYQL_AUTH='${JSON.stringify(auth)}'\n`);
  const mcp = await startStdioMcp(
    [
      '--endpoint',
      `google=${emu.url}`,
      '--env.file',
      envFile,
      '--mcp.config',
      '{"audit": {"disabled": true}}',
    ],
    undefined,
  );
  const google = await mcp.call('reload_credentials', { provider: 'google' });
  const status = (google.structuredContent as { providers: { status: string; detail: string }[] }).providers;
  assert.equal(status.length, 1);
  assert.equal(status[0].status, 'error');
  assert.match(status[0].detail, /check "credentialsfilepath" in SKYQL_AUTH \(.*gone\.json\)/);
  assert.match(status[0].detail, /SKYQL_AUTH is set in --env\.file .*auth\.env: change it there/);
  assert.doesNotMatch(status[0].detail, /--auth/);

  const aws = await mcp.call('reload_credentials', { provider: 'aws' });
  assert.equal(aws.isError, undefined);
  assert.deepEqual((aws.structuredContent as { providers: unknown[] }).providers, []);
  assert.equal(
    textOf(aws),
    'credentials reloaded; aws has no auth settings (--auth / SKYQL_AUTH configures google); add a "aws" entry to --auth or SKYQL_AUTH if its API needs credentials',
  );
});
