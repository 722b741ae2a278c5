import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { FIXTURE_APPROOT, MIRROR_DIR, REPO_ROOT } from '../../support/paths.js';
import { rowsOf, textOf } from './mcp-harness.js';

interface Registration {
  command: string;
  args: string[];
}

/** The README's registration snippet for the offline quick start (the one naming the emulator). */
function readmeSnippet(): Registration {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => b.includes('mcpServers') && b.includes('127.0.0.1:8089'));
  assert.ok(block, 'README has an MCP registration snippet for the emulator');
  return (JSON.parse(block) as { mcpServers: { skyql: Registration } }).mcpServers.skyql;
}

test("the README's MCP registration for the quick start starts a working server with exactly its args", async () => {
  const { emu, keyPath } = await startSampleEmulator();
  const snippet = readmeSnippet();
  // the placeholders the README tells the reader to replace, and the emulator's port and key
  const fill = (s: string) =>
    s
      .replace('/absolute/path/to/skyql', REPO_ROOT)
      .replace('/absolute/path/to/shared/registry/providers', MIRROR_DIR)
      .replace('http://127.0.0.1:8089', emu.url)
      .replace('/tmp/skyql-key.json', keyPath);
  const command = fill(snippet.command);
  assert.equal(command, join(REPO_ROOT, 'bin', 'skyql'));
  const args = snippet.args.map(fill);
  assert.ok(args.includes('--registry') && args.includes('--endpoint') && args.includes('--auth'));
  // no SKYQL_* settings from the environment: the args alone must do (the app root only keeps the
  // test run from pulling the provider again)
  const env: Record<string, string> = { SKYQL_APPROOT: FIXTURE_APPROOT };
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SKYQL_') && v) env[k] = v;
  const transport = new StdioClientTransport({ command, args, env, stderr: 'pipe' });
  const client = new Client({ name: 'readme-test', version: '1.0.0' });
  await client.connect(transport);
  after(() => client.close());
  const result = (await client.callTool({
    name: 'run_select_query',
    arguments: { sql: "SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo'" },
  })) as CallToolResult;
  assert.equal(result.isError, undefined, textOf(result));
  assert.ok(rowsOf(result).length > 0);
});
