import type { SqlDialect } from '../../../core/sql/dialect.js';
import { Lexer } from '../../../core/sql/lexer/lexer.js';
import type { Token } from '../../../core/sql/lexer/token.js';

/** Functions that only make sense against the PostgreSQL catalog emulation. */
const CATALOG_FUNCTIONS = new Set([
  'version',
  'current_schema',
  'current_database',
  'current_catalog',
  'current_user',
  'session_user',
  'current_role',
  'current_setting',
  'has_table_privilege',
  'has_schema_privilege',
  'has_database_privilege',
  'obj_description',
  'col_description',
  'format_type',
  'quote_ident',
]);

/** Keywords PostgreSQL allows without parentheses that are function calls here. */
const BARE_FUNCTIONS = new Set([
  'current_user',
  'session_user',
  'current_role',
  'current_schema',
  'current_catalog',
]);

function tokens(sql: string, dialect: SqlDialect = 'sqlite'): Token[] {
  const out: Token[] = [];
  const lexer = new Lexer(sql, { tolerant: true, dialect });
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) out.push(t);
  return out;
}

const lower = (t: Token | undefined) =>
  t && (t.kind === 'ident' || t.kind === 'keyword') ? t.text.toLowerCase() : '';

/** How a query (the only statements that can read the catalog) starts. */
const QUERY_VERBS = new Set(['select', 'with', 'values', 'table']);

/**
 * True when a query reads the PostgreSQL catalog rather than providers: it names a `pg_*`
 * relation or function, `information_schema`, or a catalog function such as `version()` or
 * `current_schema`. Such statements run against the emulated catalog in the session's SQLite (or
 * PostgreSQL's own). Over PostgreSQL, other statements (`CREATE TABLE t AS SELECT pg_sleep(1)`) are the engine's.
 * `dialect`: the session's, whose comments and strings hide a name.
 */
export function isCatalogQuery(sql: string, dialect: SqlDialect = 'sqlite'): boolean {
  const ts = tokens(sql, dialect);
  // on PostgreSQL only: there the catalog is real and other statements are the engine's; the
  // emulated catalog (SQLite) refuses them itself, with the guard's FORBIDDEN_SQL
  if (dialect === 'postgres' && !QUERY_VERBS.has(lower(ts[0]))) return false;
  return ts.some((t, i) => {
    const w = lower(t);
    if (w.startsWith('pg_') || w === 'information_schema') return true;
    if (BARE_FUNCTIONS.has(w)) return true;
    return CATALOG_FUNCTIONS.has(w) && ts[i + 1]?.text === '(' && ts[i - 1]?.text !== '.';
  });
}

/**
 * Rewrites PostgreSQL catalog SQL into SQLite over the emulated catalog: drops `pg_catalog.`
 * qualifiers and `COLLATE pg_catalog.default`, maps `information_schema.x` to the table
 * `"information_schema.x"`, regex operators (`~`, `~*`, `!~`, `OPERATOR(pg_catalog.~)`) to REGEXP,
 * and bare `current_user`-style keywords to calls. (Casts are removed earlier.)
 */
export function rewriteCatalogQuery(sql: string): string {
  const ts = tokens(sql);
  let out = '';
  let pos = 0;
  const edit = (start: number, end: number, text: string) => {
    out += sql.slice(pos, start) + text;
    pos = end;
  };
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    const w = lower(t);
    if (w === 'collate' && lower(ts[i + 1]) === 'pg_catalog' && ts[i + 2]?.text === '.') {
      edit(t.start, ts[i + 3]?.end ?? ts[i + 2].end, '');
      i += 3;
    } else if (w === 'operator' && ts[i + 1]?.text === '(') {
      let j = i + 2;
      let op = '';
      while (j < ts.length && ts[j].text !== ')') {
        if (ts[j].kind === 'operator' || ts[j].kind === 'punct') op += ts[j].text === '.' ? '' : ts[j].text;
        j++;
      }
      edit(t.start, ts[j]?.end ?? t.end, regexOperator(op) ?? op);
      i = j;
    } else if ((w === 'pg_catalog' || w === 'information_schema') && ts[i + 1]?.text === '.' && ts[i + 2]) {
      const next = ts[i + 2];
      const name = next.kind === 'quotedIdent' ? next.value : next.text;
      edit(t.start, ts[i + 2].end, w === 'pg_catalog' ? name : `"information_schema.${name.toLowerCase()}"`);
      i += 2;
    } else if (t.text === '!' && ts[i + 1]?.text.startsWith('~')) {
      const star = ts[i + 2]?.text === '*' && ts[i + 2].start === ts[i + 1].end;
      edit(t.start, (star ? ts[i + 2] : ts[i + 1]).end, ' NOT REGEXP ');
      i += star ? 2 : 1;
    } else if (t.text === '~' || t.text === '~*') {
      const star = ts[i + 1]?.text === '*' && ts[i + 1].start === t.end;
      edit(t.start, (star ? ts[i + 1] : t).end, ' REGEXP ');
      if (star) i++;
    } else if (
      t.text === '=' &&
      (lower(ts[i + 1]) === 'any' || lower(ts[i + 1]) === 'some') &&
      ts[i + 2]?.text === '('
    ) {
      edit(t.start, ts[i + 1].end, ' IN '); // x = ANY (list) → x IN (list)
      i++;
    } else if (w === 'array' && ts[i + 1]?.text === '(' && lower(ts[i + 2]) === 'select') {
      edit(t.start, t.end, ''); // ARRAY(SELECT ...) → a scalar subquery
    } else if (BARE_FUNCTIONS.has(w) && ts[i + 1]?.text !== '(' && ts[i - 1]?.text !== '.') {
      edit(t.start, t.end, `${w}()`);
    }
  }
  return out + sql.slice(pos);
}

function regexOperator(op: string): string | undefined {
  if (op.endsWith('!~') || op.endsWith('!~*')) return ' NOT REGEXP ';
  if (op.endsWith('~') || op.endsWith('~*')) return ' REGEXP ';
  return undefined;
}
