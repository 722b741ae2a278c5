import { after } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../../support/paths.js';

/** How the test client answers an approval request; `undefined`: the client has no elicitation. */
export type Approver = ((message: string) => ElicitResult | Promise<ElicitResult>) | undefined;

/** A running `skyql mcp` over stdio, driven by the SDK's own client. */
export interface StdioMcp {
  readonly client: Client;
  /** The approval requests the client was shown. */
  readonly asked: string[];
  stderr(): string;
  /** The server's process id. */
  readonly pid: number;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
}

/** The environment of a child skyql: the developer's SKYQL_* settings left out. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) env[k] = v;
  return { ...env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT, ...extra };
}

/** The flags that point skyql at the emulator with the test key. */
export function emulatorArgs(emuUrl: string, keyPath: string): string[] {
  return [
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
    '--endpoint',
    `google=${emuUrl}`,
    '--pin',
    'google=v25.07.00000',
  ];
}

/** Spawns `bin/skyql mcp <args>` and connects a client (closed after the test file). */
export async function startStdioMcp(
  args: readonly string[],
  approver: Approver,
  env: Record<string, string> = {},
): Promise<StdioMcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SKYQL_BIN, 'mcp', ...args],
    env: childEnv(env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const client = new Client(
    { name: 'skyql-test', version: '1.0.0' },
    { capabilities: approver ? { elicitation: {} } : {} },
  );
  const asked: string[] = [];
  if (approver)
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return approver(request.params.message);
    });
  await client.connect(transport);
  after(() => client.close());
  return {
    client,
    asked,
    stderr: () => stderr,
    pid: transport.pid ?? 0,
    call: async (name, a = {}) => (await client.callTool({ name, arguments: a })) as CallToolResult,
  };
}

/** The text of a tool result. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** The rows of the first statement of a SQL tool's structured result. */
export function rowsOf(result: CallToolResult): Record<string, unknown>[] {
  const structured = result.structuredContent as
    | { results: { rows: Record<string, unknown>[] }[] }
    | undefined;
  return structured?.results[0]?.rows ?? [];
}

export const approve: Approver = () => ({ action: 'accept', content: { approve: true } });
export const decline: Approver = () => ({ action: 'decline' });
