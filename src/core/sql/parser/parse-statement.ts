import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { closestNames } from '../../../base/util/did-you-mean.js';
import { OTHER_VERBS, type OtherVerb } from '../ast/other-statement.js';
import type { Statement } from '../ast/statement.js';
import { SUPPORTED_VERBS } from '../ast/statement-verbs.js';
import type { SqlDialect } from '../dialect.js';
import { tokenize } from '../lexer/lexer.js';
import { positionInSource, type SourceOrigin, START_OF_SOURCE } from '../lexer/line-map.js';
import { isSymbol, type Token } from '../lexer/token.js';
import type { StatementSource } from '../split-statements.js';
import { assertStatementSize, DEFAULT_MAX_STATEMENT_BYTES } from '../statement-size.js';
import { parseDescribe } from './parse-describe.js';
import { syntaxError } from './parse-error.js';
import { parseExec } from './parse-exec.js';
import { parseDelete, parseInsert, parseUpdate, targetsProviderResource } from './parse-mutation.js';
import { parseOther } from './parse-other.js';
import { parseRegistry } from './parse-registry.js';
import { parseShow } from './parse-show.js';
import { TokenCursor } from './token-cursor.js';

/** A statement to parse: its text and where it starts in the full source (line/column optional). */
export type StatementInput = Pick<StatementSource, 'text' | 'start'> &
  Partial<Pick<StatementSource, 'line' | 'column'>>;

/**
 * Parses one statement. `stmt` is either a string holding one statement (a trailing `;` is allowed;
 * positions count from its start) or a piece of a script as returned by `splitStatements`, whose
 * offsets and lines are those of the whole script. When `stmt` has no line/column, they are derived
 * from `fullSource` (the script it was cut from), else taken as line 1, column 1. `dialect` is the
 * local SQL's (default SQLite's).
 *
 * SHOW, DESCRIBE, REGISTRY and EXEC statements, INSERT/UPDATE/REPLACE/DELETE on a provider
 * resource (a three-part name) and EXPLAIN of any of them are parsed fully; the other verbs in `OTHER_VERBS` give an
 * `OtherStatement` for later stages. The node's `text`/`start` span its first to last token.
 * Throws a PARSE_ERROR {@link SkyqlError} (with `position`) for bad syntax, an empty statement or an
 * unknown verb; STATEMENT_TOO_LARGE, before lexing, for a text over `maxStatementBytes`.
 */
export function parseStatement(
  stmt: StatementInput | string,
  fullSource?: string,
  dialect: SqlDialect = 'sqlite',
  maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES,
): Statement {
  const input = typeof stmt === 'string' ? { text: stmt, start: 0 } : stmt;
  const origin = originOf(input, fullSource);
  assertStatementSize(input.text, maxStatementBytes, origin);
  const tokens = withoutTrailingSemicolons(tokenize(input.text, origin, dialect));
  const first = tokens[0];
  const last = tokens[tokens.length - 2] ?? first;
  if (first.kind === 'eof') {
    throw new SkyqlError('PARSE_ERROR', `empty statement at line ${origin.line}, column ${origin.column}`, {
      position: origin,
      hint: 'write a statement such as SHOW PROVIDERS',
    });
  }
  const stray = tokens.find((t) => isSymbol(t, ';'));
  if (stray)
    throw syntaxError(
      stray,
      `expected end of statement, found ';'`,
      'parse one statement at a time, or use parseScript',
    );
  const text = input.text.slice(first.start - origin.offset, last.end - origin.offset);
  return dispatch(new TokenCursor(tokens, { text, start: first.start }));
}

function dispatch(c: TokenCursor): Statement {
  const verb = c.peek();
  if (verb.kind === 'keyword') {
    if (verb.value === 'SHOW') return parseShow(c);
    if (verb.value === 'DESCRIBE' || verb.value === 'DESC') return parseDescribe(c);
    if (verb.value === 'REGISTRY') return parseRegistry(c);
    if (verb.value === 'EXEC') return parseExec(c);
    if (verb.value === 'EXPLAIN') return parseExplain(c);
    if (MUTATION_VERBS.has(verb.value) && targetsProviderResource(c)) return parseMutation(c, verb.value);
    if ((OTHER_VERBS as readonly string[]).includes(verb.value))
      return parseOther(c, verb.value as OtherVerb);
  }
  throw unknownStatement(verb);
}

/** `EXPLAIN <statement>`: the statement after EXPLAIN is parsed as if it stood alone. */
function parseExplain(c: TokenCursor): Statement {
  c.next();
  if (c.atEnd())
    c.fail('a statement after EXPLAIN', 'e.g. EXPLAIN SELECT name FROM google.compute.instances ...');
  return { kind: 'explain', statement: dispatch(c.rest()), ...c.base };
}

/** Verbs that become mutation nodes when they target a provider resource (else local SQL). */
const MUTATION_VERBS = new Set(['INSERT', 'UPDATE', 'REPLACE', 'DELETE']);

function parseMutation(c: TokenCursor, verb: string): Statement {
  if (verb === 'INSERT') return parseInsert(c);
  if (verb === 'DELETE') return parseDelete(c);
  return parseUpdate(c, verb as 'UPDATE' | 'REPLACE');
}

function unknownStatement(verb: Token): SkyqlError {
  const word = verb.kind === 'ident' || verb.kind === 'keyword' ? verb.text : '';
  const close = word ? closestNames(word.toUpperCase(), SUPPORTED_VERBS, 1) : [];
  const guess = close.length > 0 ? `did you mean ${close[0]}? ` : '';
  return syntaxError(
    verb,
    `unknown statement '${verb.text}'`,
    `${guess}supported statements: ${SUPPORTED_VERBS.join(', ')}`,
  );
}

function originOf(input: StatementInput, fullSource: string | undefined): SourceOrigin {
  if (input.line !== undefined && input.column !== undefined) {
    return { line: input.line, column: input.column, offset: input.start };
  }
  if (fullSource !== undefined) return positionInSource(fullSource, input.start);
  return { ...START_OF_SOURCE, offset: input.start };
}

/** Drops `;` tokens just before `eof`, keeping `eof`. */
function withoutTrailingSemicolons(tokens: readonly Token[]): readonly Token[] {
  let end = tokens.length - 1;
  while (end > 0 && isSymbol(tokens[end - 1], ';')) end--;
  return end === tokens.length - 1 ? tokens : [...tokens.slice(0, end), tokens[tokens.length - 1]];
}
