import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type McpHttpServer, startMcpHttpServer } from './http-server.js';
import type { McpContext } from './mcp-context.js';
import { createMcpServer } from './mcp-server.js';

/**
 * Serves one client over stdin/stdout until stdin ends or `stop` fires. Only JSON-RPC goes to
 * stdout; messages go to stderr.
 */
export async function serveStdio(ctx: McpContext, stop: AbortSignal): Promise<void> {
  const mcp = createMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
    stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await mcp.server.connect(transport);
  const answered = trackRequests(transport);
  await closed;
  await answered(); // requests read before stdin ended still get their answers
  await mcp.close();
}

/**
 * Counts the requests a transport received and has not answered yet; the returned function
 * resolves once none is left. (stdin may end right after the last request, before its handler
 * has even started.)
 */
function trackRequests(transport: Transport): () => Promise<void> {
  const pending = new Set<string | number>();
  let idle: (() => void) | undefined;
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ('method' in message && 'id' in message) pending.add(message.id);
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    try {
      await send(message, options);
    } finally {
      if (
        !('method' in message) &&
        'id' in message &&
        message.id !== undefined &&
        pending.delete(message.id) &&
        pending.size === 0
      )
        idle?.();
    }
  };
  return () => (pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve)));
}

/** Serves Streamable HTTP; one MCP server per MCP session (server_info tells the URL bound). */
export async function serveHttp(
  ctx: McpContext,
  options: {
    host: string;
    port: number;
    token: string | undefined;
    maxSessions?: number;
    sessionIdleMs?: number;
    log: (line: string) => void;
  },
): Promise<McpHttpServer> {
  let info = ctx.info;
  const server = await startMcpHttpServer({
    ...options,
    createServer: () => createMcpServer({ ...ctx, info }),
  });
  info = { ...ctx.info, address: server.url };
  return server;
}
