/**
 * Entry point of a runner process (forked by sql-runner-pool.ts): runs user queries on read-only
 * connections to session database files, so a query that runs long (SQLite or a regexp) can be
 * stopped by killing this process. Bundled as dist/sql-runner-child.js by scripts/build.mjs.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { toSkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import { runReadQuery } from './read-query.js';
import type { RunnerReply, RunnerRequest } from './runner-messages.js';
import { openReader } from './sqlite-driver.js';
import { type ExtraFunctions, registerExtraFunctions } from './stackql-functions.js';

/** Open connections by file, least recently used first. */
const open = new Map<string, { db: BetterSqlite3.Database; functions: string }>();
/** Sessions a runner keeps open (a wire server has up to --pgsrv.maxConnections; opening costs ~1 ms). */
const MAX_OPEN = 32;

function connection(file: string, functions: ExtraFunctions): BetterSqlite3.Database {
  const key = JSON.stringify(functions);
  let entry = open.get(file);
  if (entry) open.delete(file);
  else {
    entry = { db: openReader(file), functions: '' };
  }
  if (entry.functions !== key) {
    registerExtraFunctions(entry.db, functions);
    entry.functions = key;
  }
  open.set(file, entry);
  for (const [f, e] of open) {
    if (open.size <= MAX_OPEN) break;
    e.db.close();
    open.delete(f);
  }
  return entry.db;
}

function reply(message: RunnerReply): void {
  process.send?.(message);
}

/** A metered query's result, kept here until the pool says whether it fits its memory. */
let held: { readonly id: number; readonly result: ResultSet } | undefined;

process.on('message', (m: RunnerRequest) => {
  if (m.kind === 'forget') {
    open.get(m.file)?.db.close();
    open.delete(m.file);
    return;
  }
  if (m.kind === 'deliver') {
    const result = held?.id === m.id ? held.result : undefined;
    held = undefined;
    if (m.ok && result) reply({ id: m.id, result });
    return;
  }
  try {
    let size = 0;
    const db = connection(m.file, m.functions);
    const onRow = m.metered
      ? (bytes: number) => {
          size += bytes;
        }
      : undefined;
    const result = runReadQuery(db, m.sql, m.maxResultBytes, onRow);
    if (!m.metered) return reply({ id: m.id, result });
    held = { id: m.id, result };
    reply({ id: m.id, size });
  } catch (err) {
    const e = toSkyqlError(err);
    reply({ id: m.id, error: { code: e.code, message: e.message, hint: e.hint, position: e.position } });
  }
});
// The parent went away (exit, crash, kill): close the files; with the IPC channel gone nothing
// keeps this process alive, so it ends on its own.
process.on('disconnect', () => {
  for (const e of open.values()) e.db.close();
  open.clear();
});
reply({ id: 0, ready: true });
