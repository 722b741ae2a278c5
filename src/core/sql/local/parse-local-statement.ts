import type { SqlDialect } from '../dialect.js';
import { TokenWalker } from '../select/token-walker.js';
import type { CreateTableStatement, LocalStatement } from './local-statement.js';
import { bad, dottedName, textOf, unsupported } from './local-syntax.js';
import { parseDeleteRows, parseInsertRows, parseUpdateRows, tableOf } from './parse-local-rows.js';

function viewStatement(w: TokenWalker, text: string): LocalStatement | undefined {
  let i = 1;
  const orReplace = w.word(i) === 'OR' && w.word(i + 1) === 'REPLACE';
  if (orReplace) i += 2;
  const materialized = w.word(i) === 'MATERIALIZED';
  if (materialized) i++;
  if (w.word(i) !== 'VIEW') return undefined;
  const { parts, after } = dottedName(w, i + 1);
  if (parts.length !== 1) throw bad(text, 'a one-part view name', VIEW_NAME_HINT);
  if (w.word(after) !== 'AS' || after + 1 >= w.length) throw bad(text, 'AS <select>');
  return {
    kind: 'createView',
    name: parts[0],
    orReplace,
    materialized,
    query: text.slice(w.start(after + 1)),
  };
}

function dropStatement(w: TokenWalker, text: string): LocalStatement | undefined {
  let i = 1;
  const materialized = w.word(i) === 'MATERIALIZED';
  if (materialized) i++;
  const what = w.word(i);
  if (what !== 'VIEW' && what !== 'TABLE') return undefined;
  i++;
  const ifExists = w.word(i) === 'IF' && w.word(i + 1) === 'EXISTS';
  if (ifExists) i += 2;
  const { parts } = dottedName(w, i);
  if (what === 'TABLE')
    return parts.length === 1 || parts.length === 2
      ? { kind: 'localTable', verb: 'DROP', ...tableOf(parts), text, ifExists }
      : undefined;
  if (parts.length !== 1) throw bad(text, 'a one-part view name', VIEW_NAME_HINT);
  return { kind: 'dropView', name: parts[0], materialized, ifExists };
}

const CREATE_HINT = 'CREATE TABLE t (a INTEGER, b TEXT) or CREATE TABLE t AS SELECT ...';

/** Views and materialized views have one-part names (their rows go to schemata.tableSchema); tables may name a schema. */
const VIEW_NAME_HINT =
  "name it without a schema (a materialized view's table goes to schemata.tableSchema of --sqlBackend), or use CREATE TABLE schema.name AS SELECT ... for a table in another schema";

function createTable(w: TokenWalker, text: string): CreateTableStatement | undefined {
  let i = 1;
  const temporary = w.word(i) === 'TEMP' || w.word(i) === 'TEMPORARY';
  if (temporary) i++;
  if (w.word(i) !== 'TABLE') return undefined;
  i++;
  const ifNotExists = w.word(i) === 'IF' && w.word(i + 1) === 'NOT' && w.word(i + 2) === 'EXISTS';
  if (ifNotExists) i += 3;
  const { parts, after } = dottedName(w, i);
  if (parts.length !== 1 && parts.length !== 2) return undefined;
  const base = {
    kind: 'localTable',
    verb: 'CREATE',
    ...tableOf(parts),
    text,
    ifNotExists,
    strict: false,
    temporary,
  } as const;
  if (w.word(after) === 'AS' && after + 1 < w.length)
    return { ...base, query: textOf(w, text, after + 1, w.length) };
  const close = w.is(after, '(') ? w.match[after] : -1;
  if (close < 0) throw bad(text, '(column definitions) or AS <select>', CREATE_HINT);
  const options = textOf(w, text, close + 1, w.length)
    .toUpperCase()
    .replace(/\s+/g, ' ');
  if (/WITHOUT ROWID/.test(options))
    throw unsupported('WITHOUT ROWID', 'drop WITHOUT ROWID: local tables are small and session-private');
  if (options !== '' && options !== 'STRICT')
    throw bad(text, 'STRICT or the end of the statement', CREATE_HINT);
  return { ...base, definition: textOf(w, text, after + 1, close), strict: options === 'STRICT' };
}

/**
 * Recognises the statements a session handles itself (views, materialized views, one-part local
 * tables) from a statement's text. Returns undefined for anything else, including INSERT, UPDATE
 * and DELETE on three-part provider tables, which the mutation executor handles.
 * Throws PARSE_ERROR for a malformed statement and UNSUPPORTED_STATEMENT for clauses local
 * tables do not take (RETURNING, WITHOUT ROWID, SET (a, b) = …; ON CONFLICT on SQLite: PostgreSQL's
 * is passed through).
 */
export function parseLocalStatement(
  text: string,
  dialect: SqlDialect = 'sqlite',
): LocalStatement | undefined {
  const w = TokenWalker.of(text, dialect);
  switch (w.word(0)) {
    case 'CREATE':
      return viewStatement(w, text) ?? createTable(w, text);
    case 'DROP':
      return dropStatement(w, text);
    case 'REFRESH': {
      if (w.word(1) !== 'MATERIALIZED' || w.word(2) !== 'VIEW')
        throw bad(text, 'REFRESH MATERIALIZED VIEW name');
      const { parts } = dottedName(w, 3);
      if (parts.length !== 1) throw bad(text, 'a one-part view name', VIEW_NAME_HINT);
      return { kind: 'refreshView', name: parts[0] };
    }
    case 'INSERT':
    case 'REPLACE':
      return parseInsertRows(w, text, w.word(0) as 'INSERT' | 'REPLACE', dialect);
    case 'UPDATE':
      return parseUpdateRows(w, text);
    case 'DELETE':
      return parseDeleteRows(w, text);
    default:
      return undefined;
  }
}
