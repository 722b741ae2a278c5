import type { Method } from '../catalog/model/catalog-types.js';
import { Lexer } from '../sql/lexer/lexer.js';
import type { TextEdit } from '../sql/select/apply-edits.js';
import { quoteIdent } from '../store/sqlite-store.js';
import { visibleColumns } from './table-columns.js';

/**
 * PostgreSQL folds unquoted names to lower case, so `machineType` would not find the column
 * "machineType" that skyql creates from the response schema. With the PostgreSQL backend every
 * unquoted name spelled exactly like a mixed-case column of the statement's provider tables (or
 * EXEC sources) is quoted — wherever it stands: select list, WHERE, GROUP BY, ORDER BY, function
 * arguments — so StackQL's queries run unchanged. Function names (a name before `(`) and spans
 * other edits replace are left alone.
 */
export function pgCaseEdits(
  text: string,
  methods: readonly Method[],
  others: readonly TextEdit[],
): TextEdit[] {
  const names = new Set<string>();
  for (const m of methods) {
    for (const c of visibleColumns(m)) if (c.name !== c.name.toLowerCase()) names.add(c.name);
    for (const p of m.params) if (p.name !== p.name.toLowerCase()) names.add(p.name);
  }
  if (names.size === 0) return [];
  const edits: TextEdit[] = [];
  const lexer = new Lexer(text, { tolerant: true, dialect: 'postgres' });
  let t = lexer.next();
  while (t.kind !== 'eof') {
    const next = lexer.next();
    if (
      t.kind === 'ident' &&
      names.has(t.text) &&
      next.text !== '(' &&
      !others.some((e) => e.start < t.end && t.start < e.end)
    )
      edits.push({ start: t.start, end: t.end, text: quoteIdent(t.text) });
    t = next;
  }
  return edits;
}
