import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { registerStackqlFunctions } from './stackql-functions.js';

let driver: typeof BetterSqlite3 | undefined;
let addon: string | null | undefined;

/**
 * better-sqlite3, loaded on first use: most metadata statements never need SQLite, and start-up
 * time matters. Where `require` exists (the bundles in dist/) this is a plain `require`: the exec
 * bundle (dist/skyql.cjs) holds the package's JavaScript, so bin/skyql's code cache has it
 * (required from node_modules it took ~7 ms to compile at every start); elsewhere it comes from
 * node_modules.
 */
export function sqliteDriver(): typeof BetterSqlite3 {
  driver ??= (
    typeof require === 'function'
      ? require('better-sqlite3')
      : createRequire(import.meta.url)('better-sqlite3')
  ) as typeof BetterSqlite3;
  return driver;
}

/**
 * Where the compiled addon is, handed to every Database: better-sqlite3 otherwise finds it with the
 * `bindings` package, which probes a dozen paths (~2 ms) and, bundled, would look beside the
 * bundle instead of the package. Undefined (better-sqlite3's own search) if not where npm builds it.
 */
function nativeAddon(): string | undefined {
  if (addon === undefined) {
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
    const file = join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
    addon = existsSync(file) ? file : null;
  }
  return addon ?? undefined;
}

/** Opens a database with better-sqlite3 (the addon found once). */
export function openDatabase(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const nativeBinding = nativeAddon();
  return new (sqliteDriver())(file, nativeBinding ? { ...options, nativeBinding } : options);
}

/**
 * Opens a session file read-only for user queries, with StackQL's functions. Reads go through a
 * memory map: with the writer's 16 KiB pages this makes a file as fast to load and scan as an
 * in-memory database (measured: 100k rows loaded and counted in the same CPU time).
 */
export function openReader(file: string): BetterSqlite3.Database {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  db.pragma('mmap_size = 1073741824');
  registerStackqlFunctions(db);
  return db;
}

/** Opens (creating) a session file for skyql's own writes. */
export function openWriter(file: string): BetterSqlite3.Database {
  const db = openDatabase(file);
  // A private, throw-away file: big pages, no fsync; the rollback journal in memory keeps statements atomic.
  db.pragma('page_size = 16384');
  db.pragma('cache_size = -4096'); // KiB: it only appends; readers map the file
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  return db;
}
