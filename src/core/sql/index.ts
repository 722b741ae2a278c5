/**
 * The SQL front end: a lexer with exact source positions, a statement splitter, and structural
 * parsers for skyql's own statements. Other statements are recognised by verb and kept as text for
 * later stages (their local SQL is run by SQLite).
 */
export * from './ast/statement.js';
export { excerpt } from './error-excerpt.js';
export { KEYWORDS } from './lexer/keywords.js';
export { Lexer, type LexerOptions, tokenize } from './lexer/lexer.js';
export { LineMap, positionInSource, type SourceOrigin, START_OF_SOURCE } from './lexer/line-map.js';
export {
  describeToken,
  type HintToken,
  isKeyword,
  isNameToken,
  isSymbol,
  nameOf,
  type Token,
  type TokenKind,
  type ValueToken,
} from './lexer/token.js';
export { parseScript, type ScriptEntry } from './parser/parse-script.js';
export { parseStatement, type StatementInput } from './parser/parse-statement.js';
export { type StatementSource, splitStatements } from './split-statements.js';
