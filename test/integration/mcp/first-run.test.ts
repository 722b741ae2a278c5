import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../support/temp-dir.js';
import { startStdioMcp, textOf } from './mcp-harness.js';

test('search_catalog with no provider installed says so and points at pull_provider', async () => {
  const mcp = await startStdioMcp(['--mcp.config', '{"audit": {"disabled": true}}'], undefined, {
    SKYQL_APPROOT: tempDir(),
  });
  const r = await mcp.call('search_catalog', { query: 'public bucket' });
  assert.equal(r.isError, undefined);
  assert.match(textOf(r), /no provider is installed yet.*call pull_provider with \{"provider": "google"\}/);
  assert.doesNotMatch(textOf(r), /fewer/);
  assert.deepEqual((r.structuredContent as { hits: unknown[] }).hits, []);
});
