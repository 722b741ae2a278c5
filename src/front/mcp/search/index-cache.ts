import { dirname, join } from 'node:path';
import { readCacheFile, writeCacheFile } from '../../../base/util/owned-file.js';
import { type EntryKind, entry, type IndexEntry } from './index-entry.js';

/** Bumped when what an entry holds changes, so older files are ignored. */
const FORMAT = 1;
const FILE = `search-index-v${FORMAT}.json`;
const KINDS: readonly EntryKind[] = ['service', 'resource', 'method', 'field'];

/** One saved entry: kind, fqn, summary and 1 for nested fields (the words are derived again). */
type Row = [EntryKind, string, string, 0 | 1];

/**
 * A provider's entries from `<cacheDir>/search-index-v1.json`, else built and saved there (written
 * to a temporary name and renamed, so readers never see half a file; read and written only when it
 * and its folders are this user's alone, see owned-file.ts). Without a cache folder (the
 * built-in provider) or when the file cannot be read or written, the entries are built each time.
 */
export async function cachedEntries(
  cacheDir: string,
  build: () => Promise<IndexEntry[]>,
): Promise<IndexEntry[]> {
  if (!cacheDir) return build();
  const path = join(cacheDir, FILE);
  const saved = load(dirname(cacheDir), path);
  if (saved) return saved;
  const entries = await build();
  const rows: Row[] = entries.map((e) => [e.kind, e.fqn, e.summary, e.nested ? 1 : 0]);
  writeCacheFile(dirname(cacheDir), path, JSON.stringify(rows)); // else the index is only kept in memory
  return entries;
}

function load(root: string, path: string): IndexEntry[] | undefined {
  let rows: unknown;
  try {
    rows = JSON.parse(readCacheFile(root, path) ?? '');
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  const out: IndexEntry[] = [];
  for (const r of rows) {
    if (!Array.isArray(r) || !KINDS.includes(r[0]) || typeof r[1] !== 'string' || typeof r[2] !== 'string')
      return undefined;
    out.push(entry(r[0], r[1], r[2], r[3] === 1));
  }
  return out;
}
