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
    { instructions: SERVER_INSTRUCTIONS, capabilities: { logging: {} } },
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
  return {
    server,
    slot,
    close: async () => {
      await server.close();
      await slot.close();
    },
  };
}
