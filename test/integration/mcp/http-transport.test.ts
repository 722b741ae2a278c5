import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type CallToolResult, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { SKYQL_BIN } from '../../support/paths.js';
import { childEnv, emulatorArgs, rowsOf, textOf } from './mcp-harness.js';

const { emu, keyPath } = await startSampleEmulator();

/** Spawns `skyql mcp` over HTTP on `address`; resolves with the port from its first stdout line. */
async function spawnHttp(
  address: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcessWithoutNullStreams; port: number; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [
      SKYQL_BIN,
      'mcp',
      '--mcp.server.type=http',
      '--mcp.config',
      JSON.stringify({ server: { address }, audit: { disabled: true } }),
      ...emulatorArgs(emu.url, keyPath),
    ],
    { env: childEnv(env) },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  after(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`skyql mcp exited: ${stderr}`);
    }),
  ])) as [string];
  const m = /^skyql mcp listening on http:\/\/[^ ]+:(\d+)\/mcp$/.exec(line);
  assert.ok(m, line);
  return { child, port: Number(m[1]), stderr: () => stderr };
}

/** A loopback server shared by the tests that need no other settings (one process less). */
const loopback = await spawnHttp('127.0.0.1:0');

async function connect(port: number, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async () => ({
    action: 'accept',
    content: { approve: true },
  }));
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers } }),
  );
  after(() => client.close());
  return client;
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** A raw POST of an initialize request with the given headers; resolves with the status. */
function rawPost(port: number, headers: Record<string, string>, body = INIT): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('Streamable HTTP on loopback: queries, and a change approved through elicitation', async () => {
  const { port } = loopback;
  const client = await connect(port);
  const rows = rowsOf(
    (await client.callTool({
      name: 'run_select_query',
      arguments: {
        sql: "SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo'",
        row_limit: 2,
      },
    })) as CallToolResult,
  );
  assert.equal(rows.length, 2);
  const info = (await client.callTool({ name: 'server_info', arguments: {} })) as CallToolResult;
  assert.match(
    String((info.structuredContent as { transport: string }).transport),
    new RegExp(`^http http://127\\.0\\.0\\.1:${port}/mcp$`),
  );
  const ins = (await client.callTool({
    name: 'run_mutation_query',
    arguments: {
      sql: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('skyql-demo', 'http-bucket')",
    },
  })) as CallToolResult;
  assert.equal(ins.isError, undefined, textOf(ins));
  const made = (await client.callTool({
    name: 'run_select_query',
    arguments: {
      sql: "SELECT name FROM google.storage.buckets WHERE project = 'skyql-demo' AND name = 'http-bucket'",
    },
  })) as CallToolResult;
  assert.equal(rowsOf(made).length, 1);
  // a second client gets its own session
  const other = await connect(port);
  assert.equal(
    ((await other.callTool({ name: 'list_providers', arguments: {} })) as CallToolResult).isError,
    undefined,
  );
});

test('HTTP guard: a foreign Origin or Host is refused (DNS rebinding), oversized bodies too', async () => {
  const { port } = loopback;
  assert.equal(await rawPost(port, { origin: 'http://evil.example' }), 403);
  assert.equal(await rawPost(port, { host: `evil.example:${port}` }), 403);
  assert.equal(await rawPost(port, { origin: `http://127.0.0.1:${port}` }), 200);
  assert.equal(await rawPost(port, {}), 200, 'clients that send no Origin are served');
  assert.equal(await rawPost(port, {}, JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) })), 413);
  assert.equal(await rawPost(port, {}, '{not json'), 400);
});

test('off loopback: refused without a token; with one, requests need it', async () => {
  const child = spawn(
    process.execPath,
    [SKYQL_BIN, 'mcp', '--mcp.server.type=http', '--mcp.config', '{"server": {"address": "0.0.0.0:0"}}'],
    { env: childEnv() },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number];
  assert.equal(code, 2);
  assert.match(
    stderr,
    /^serving MCP on 0\.0\.0\.0 needs a bearer token\nhint: set --mcp\.token or SKYQL_MCP_TOKEN/,
  );

  const token = 'test-token-0123456789';
  const { port, stderr: log } = await spawnHttp('0.0.0.0:0', { SKYQL_MCP_TOKEN: token });
  assert.equal(await rawPost(port, {}), 401);
  assert.equal(await rawPost(port, { authorization: 'Bearer wrong' }), 401);
  assert.equal(await rawPost(port, { authorization: `Bearer ${token}` }), 200);
  const client = await connect(port, { authorization: `Bearer ${token}` });
  const r = (await client.callTool({ name: 'list_providers', arguments: {} })) as CallToolResult;
  assert.equal(r.isError, undefined);
  assert.doesNotMatch(log(), new RegExp(token), 'the token is never logged');
});
