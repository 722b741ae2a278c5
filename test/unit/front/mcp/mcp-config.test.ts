import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { parseMcpConfig } from '../../../../src/front/mcp/mcp-config.js';

test("StackQL's --mcp.config JSON, skyql's audit and limits, flags over the JSON", () => {
  assert.deepEqual(parseMcpConfig(undefined), {
    transport: 'stdio',
    host: '127.0.0.1',
    port: 9992,
    mode: 'safe',
    audit: { disabled: false, path: undefined, strict: true },
    rowLimit: 200,
    maxResultBytes: 262144,
    maxCellBytes: 32768,
    maxQueryBytes: 67108864,
    approvalSeconds: 300,
  });
  const c = parseMcpConfig(
    '{"server": {"transport": "http", "address": "[::1]:8080", "mode": "read_only"}, "audit": {"disabled": true}, "limits": {"rowLimit": 50}}',
    { mode: 'full_access' },
  );
  assert.deepEqual(
    [c.transport, c.host, c.port, c.mode, c.audit.disabled, c.rowLimit],
    ['http', '::1', 8080, 'full_access', true, 50],
  );
  assert.equal(
    parseMcpConfig('{"server": {"transport": "http"}}', { serverType: 'stdio' }).transport,
    'stdio',
  );
});

test('bad config is BAD_MCP_CONFIG with an example', () => {
  for (const bad of [
    '{',
    '[]',
    '{"server": {"transport": "ws"}}',
    '{"server": {"address": "9992"}}',
    '{"limits": {"rowLimit": 0}}',
    '{"audit": {"strict": "no"}}',
  ])
    assert.throws(
      () => parseMcpConfig(bad),
      (e) => isSkyqlError(e, 'BAD_MCP_CONFIG') && /--mcp\.config/.test(e.hint ?? ''),
      bad,
    );
});
