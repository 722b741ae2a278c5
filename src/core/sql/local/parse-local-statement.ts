import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { TokenWalker } from '../select/token-walker.js';
import type { LocalStatement, LocalTableStatement } from './local-statement.js';

const DML_CONFLICT = new Set(['ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE']);

/** Reads a dotted name at i: its parts and the index after it. */
function dottedName(w: TokenWalker, i: number): { parts: string[]; after: number } {
  const parts: string[] = [];
  if (!w.isName(i)) return { parts, after: i };
  parts.push(w.name(i));
  i++;
  while (w.is(i, '.') && w.isName(i + 1)) {
    parts.push(w.name(i + 1));
    i += 2;
  }
  return { parts, after: i };
}

function bad(text: string, expected: string): SkyqlError {
  return new SkyqlError('PARSE_ERROR', `expected ${expected} in '${text.slice(0, 60)}'`, {
    hint: 'CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS SELECT ...',
  });
}

function viewStatement(w: TokenWalker, text: string): LocalStatement | undefined {
  let i = 1;
  const orReplace = w.word(i) === 'OR' && w.word(i + 1) === 'REPLACE';
  if (orReplace) i += 2;
  const materialized = w.word(i) === 'MATERIALIZED';
  if (materialized) i++;
  if (w.word(i) !== 'VIEW') return undefined;
  const { parts, after } = dottedName(w, i + 1);
  if (parts.length !== 1) throw bad(text, 'a one-part view name');
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
  if (what === 'TABLE') return parts.length === 1 ? local('DROP', parts[0], text) : undefined;
  if (parts.length !== 1) throw bad(text, 'a one-part view name');
  return { kind: 'dropView', name: parts[0], materialized, ifExists };
}

function local(
  verb: LocalTableStatement['verb'],
  table: string,
  text: string,
  w?: TokenWalker,
  queryAt?: number,
): LocalTableStatement {
  if (w === undefined || queryAt === undefined || queryAt >= w.length)
    return { kind: 'localTable', verb, table, text };
  const start = w.start(queryAt);
  return {
    kind: 'localTable',
    verb,
    table,
    text,
    query: { text: text.slice(start), head: text.slice(0, start) },
  };
}

function createTable(w: TokenWalker, text: string): LocalStatement | undefined {
  let i = 1;
  if (w.word(i) === 'TEMP' || w.word(i) === 'TEMPORARY') i++;
  if (w.word(i) !== 'TABLE') return undefined;
  i++;
  if (w.word(i) === 'IF' && w.word(i + 1) === 'NOT' && w.word(i + 2) === 'EXISTS') i += 3;
  const { parts, after } = dottedName(w, i);
  if (parts.length !== 1) return undefined;
  return local('CREATE', parts[0], text, w, w.word(after) === 'AS' ? after + 1 : undefined);
}

function insertStatement(
  w: TokenWalker,
  text: string,
  verb: 'INSERT' | 'REPLACE',
): LocalStatement | undefined {
  let i = 1;
  if (w.word(i) === 'OR' && DML_CONFLICT.has(w.word(i + 1))) i += 2;
  if (w.word(i) === 'IGNORE') i++;
  if (w.word(i) === 'INTO') i++;
  const { parts, after } = dottedName(w, i);
  if (parts.length !== 1) return undefined;
  let j = after;
  if (w.word(j) === 'AS' && w.isName(j + 1)) j += 2;
  if (w.is(j, '(')) j = w.skip(j);
  const isQuery = w.word(j) === 'SELECT' || w.word(j) === 'WITH';
  return local(verb, parts[0], text, w, isQuery ? j : undefined);
}

/**
 * Recognises the statements a session handles itself (views, materialized views, one-part local
 * tables) from a statement's text. Returns undefined for anything else, including INSERT, UPDATE
 * and DELETE on three-part provider tables, which the mutation executor handles.
 * Throws PARSE_ERROR for a malformed view statement.
 */
export function parseLocalStatement(text: string): LocalStatement | undefined {
  const w = new TokenWalker(text);
  switch (w.word(0)) {
    case 'CREATE':
      return viewStatement(w, text) ?? createTable(w, text);
    case 'DROP':
      return dropStatement(w, text);
    case 'REFRESH': {
      if (w.word(1) !== 'MATERIALIZED' || w.word(2) !== 'VIEW')
        throw bad(text, 'REFRESH MATERIALIZED VIEW name');
      const { parts } = dottedName(w, 3);
      if (parts.length !== 1) throw bad(text, 'a one-part view name');
      return { kind: 'refreshView', name: parts[0] };
    }
    case 'INSERT':
    case 'REPLACE':
      return insertStatement(w, text, w.word(0) as 'INSERT' | 'REPLACE');
    case 'UPDATE': {
      let i = 1;
      if (w.word(i) === 'OR' && DML_CONFLICT.has(w.word(i + 1))) i += 2;
      const { parts } = dottedName(w, i);
      return parts.length === 1 ? local('UPDATE', parts[0], text) : undefined;
    }
    case 'DELETE': {
      const { parts } = dottedName(w, w.word(1) === 'FROM' ? 2 : 1);
      return parts.length === 1 ? local('DELETE', parts[0], text) : undefined;
    }
    default:
      return undefined;
  }
}
