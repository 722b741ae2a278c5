/**
 * `skyql mcp` benchmarks (issue 14): tools/list, search_catalog (first and warm) and a warm
 * run_select_query of one page over the emulator, through the SDK's client over stdio, beside the
 * same statement run in process on a session and formatted (what `exec` does once started).
 * Response caches are off on both sides, so every query calls the emulator (its own process). Server round trips are
 * timed with raw requests; the SDK client's own work (it compiles an output-schema validator per
 * tool on listTools and checks every result) is reported beside.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type CallToolResult,
  CallToolResultSchema,
  ListToolsResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { parseAuthConfig } from '../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../src/base/config/registry-config.js';
import { createSession } from '../src/core/engine/create-session.js';
import { parseEndpointSpecs } from '../src/core/http/endpoints.js';
import { parseStatement } from '../src/core/sql/parser/parse-statement.js';
import { formatResult } from '../src/front/output/formatters.js';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../test/support/paths.js';
import type { BenchRow } from './select-bench.js';

const SQL = "SELECT name, direction, sourceRanges FROM google.compute.firewalls WHERE project = 'skyql-demo'";
const RUNS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeMedian(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** `skyql mcp` over stdio against `emuUrl`, without auth, audit or response cache. */
function mcpTransport(emuUrl: string, extra: readonly string[] = []): StdioClientTransport {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) env[k] = v;
  return new StdioClientTransport({
    command: process.execPath,
    args: [
      join(REPO_ROOT, 'bin', 'skyql'),
      'mcp',
      '--endpoint',
      `google=${emuUrl}`,
      '--auth',
      '{"google":{"type":"null_auth"}}',
      '--pin',
      'google=v25.07.00000',
      '--cache.ttl',
      '0',
      '--mcp.config',
      '{"audit": {"disabled": true}}',
      ...extra,
    ],
    env: { ...env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
    stderr: 'ignore',
  });
}

/**
 * The emulator in a process of its own, as an API is remote: both sides of the comparison cross a
 * process boundary to reach it, and it does not compete with the client for this process.
 */
async function spawnEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin', 'skyql'),
      'emulator',
      '--port',
      '0',
      '--sample',
      '--no-auth',
      '--registry',
      MIRROR_URL,
      '--approot',
      FIXTURE_APPROOT,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [
    string,
  ];
  const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`emulator did not start: ${line}`);
  return { url, child };
}

/** Medians of run_select_query over MCP and of the statement in process, warmed, then interleaved. */
async function compareSelect(
  call: (name: string, args: Record<string, unknown>) => Promise<unknown>,
  inProcess: () => Promise<void>,
): Promise<{ mcp: number; exec: number }> {
  for (let w = 0; w < 100; w++) {
    await call('run_select_query', { sql: SQL });
    await inProcess();
  }
  const mcpTimes: number[] = [];
  const execTimes: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    let t = performance.now();
    await call('run_select_query', { sql: SQL });
    mcpTimes.push(performance.now() - t);
    t = performance.now();
    await inProcess();
    execTimes.push(performance.now() - t);
  }
  return { mcp: median(mcpTimes), exec: median(execTimes) };
}

/** Runs the MCP benchmarks; returns their rows. */
export async function mcpBenchmarks(): Promise<BenchRow[]> {
  const emu = await spawnEmulator();
  const client = new Client({ name: 'bench', version: '1' });
  const plain = new Client({ name: 'bench-plain', version: '1' });
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    pins: new Map([['google', 'v25.07.00000']]),
    api: {
      auth: parseAuthConfig('{"google":{"type":"null_auth"}}'),
      pageLimit: 0,
      transport: { endpoints: parseEndpointSpecs([`google=${emu.url}`]) },
    },
  });
  // what exec does with a statement once started: run it and format the table
  const inProcess = async () => {
    const result = await session.execute(parseStatement(SQL));
    if (result) formatResult('table', result, {});
  };
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = (await client.request(
      { method: 'tools/call', params: { name, arguments: args } },
      CallToolResultSchema,
    )) as CallToolResult;
    if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
    return r;
  };
  const rows: BenchRow[] = [];
  const row = (name: string, value: string, target: string, ok: boolean) =>
    rows.push({ name, value, target, ok });
  try {
    // like for like with exec: no statement limit, so local SQL runs in the server process
    await plain.connect(mcpTransport(emu.url, ['--execution.timeout', '0']));
    const callPlain = async (name: string, args: Record<string, unknown>) =>
      plain.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema);
    const same = await compareSelect(callPlain, inProcess);
    await plain.close();
    row(
      'mcp run_select_query (one page, warm; --execution.timeout 0 as exec) vs exec in process',
      `${same.mcp.toFixed(1)} ms vs ${same.exec.toFixed(1)} ms (${(same.mcp / same.exec).toFixed(2)}x)`,
      '<= 1.2x',
      same.mcp / same.exec <= 1.2,
    );
    await client.connect(mcpTransport(emu.url));
    const ping = await timeMedian(RUNS, () => client.ping());
    row('mcp ping (stdio round trip: the transport alone)', `${ping.toFixed(2)} ms`, 'reported', true);
    const list = await timeMedian(RUNS, () =>
      client.request({ method: 'tools/list' }, ListToolsResultSchema),
    );
    row('mcp tools/list (stdio round trip)', `${list.toFixed(1)} ms`, '< 20 ms', list < 20);
    const clientList = await timeMedian(RUNS, () => client.listTools());
    row(
      'mcp tools/list through Client.listTools (validators compiled)',
      `${clientList.toFixed(1)} ms`,
      'reported',
      true,
    );

    const t0 = performance.now();
    await call('search_catalog', { query: 'sourceRanges' });
    row(
      'mcp search_catalog, first call (builds the index)',
      `${(performance.now() - t0).toFixed(0)} ms`,
      'reported',
      true,
    );
    const queries = ['sourceRanges', 'firewall source ranges', 'bucket iam policy'];
    let q = 0;
    const warm = await timeMedian(RUNS, () =>
      call('search_catalog', { query: queries[q++ % queries.length] }),
    );
    row('mcp search_catalog, warm', `${warm.toFixed(1)} ms`, '< 200 ms', warm < 200);

    const timed = await compareSelect(call, inProcess);
    row(
      'mcp run_select_query (one page, warm; default: 120 s limit, SQL runners) vs exec in process',
      `${timed.mcp.toFixed(1)} ms vs ${timed.exec.toFixed(1)} ms (${(timed.mcp / timed.exec).toFixed(2)}x)`,
      'reported',
      true,
    );
    const checked = await timeMedian(RUNS, () =>
      client.callTool({ name: 'run_select_query', arguments: { sql: SQL } }),
    );
    row(
      'mcp run_select_query through Client.callTool (result validated)',
      `${checked.toFixed(1)} ms`,
      'reported',
      true,
    );
  } finally {
    await client.close().catch(() => undefined);
    await plain.close().catch(() => undefined);
    await session.close();
    emu.child.kill('SIGTERM');
  }
  return rows;
}
