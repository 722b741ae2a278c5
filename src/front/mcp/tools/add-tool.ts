import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type * as z from 'zod/v4';
import type { McpContext, SessionSlot } from '../mcp-context.js';
import { type RequestExtra, runTool, type ToolAnswer, ToolCall } from '../tool-call.js';

/** What tools are registered on: the SDK server, the shared context, this connection's session. */
export interface ToolHost {
  readonly server: McpServer;
  readonly ctx: McpContext;
  readonly slot: SessionSlot;
}

/** A tool's declaration: description, input and output shapes, annotations. */
export interface ToolSpec<Args extends z.ZodRawShape> {
  readonly title: string;
  readonly description: string;
  readonly input: Args;
  readonly output: z.ZodRawShape;
  readonly annotations: ToolAnnotations;
}

/** Registers a tool whose body runs inside {@link runTool} (errors as results, audit record). */
export function addTool<Args extends z.ZodRawShape>(
  host: ToolHost,
  name: string,
  spec: ToolSpec<Args>,
  body: (call: ToolCall, args: z.infer<z.ZodObject<Args>>) => Promise<ToolAnswer>,
): void {
  const callback = (args: z.infer<z.ZodObject<Args>>, extra: RequestExtra) =>
    runTool(
      new ToolCall(host.ctx, host.slot, host.server, extra, name, args as Record<string, unknown>),
      (call) => body(call, args),
    );
  host.server.registerTool(
    name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      outputSchema: spec.output,
      annotations: { title: spec.title, openWorldHint: true, ...spec.annotations },
    },
    callback as never,
  );
}

/** Annotations of tools that only read. */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
};
/** Annotations of tools that read only local catalog files. */
export const CATALOG_READ: ToolAnnotations = { ...READ_ONLY, openWorldHint: false };
