import { SkyqlError } from '../../base/errors/skyql-error.js';
import { LineMap, type SourceOrigin } from '../sql/lexer/line-map.js';
import { type SqliteToken, sqliteTokens } from './sqlite-tokens.js';

/** Words that reach outside the session database (files, other databases, settings) wherever they appear. */
const FORBIDDEN_WORDS = new Set(['ATTACH', 'DETACH', 'VACUUM', 'PRAGMA']);

/** Functions that load code or read/write host files (core SQLite or common extensions). */
const FORBIDDEN_FUNCTIONS = new Set([
  'LOAD_EXTENSION',
  'READFILE',
  'WRITEFILE',
  'EDIT',
  'LSDIR',
  'FSDIR',
  'ZIPFILE',
  'ZIPFILE_CDS',
  'SQLAR_COMPRESS',
  'SQLAR_UNCOMPRESS',
  'FTS3_TOKENIZER',
  'SHELL_ESCAPE_CRNL',
]);

/** The statements user SQL may be: queries. */
const READ_VERBS = new Set(['SELECT', 'WITH', 'VALUES']);

const HINT =
  'skyql runs local SQL read-only in a private session database; it cannot reach files or load code';

/** FORBIDDEN_SQL; positioned when `origin` places the text in the user's source (not after rewrites). */
function refuse(
  sql: string,
  at: number,
  what: string,
  hint: string,
  origin: SourceOrigin | undefined,
): SkyqlError {
  if (!origin) return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed`, { hint });
  const position = new LineMap(sql, origin).positionAt(at);
  return new SkyqlError(
    'FORBIDDEN_SQL',
    `${what} is not allowed (line ${position.line}, column ${position.column})`,
    { hint, position },
  );
}

/**
 * Refuses SQL that could reach the host through the embedded SQLite: ATTACH, DETACH, VACUUM (INTO),
 * PRAGMA, CREATE VIRTUAL TABLE, functions that load extensions or read and write files
 * (`load_extension`, `readfile`, `writefile`, …, also called through a quoted name), and NUL
 * characters (SQLite stops reading at one). Checked on the tokens SQLite itself will see
 * ({@link sqliteTokens}), so it must run on exactly the text that is prepared, after every rewrite;
 * words inside string literals and comments are fine. `origin` places `sql` in the user's source
 * (START_OF_SOURCE when it is the whole of it) for the error's position; without it (rewritten
 * text) errors carry none. Throws FORBIDDEN_SQL.
 */
export function assertSafeSql(sql: string, origin?: SourceOrigin): void {
  checkTokens(sql, sqliteTokens(sql), origin);
}

function checkTokens(sql: string, tokens: readonly SqliteToken[], origin: SourceOrigin | undefined): void {
  let previous: SqliteToken | undefined;
  const no = (t: SqliteToken, what: string) => refuse(sql, t.start, what, HINT, origin);
  // anywhere, string literals included: SQLite would stop reading at it and run a truncated text
  const nul = sql.indexOf('\0');
  if (nul >= 0) throw refuse(sql, nul, 'a NUL character', HINT, origin);
  for (const t of tokens) {
    const name = t.kind === 'word' ? t.value : t.kind === 'quoted' ? t.value.toUpperCase() : undefined;
    if (name !== undefined) {
      if (t.kind === 'word' && FORBIDDEN_WORDS.has(name)) throw no(t, name);
      if (FORBIDDEN_FUNCTIONS.has(name)) throw no(t, `the function ${name.toLowerCase()}()`);
      if (t.kind === 'word' && name === 'VIRTUAL' && previous?.value === 'CREATE')
        throw no(t, 'CREATE VIRTUAL TABLE');
    }
    previous = t;
  }
}

/**
 * Refuses text that is not a single query: its first SQLite token must be SELECT, WITH or VALUES
 * (the prepared statement is checked again: it must read and must not write). Also applies
 * {@link assertSafeSql}. The text is usually a rewrite of the user's, so errors carry no position.
 * Throws FORBIDDEN_SQL.
 */
export function assertReadSql(sql: string): void {
  const tokens = sqliteTokens(sql);
  checkTokens(sql, tokens, undefined);
  const first = tokens[0];
  if (first === undefined || first.kind !== 'word' || !READ_VERBS.has(first.value)) {
    const what = first ? `'${sql.slice(first.start, first.end)}'` : 'an empty statement';
    throw refuse(sql, 0, what, 'only a query (SELECT, WITH or VALUES) runs on local data here', undefined);
  }
}
