import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli.js';
import { startStdioMcp, textOf } from './mcp-harness.js';

test('stdio: requests piped in before stdin ends all get answers; only JSON-RPC on stdout', async () => {
  const lines = [
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'search_catalog', arguments: { query: 'sourceRanges', limit: 1 } },
    },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_providers', arguments: {} } },
  ];
  const r = await runCli(
    ['mcp', '--mcp.config', '{"audit": {"disabled": true}}'],
    {},
    `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  );
  assert.equal(r.code, 0, r.stderr);
  const answers = r.stdout
    .trim()
    .split('\n')
    .map(
      (l) => JSON.parse(l) as { id: number; result: { structuredContent?: { hits?: { fqn: string }[] } } },
    );
  assert.deepEqual(answers.map((a) => a.id).sort(), [1, 2, 3]);
  assert.equal(
    answers.find((a) => a.id === 2)?.result.structuredContent?.hits?.[0].fqn,
    'google.compute.firewalls.sourceRanges',
  );
  assert.match(r.stderr, /^skyql mcp: serving stdio, mode safe, audit off\n$/);
});

test('a runaway local query ends at --execution.timeout and the server keeps answering', async () => {
  const mcp = await startStdioMcp(
    ['--execution.timeout', '1', '--mcp.config', '{"audit": {"disabled": true}}'],
    undefined,
  );
  const r = await mcp.call('run_select_query', {
    sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
  });
  assert.equal(r.isError, true);
  assert.match(textOf(r), /^canceling statement due to statement timeout \(1 s\)/);
  assert.match(textOf(await mcp.call('run_select_query', { sql: 'SELECT 41 + 1 AS n' })), /\| 42 \|/);
});
