import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folders of open stores, removed at process exit if their store was not closed. */
const open = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const dir of open) rmSync(dir, { recursive: true, force: true });
  open.clear();
}

/**
 * A new private folder for one session's database file: under the system temp folder, readable by
 * this user only (mkdtemp creates it with mode 0700). It is removed by {@link removeStoreFolder},
 * and at the latest when the process exits normally (a killed process leaves it for the system's
 * temp cleaning).
 */
export function createStoreFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-session-'));
  open.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
  }
  return dir;
}

/** Removes a folder made by {@link createStoreFolder} and what is in it. */
export function removeStoreFolder(dir: string): void {
  open.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}
