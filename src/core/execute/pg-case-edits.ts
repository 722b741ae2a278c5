import type { ResultColumn } from '../../base/result/result-set.js';
import type { Method } from '../catalog/model/catalog-types.js';
import { Lexer } from '../sql/lexer/lexer.js';
import type { TextEdit } from '../sql/select/apply-edits.js';
import type { SelectAnalysis } from '../sql/select/select-model.js';
import type { TableName } from '../store/sql-store.js';
import { quoteIdent } from '../store/sqlite-store.js';
import { visibleColumns } from './table-columns.js';

/**
 * PostgreSQL folds unquoted names to lower case, so `machineType` would not find the column
 * "machineType" that skyql creates from the response schema. With the PostgreSQL backend every
 * unquoted name spelled exactly like a mixed-case column of the statement's provider tables, EXEC
 * sources or local tables (`localNames`: materialized views of provider rows keep "sourceRanges") is quoted — wherever it stands: select list, WHERE, GROUP BY, ORDER BY, function
 * arguments — so StackQL's queries run unchanged. Function names (a name before `(`) and spans
 * other edits replace are left alone.
 */
export function pgCaseEdits(
  text: string,
  methods: readonly Method[],
  others: readonly TextEdit[],
  localNames: readonly string[] = [],
): TextEdit[] {
  const names = new Set<string>(localNames.filter((n) => n !== n.toLowerCase()));
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

/** Reads a local table's columns from the store (none when there is no such table). */
export type LocalColumns = (table: TableName) => Promise<readonly ResultColumn[]>;

/** The column names of the local tables (not CTEs, not EXEC sources) a statement reads. */
export async function localTableColumnNames(
  analysis: SelectAnalysis,
  columnsOf: LocalColumns,
): Promise<string[]> {
  const tables = new Map<string, TableName>();
  for (const scope of analysis.scopes)
    for (const ref of scope.from) {
      if (ref.kind !== 'local' || ref.exec || ref.parts.length === 0 || ref.parts.length > 2) continue;
      if (ref.parts.length === 1 && analysis.cteNames.has(ref.parts[0])) continue;
      const name = ref.parts.length === 1 ? ref.parts[0] : { schema: ref.parts[0], name: ref.parts[1] };
      tables.set(ref.parts.join('.'), name);
    }
  const names: string[] = [];
  for (const t of tables.values()) for (const c of await columnsOf(t)) names.push(c.name);
  return names;
}
