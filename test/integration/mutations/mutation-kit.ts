import assert from 'node:assert/strict';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import type { Session } from '../../../src/core/engine/session.js';
import { parseStatement } from '../../../src/core/sql/parser/parse-statement.js';
import type { RunningEmulator } from '../../../src/tools/emulator/server/emulator-server.js';
import type { LogEntry } from '../../../src/tools/emulator/server/request-log.js';
import { emulatorSession } from '../../support/emulator-session.js';

/** A session against the emulator whose AWAIT polls every few milliseconds. */
export function mutationSession(emu: RunningEmulator, keyPath: string, extra: Record<string, unknown> = {}) {
  return emulatorSession(emu, keyPath, {
    await: { initialDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 },
    ...extra,
  });
}

/** Runs one statement. */
export function run(session: Session, sql: string): Promise<ResultSet | undefined> {
  return session.execute(parseStatement(sql));
}

/** The API requests (not token requests) the emulator received while `fn` ran. */
export async function requestsDuring(emu: RunningEmulator, fn: () => Promise<unknown>): Promise<LogEntry[]> {
  const before = emu.log.entries().at(-1)?.seq ?? 0;
  await fn();
  return emu.log.entries().filter((e) => e.seq > before && !e.url.startsWith('/oauth2.googleapis.com/'));
}

/** `METHOD path?query` of log entries, without the host prefix. */
export function lines(entries: readonly LogEntry[]): string[] {
  return entries.map((e) => `${e.method} ${e.url.replace(/^\/[^/]+/, '')}`);
}

/** A result as plain objects (column → cell). */
export function objects(result: ResultSet | undefined): Record<string, unknown>[] {
  assert.ok(result, 'expected a result set');
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

/** The parsed JSON request body of a log entry. */
export function body(entry: LogEntry): unknown {
  assert.ok(entry.requestBody !== undefined, `${entry.method} ${entry.url} has no body`);
  return JSON.parse(entry.requestBody);
}
