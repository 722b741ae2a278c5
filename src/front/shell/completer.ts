import type { CompletionNames } from '../../core/engine/completion-names.js';
import { completionContext } from './completion-context.js';

/** Keywords offered by completion. */
const SHELL_KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'IS',
  'NULL',
  'JOIN',
  'LEFT',
  'INNER',
  'ON',
  'AS',
  'GROUP',
  'BY',
  'ORDER',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'DISTINCT',
  'UNION',
  'ALL',
  'WITH',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'SHOW',
  'DESCRIBE',
  'EXPLAIN',
  'EXTENDED',
  'PROVIDERS',
  'SERVICES',
  'RESOURCES',
  'METHODS',
  'METHOD',
  'INSERT',
  'INTO',
  'VALUES',
  'UPDATE',
  'SET',
  'DELETE',
  'EXEC',
  'CREATE',
  'OR',
  'REPLACE',
  'VIEW',
  'MATERIALIZED',
  'REFRESH',
  'DROP',
  'TABLE',
  'REGISTRY',
  'LIST',
  'PULL',
  'VERSION',
  'RETURNING',
  'EXISTS',
  'BETWEEN',
];

function matching(candidates: Iterable<string>, prefix: string): string[] {
  const lower = prefix.toLowerCase();
  return [...new Set(candidates)].filter((c) => c.toLowerCase().startsWith(lower)).sort();
}

/** Keywords in the case the user is typing in (`sel` → `select`, `SEL`/`Sel` → `SELECT`). */
function keywords(prefix: string): string[] {
  const lower = prefix.length > 0 && prefix === prefix.toLowerCase();
  return matching(SHELL_KEYWORDS, prefix).map((k) => (lower ? k.toLowerCase() : k));
}

/**
 * Completions for the text before the cursor: `[candidates, the word they replace]`, as readline
 * wants. Dotted words complete one level at a time (`google.` → services, `google.compute.` →
 * resources, `google.compute.instances.` → methods; `alias.` → that table's columns), with the
 * dot when the statement needs more parts there. After FROM,
 * JOIN, IN, INTO, DESCRIBE, EXEC… providers and local tables; elsewhere keywords and the columns of
 * the provider tables in the statement.
 */
export async function complete(names: CompletionNames, text: string): Promise<[string[], string]> {
  const ctx = completionContext(text);
  if (ctx.path.length > 0) {
    const head = `${ctx.path.join('.')}.`;
    const table = ctx.path.length === 1 ? ctx.aliases.get(ctx.path[0]) : undefined;
    const found = table ? await names.columns(table) : await names.children(ctx.path);
    // complete the dot too when the name goes on (`google.compute.`, but `SHOW RESOURCES IN google.compute`)
    const tail = !table && ctx.path.length + 1 < ctx.nameParts ? '.' : '';
    return [matching(found, ctx.prefix).map((n) => head + n + tail), ctx.word];
  }
  if (ctx.expectsTable) {
    const providers = names.providers().map((p) => (ctx.nameParts > 1 ? `${p}.` : p));
    return [matching([...providers, ...names.localNames()], ctx.prefix), ctx.word];
  }
  const columns: string[] = [];
  for (const t of ctx.tables) columns.push(...(await names.columns(t)));
  const words = [...keywords(ctx.prefix), ...matching([...columns, ...names.localNames()], ctx.prefix)];
  return [[...new Set(words)], ctx.word];
}
