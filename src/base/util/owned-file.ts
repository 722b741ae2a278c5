import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

/**
 * The app root's caches (parsed documents, document slices, emulator routes, the MCP search index;
 * the V8 code cache in bin/skyql makes the same checks) hold what skyql would otherwise read from
 * verified documents, so a cache file is trusted only when this user alone could have written it:
 *
 * - the app root is this user's and writable by no one else, and the folders above it belong to this
 *   user or root and are writable by no one else (or sticky); every folder from `<approot>/cache`
 *   down to the file is a real folder (not a link) owned by this user and writable by no one else;
 *   else the cache is neither read nor written (nor any folder made);
 * - the file is a regular file (a link is not followed, a FIFO does not block the open), owned by
 *   this user, writable by no one else, checked on the open file so it cannot be swapped meanwhile;
 * - files are written to a fresh temporary name with O_EXCL (never through a planted link) and
 *   renamed into place; the temporary file is removed when anything fails.
 *
 * Whoever can write such files as this user could as well change skyql itself; anything another
 * user could have planted or changed is ignored, and the cache is made again.
 */

const CHECKS = process.platform !== 'win32';
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Owned by this user and writable by no one else. */
function ownedBy(st: Stats): boolean {
  if (!CHECKS) return true;
  if ((st.mode & 0o022) !== 0) return false;
  return typeof process.getuid !== 'function' || st.uid === process.getuid();
}

const trustedRoots = new Map<string, boolean>();

/**
 * True when the folder holding `root` (the app root) is a real folder of this user's that no one
 * else may write, and every folder above it belongs to this user or root and is writable by no one
 * else (or has the sticky bit, as /tmp): then no other user can swap any folder on the way to the
 * caches between a check and its use. Remembered per process. (Run as root on an app root a user
 * owns, the caches are not used at all.)
 */
function trustedRoot(root: string): boolean {
  let known = trustedRoots.get(root);
  if (known === undefined) {
    known = !CHECKS || trustedChain(dirname(root));
    trustedRoots.set(root, known);
  }
  return known;
}

function trustedChain(appRoot: string): boolean {
  try {
    const own = lstatSync(appRoot);
    if (!own.isDirectory() || !ownedBy(own)) return false;
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    for (let dir = dirname(appRoot); ; dir = dirname(dir)) {
      const st = statSync(dir); // an ancestor may be a link (/tmp on some systems): its target is checked
      // as OpenSSH's StrictModes: others' folders, or ones others may write (unless sticky), could be swapped
      if (st.uid !== 0 && st.uid !== uid) return false;
      if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) return false;
      if (dirname(dir) === dir) return true;
    }
  } catch {
    return false;
  }
}

/**
 * True when the app root is trusted (see trustedRoot) and `root` and every folder below it down
 * to `dir` (inside `root`) are real folders of this user's that no one else may write.
 */
export function ownedFolders(root: string, dir: string): boolean {
  return walkFolders(root, dir, false);
}

/**
 * Makes `dir` (0700) and the folders between `root` and it, one at a time, each checked before the
 * next is made inside it (never through a link), and says whether all of them are this user's
 * alone. Nothing is made when the app root is not trusted.
 */
export function makeOwnedFolders(root: string, dir: string): boolean {
  return walkFolders(root, dir, true);
}

function walkFolders(root: string, dir: string, make: boolean): boolean {
  const rel = relative(root, dir);
  if (rel.startsWith('..') || isAbsolute(rel) || !trustedRoot(root)) return false;
  let path = root;
  for (const part of ['', ...rel.split(/[\\/]/).filter(Boolean)]) {
    path = part === '' ? path : join(path, part);
    try {
      if (make) mkdirSync(path, { mode: 0o700 });
    } catch {
      // already there (checked below), or cannot be made (the check fails)
    }
    try {
      const st = lstatSync(path);
      if (!st.isDirectory() || !ownedBy(st)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * `use(fd, stats)` on `path` opened for reading when it is a regular file only this user could
 * have written (see above), else undefined (also when it cannot be opened). The file is closed after.
 */
export function withOwnedFile<T>(path: string, use: (fd: number, st: Stats) => T): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !ownedBy(st)) return undefined;
    return use(fd, st);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The text of `path` when only this user could have written it, else undefined. */
export function readOwnedFile(path: string): string | undefined {
  return withOwnedFile(path, (fd) => readFileSync(fd, 'utf8'));
}

/**
 * Writes `data` to `path` (0600) through a new temporary file beside it, created with O_EXCL so a
 * link planted at that name is never followed, then renamed into place. Throws when it cannot;
 * the temporary file is removed then.
 */
export function writeOwnedFile(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** {@link withOwnedFile} for a cache file under `root`: undefined too unless its folders are this user's alone. */
export function withCacheFile<T>(
  root: string,
  path: string,
  use: (fd: number, st: Stats) => T,
): T | undefined {
  return ownedFolders(root, dirname(path)) ? withOwnedFile(path, use) : undefined;
}

/** The text of a cache file under `root` when it and its folders are this user's alone. */
export function readCacheFile(root: string, path: string): string | undefined {
  return withCacheFile(root, path, (fd) => readFileSync(fd, 'utf8'));
}

/**
 * Writes a cache file under `root`: its folders made as needed (each checked), then
 * {@link writeOwnedFile}. False when they are not this user's alone or the write fails: a cache
 * that cannot be kept only costs speed.
 */
export function writeCacheFile(root: string, path: string, data: string | Uint8Array): boolean {
  try {
    if (!makeOwnedFolders(root, dirname(path))) return false;
    writeOwnedFile(path, data);
    return true;
  } catch {
    return false;
  }
}
