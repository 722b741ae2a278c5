import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli.js';

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
