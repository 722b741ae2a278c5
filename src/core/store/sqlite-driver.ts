import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { registerStackqlFunctions } from './stackql-functions.js';

let driver: typeof BetterSqlite3 | undefined;

/** better-sqlite3, loaded on first use: most metadata statements never need SQLite, and start-up time matters. */
export function sqliteDriver(): typeof BetterSqlite3 {
  driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return driver;
}

/**
 * Opens a session file read-only for user queries, with StackQL's functions. Reads go through a
 * memory map: with the writer's 16 KiB pages this makes a file as fast to load and scan as an
 * in-memory database (measured: 100k rows loaded and counted in the same CPU time).
 */
export function openReader(file: string): BetterSqlite3.Database {
  const db = new (sqliteDriver())(file, { readonly: true, fileMustExist: true });
  db.pragma('mmap_size = 1073741824');
  registerStackqlFunctions(db);
  return db;
}

/** Opens (creating) a session file for skyql's own writes. */
export function openWriter(file: string): BetterSqlite3.Database {
  const db = new (sqliteDriver())(file);
  // A private, throw-away file: big pages, no fsync; the rollback journal in memory keeps statements atomic.
  db.pragma('page_size = 16384');
  db.pragma('cache_size = -4096'); // KiB: it only appends; readers map the file
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  return db;
}
