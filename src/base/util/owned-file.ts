import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The text of `path` when only this user could have written it: a regular file (not followed
 * through a link), owned by this user, and writable by nobody else. Undefined otherwise, or when it
 * cannot be read. The app root's caches (document slices, the V8 code cache in bin/skyql) trust
 * what they read on these terms: whoever could write such a file as this user could as well
 * change skyql itself, while a file another user planted, or one that others may write, is refused.
 * The checks are made on the open file, so the file cannot be swapped between check and read.
 */
export function readOwnedFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (process.platform !== 'win32') {
      if ((st.mode & 0o022) !== 0) return undefined;
      if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    }
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
