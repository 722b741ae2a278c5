import type { TextEdit } from './apply-edits.js';
import { TokenWalker } from './token-walker.js';

/** PostgreSQL type names (lower case, first word) → the SQLite CAST type with the same meaning. */
const SQLITE_TYPE: ReadonlyMap<string, string> = new Map([
  ...['text', 'varchar', 'char', 'character', 'bpchar', 'string', 'name', 'uuid', 'citext'].map(
    (t) => [t, 'TEXT'] as const,
  ),
  ...['int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint'].map((t) => [t, 'INTEGER'] as const),
  ...['real', 'float', 'float4', 'float8', 'double'].map((t) => [t, 'REAL'] as const),
  ...['numeric', 'decimal'].map((t) => [t, 'NUMERIC'] as const),
]);

/** Words that may follow a type's first word: `double precision`, `timestamp with time zone`. */
const TYPE_TAIL = new Set(['PRECISION', 'VARYING', 'WITH', 'WITHOUT', 'TIME', 'ZONE']);

/** Keywords that can name a function before `(`; any plain identifier can too. */
const FUNCTION_KEYWORDS = new Set(['REPLACE', 'LEFT', 'RIGHT']);

/** Index of the first token of the operand ending at token `k`, or undefined when unclear. */
function operandStart(
  w: TokenWalker,
  k: number,
  castStarts: ReadonlyMap<number, number>,
): number | undefined {
  const chained = castStarts.get(k);
  if (chained !== undefined) return chained;
  const t = w.tokens[k];
  if (!t) return undefined;
  if (w.is(k, ')')) {
    const open = w.match[k];
    if (open < 0) return undefined;
    const fn = w.tokens[open - 1];
    const isFn =
      fn !== undefined &&
      (fn.kind === 'ident' || fn.kind === 'quotedIdent' || FUNCTION_KEYWORDS.has(w.word(open - 1)));
    return isFn ? open - 1 : open;
  }
  if (w.word(k) === 'END') {
    let depth = 0;
    for (let i = k; i >= 0; i--) {
      if (w.word(i) === 'END') depth++;
      else if (w.word(i) === 'CASE' && --depth === 0) return i;
    }
    return undefined;
  }
  if (t.kind === 'string' || t.kind === 'number') return k;
  if (t.kind === 'ident' || t.kind === 'quotedIdent') {
    let s = k;
    while (w.is(s - 1, '.') && w.isName(s - 2)) s -= 2;
    return s;
  }
  return undefined;
}

/** Index after the type name that starts at token i (`varchar(10)`, `double precision`, `text[]`). */
function typeEnd(w: TokenWalker, i: number): number {
  let j = i;
  if (!w.isName(j)) return j;
  j++;
  while (w.is(j, '.') && w.isName(j + 1)) j += 2;
  while (TYPE_TAIL.has(w.word(j))) j++;
  if (w.is(j, '(')) j = w.skip(j);
  while (w.tokens[j]?.text === '[]' || (w.tokens[j]?.text === '[' && w.tokens[j + 1]?.text === ']'))
    j += w.tokens[j].text === '[]' ? 1 : 2;
  return j;
}

/**
 * Edits that turn PostgreSQL casts (`expr::type`, which StackQL accepts and SQLite does not) into
 * `CAST(expr AS type)`: text, integer, real and numeric types map to SQLite's; casts to types SQLite
 * has no equivalent for (json, jsonb, boolean, timestamp, arrays…) are dropped, leaving the value as
 * stored, since SQLite's CAST would turn such text into a number. Chained casts nest. Only the cast
 * is touched (a `CAST(` insertion and the `::type` replacement), so these edits never overlap the
 * edits of {@link rewriteSelect}.
 */
export function castEdits(text: string): TextEdit[] {
  if (!text.includes('::')) return [];
  const w = TokenWalker.of(text);
  const edits: TextEdit[] = [];
  /** Last token index of a cast (its type) → first token index of its operand. */
  const castStarts = new Map<number, number>();
  for (let k = 0; k < w.length; k++) {
    if (!w.is(k, '::')) continue;
    const end = typeEnd(w, k + 1);
    if (end === k + 1) continue;
    const type = SQLITE_TYPE.get(w.tokens[k + 1].text.toLowerCase());
    const isArray = w.tokens.slice(k + 1, end).some((t) => t.text.startsWith('['));
    const start = operandStart(w, k - 1, castStarts);
    const cast = type !== undefined && !isArray && start !== undefined;
    if (cast) {
      edits.push({ start: w.start(start), end: w.start(start), text: 'CAST(' });
      castStarts.set(end - 1, start);
    } else if (start !== undefined) castStarts.set(end - 1, start);
    edits.push({ start: w.start(k), end: w.end(end - 1), text: cast ? ` AS ${type})` : '' });
    k = end - 1;
  }
  return edits;
}
