import { SkyqlError } from '../../base/errors/skyql-error.js';
import { Lexer } from '../sql/lexer/lexer.js';
import type { Token } from '../sql/lexer/token.js';

/** Words that reach outside the in-memory database (files, other databases) wherever they appear. */
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

function wordOf(t: Token): string | undefined {
  if (t.kind === 'keyword' || t.kind === 'ident' || t.kind === 'quotedIdent') return t.value.toUpperCase();
  return undefined;
}

function refuse(t: Token, what: string): SkyqlError {
  return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed (line ${t.line}, column ${t.column})`, {
    hint: 'skyql runs local SQL in a private in-memory database; it cannot reach files or load code',
    position: { line: t.line, column: t.column, offset: t.start },
  });
}

/**
 * Refuses SQL that could reach the host through the embedded SQLite before SQLite sees it: ATTACH,
 * DETACH, VACUUM (INTO), PRAGMA statements, CREATE VIRTUAL TABLE, and functions that load
 * extensions or read and write files (`load_extension`, `readfile`, `writefile`, …), also when
 * called through a quoted name. Checked on tokens, so words inside string literals and comments
 * are fine. Read-only pragma functions (`pragma_table_info(...)`) stay allowed.
 * Throws FORBIDDEN_SQL.
 */
export function assertSafeSql(text: string): void {
  const lexer = new Lexer(text, { tolerant: true });
  let previous: string | undefined;
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) {
    const word = wordOf(t);
    const bare = t.kind !== 'quotedIdent';
    if (word !== undefined) {
      if (bare && FORBIDDEN_WORDS.has(word)) throw refuse(t, word);
      if (FORBIDDEN_FUNCTIONS.has(word)) throw refuse(t, `the function ${t.value}()`);
      if (bare && word === 'VIRTUAL' && previous === 'CREATE') throw refuse(t, 'CREATE VIRTUAL TABLE');
    }
    previous = word;
  }
}
