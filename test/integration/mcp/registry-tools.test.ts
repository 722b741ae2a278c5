import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { writeTinyRegistry } from '../../support/fixture-registry.js';
import { tempDir } from '../../support/temp-dir.js';
import { approve, rowsOf, startStdioMcp, textOf } from './mcp-harness.js';

test('pull_provider installs a provider (after approval in safe mode); list and search see it', async () => {
  const root = tempDir();
  const registry = await writeTinyRegistry(root);
  const mcp = await startStdioMcp(['--mcp.config', JSON.stringify({ audit: { disabled: true } })], approve, {
    SKYQL_REGISTRY: pathToFileURL(registry).href,
    SKYQL_APPROOT: join(root, 'approot'),
  });
  assert.deepEqual(rowsOf(await mcp.call('list_registry')), [{ provider: 'tiny', version: 'v0.1.0' }]);
  assert.doesNotMatch(textOf(await mcp.call('list_providers')), /tiny/);
  // nothing installed: the search says so and what to call, rather than blaming the query
  const empty = textOf(await mcp.call('search_catalog', { query: 'things' }));
  assert.match(empty, /no provider is installed yet.*call pull_provider/);
  assert.doesNotMatch(empty, /fewer/);

  const pulled = await mcp.call('pull_provider', { provider: 'tiny', version: 'v0.1.0' });
  assert.equal(pulled.isError, undefined, textOf(pulled));
  assert.match(mcp.asked[0], /asks to run REGISTRY PULL/);
  assert.match(textOf(await mcp.call('list_providers')), /\| tiny \| v0\.1\.0 \|/);
  const hits = (await mcp.call('search_catalog', { query: 'things' })).structuredContent as {
    hits: { fqn: string }[];
  };
  assert.deepEqual(
    hits.hits.slice(0, 2).map((h) => h.fqn),
    ['tiny.things', 'tiny.things.things'],
  );
  const bad = await mcp.call('pull_provider', { provider: 'tiny', version: "v1' OR 1" });
  assert.equal(bad.isError, true);
  assert.match(textOf(bad), /a version such as v25\.07\.00000/);
});

test('read_only: a query over a provider not installed is refused, not pulled, and says how to install it', async () => {
  const root = tempDir();
  const registry = await writeTinyRegistry(root);
  const approot = join(root, 'approot');
  const mcp = await startStdioMcp(
    ['--mcp.mode', 'read_only', '--mcp.config', JSON.stringify({ audit: { disabled: true } })],
    approve,
    { SKYQL_REGISTRY: pathToFileURL(registry).href, SKYQL_APPROOT: approot },
  );
  const r = await mcp.call('run_select_query', { sql: 'SHOW SERVICES IN tiny' });
  assert.equal(r.isError, true);
  assert.match(
    textOf(r),
    /^provider 'tiny' is not installed, and this session is read-only: pulling it would write the app root\nhint: install it first with `skyql registry pull tiny`/,
  );
  assert.doesNotMatch(textOf(await mcp.call('list_providers')), /tiny/, 'nothing was pulled');
  assert.equal(mcp.asked.length, 0);
});
