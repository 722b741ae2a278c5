import type { SchemaColumn } from '../catalog/model/catalog-types.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { SqlDialect } from '../sql/dialect.js';
import { tokenize } from '../sql/lexer/lexer.js';
import type { SelectAnalysis } from '../sql/select/select-model.js';
import { visibleColumns } from './table-columns.js';

/**
 * The names a SELECT can reference a column by, lower-cased (SQLite matches names without regard
 * to case): every word, quoted identifier and string literal of the statement (views already
 * expanded), a conservative superset of its column references. Undefined when every column must be
 * kept: a `*` or `t.*` anywhere, or a NATURAL join (it joins on the columns both sides have).
 * Converting a row is most of the cost of materialising it (issue 13), so a `COUNT(*)` over a
 * 40-column resource stores none of them.
 */
export function referencedNames(
  text: string,
  analysis: SelectAnalysis,
  dialect: SqlDialect = 'sqlite',
): ReadonlySet<string> | undefined {
  if (analysis.scopes.some((s) => s.stars.length > 0)) return undefined;
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(text, undefined, dialect);
  } catch {
    return undefined; // SQLite reports what is wrong with the text
  }
  const names = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'ident' && t.kind !== 'quotedIdent' && t.kind !== 'keyword' && t.kind !== 'string')
      continue;
    const name = (t.kind === 'keyword' ? t.text : t.value).toLowerCase();
    if (name === 'natural' && t.kind !== 'quotedIdent' && t.kind !== 'string') return undefined;
    names.add(name);
  }
  return names;
}

/** The response columns of a step's table that are materialised: those `names` allows (all when undefined). */
export function materialisedColumns(step: FetchStep, names: ReadonlySet<string> | undefined): SchemaColumn[] {
  const all = visibleColumns(step.method);
  return names ? all.filter((c) => names.has(c.name.toLowerCase())) : all;
}
