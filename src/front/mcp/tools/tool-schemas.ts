import * as z from 'zod/v4';
import { SkyqlError } from '../../../base/errors/skyql-error.js';

/** structuredContent of every tool that answers with statement results (tables). */
export const TABULAR_OUTPUT = {
  results: z
    .array(
      z.object({
        statement: z.string(),
        columns: z.array(z.object({ name: z.string(), type: z.string() })),
        rows: z.array(z.record(z.string(), z.unknown())),
        returned: z.number().int().describe('rows in this answer'),
        total: z.number().int().describe('rows the statement produced'),
        truncated: z
          .boolean()
          .describe('true when rows were left out (row_limit or the size cap) or a cell was cut'),
        cutCells: z.number().int().describe('cells cut to the per-cell cap (ending in …[truncated N bytes])'),
        truncatedBy: z
          .enum(['row_limit', 'size_cap'])
          .optional()
          .describe('what left rows out: row_limit, or the size cap of one answer (limits.maxBytes)'),
      }),
    )
    .describe('one entry per statement'),
  truncated: z.boolean(),
  messages: z.array(z.string()).describe('notices of the run (operation despatched, terms applied locally)'),
};

/** A provider, service, resource or method name: a plain SQL identifier. */
export const NAME = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain identifier (letters, digits, underscores)')
  .max(200);

/** The name inputs of the discovery tools, each with its description. */
export const PROVIDER = NAME.describe('provider name, e.g. google (list_providers shows the installed ones)');
export const SERVICE = NAME.describe('service of the provider, e.g. compute (list_services)');
export const RESOURCE = NAME.describe('resource (table) of the service, e.g. firewalls (list_resources)');
export const METHOD = NAME.describe('method of the resource, e.g. list or insert (list_methods)');

/** A SQL input of a SQL tool. */
export const SQL = z
  .string()
  .min(1)
  .max(100_000)
  .describe(
    "skyql SQL (StackQL dialect): tables are provider.service.resource, with the required parameters of a method in WHERE, e.g. SELECT name FROM google.storage.buckets WHERE project = 'my-project'; several statements separated by ;",
  );

/** Rows a SQL tool returns per statement at most. */
export const MAX_ROW_LIMIT = 10_000;

/**
 * row_limit: rows returned per statement. Any number is accepted by the schema, so that a value out
 * of range gets a tool error in words ({@link checkRowLimit}) rather than the SDK's schema error.
 */
export const ROW_LIMIT = z
  .number()
  .optional()
  .describe(
    `rows to return per statement, 1 to ${MAX_ROW_LIMIT} (default 200; larger values are lowered to ${MAX_ROW_LIMIT}); the answer says when rows were left out`,
  );

/** A given row_limit as a whole number from 1 to MAX_ROW_LIMIT; MCP_BAD_ARGUMENT below 1. */
export function checkRowLimit(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1)
    throw new SkyqlError('MCP_BAD_ARGUMENT', `row_limit must be at least 1 (got ${value})`, {
      hint: `give the number of rows to return per statement (1 to ${MAX_ROW_LIMIT}), or leave row_limit out for the default ${fallback}`,
    });
  return Math.min(Math.floor(value), MAX_ROW_LIMIT);
}
