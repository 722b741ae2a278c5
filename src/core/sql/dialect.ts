/**
 * Which SQL the local part of a statement speaks: SQLite's (the embedded store, the default) or
 * PostgreSQL's (`--sqlBackend`). The lexer splits text by it (PostgreSQL's operators, `[ ]`,
 * `$$…$$` strings, `E'…'` strings, nested comments), so skyql passes PostgreSQL syntax through.
 */
export type SqlDialect = 'sqlite' | 'postgres';
