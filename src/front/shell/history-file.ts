import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Lines kept in the history file at most. */
export const HISTORY_SIZE = 1000;

/** Reads a history file (oldest line first) into readline's order (newest first); [] if missing. */
export function loadHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/** Writes readline's history (newest first) to `path`, oldest line first; errors are ignored. */
export function saveHistory(path: string, history: readonly string[]): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const lines = history.slice(0, HISTORY_SIZE).reverse();
    writeFileSync(path, lines.length > 0 ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
  } catch {
    // history is a convenience: a read-only app root must not break the shell
  }
}
