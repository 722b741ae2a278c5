import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
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
  await closed;
  await mcp.close();
}

/** Serves Streamable HTTP; one MCP server per MCP session (server_info tells the URL bound). */
export async function serveHttp(
  ctx: McpContext,
  options: { host: string; port: number; token: string | undefined; log: (line: string) => void },
): Promise<McpHttpServer> {
  let info = ctx.info;
  const server = await startMcpHttpServer({
    ...options,
    createServer: () => createMcpServer({ ...ctx, info }),
  });
  info = { ...ctx.info, address: server.url };
  return server;
}
