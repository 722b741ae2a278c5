import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { type McpContext, SessionSlot } from './mcp-context.js';
import { addPrompts } from './prompts.js';
import { addResources } from './resources.js';
import { addCatalogTools } from './tools/catalog-tools.js';
import { addChangeTools } from './tools/change-tools.js';
import { addInfoTools } from './tools/info-tools.js';
import { addQueryTools } from './tools/query-tools.js';
import { addRegistryTools } from './tools/registry-tools.js';

/** One MCP server (one per stdio run, one per HTTP session) and the skyql session behind it. */
export interface SkyqlMcpServer {
  readonly server: McpServer;
  readonly slot: SessionSlot;
  close(): Promise<void>;
}

/**
 * Builds an MCP server with every tool, prompt and resource. Its skyql session is made on the first
 * tool call, from the same options as `skyql exec`.
 */
export function createMcpServer(ctx: McpContext): SkyqlMcpServer {
  const server = new McpServer(
    { name: 'skyql', title: 'skyql (SQL for Google Cloud)', version: ctx.info.version },
    { instructions: SERVER_INSTRUCTIONS },
  );
  const slot = new SessionSlot(ctx.sessions);
  const host = { server, ctx, slot };
  addInfoTools(host);
  addCatalogTools(host);
  addQueryTools(host);
  addChangeTools(host);
  addRegistryTools(host);
  addPrompts(server);
  addResources(server);
  cacheToolList(server);
  return {
    server,
    slot,
    // calls in flight finish (and answer) first
    close: async () => {
      await slot.close();
      await server.close();
    },
  };
}

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/**
 * The SDK converts every tool's zod schemas to JSON Schema on each tools/list (~30 ms for these 16
 * tools); they never change once registered, so the first answer is kept. Reaches into the SDK's
 * handler map (pinned version); without it, tools/list simply stays uncached.
 */
function cacheToolList(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, RequestHandler> })
    ._requestHandlers;
  const original = handlers?.get('tools/list');
  if (!handlers || !original) return;
  let cached: Promise<unknown> | undefined;
  handlers.set('tools/list', (request, extra) => {
    cached ??= original(request, extra).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  });
}
