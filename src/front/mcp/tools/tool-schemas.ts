import * as z from 'zod/v4';

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
        truncated: z.boolean().describe('true when rows were left out (row_limit or the size cap)'),
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

/** A SQL input of a SQL tool. */
export const SQL = z
  .string()
  .min(1)
  .max(100_000)
  .describe('skyql SQL (StackQL dialect); several statements separated by ;');

/** row_limit: rows returned per statement. */
export const ROW_LIMIT = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .describe('rows to return per statement (default 200); the answer says when rows were left out');
