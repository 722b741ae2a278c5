import assert from 'node:assert/strict';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  makeOwnedFolders,
  ownedFolders,
  readOwnedFile,
  writeOwnedFile,
} from '../../../../src/base/util/owned-file.js';
import { tempDir } from '../../../support/temp-dir.js';

const posix = { skip: process.platform === 'win32' && 'POSIX owners and modes' };

test(
  "a cache folder is trusted only when it and the folders above it (to the cache root) are this user's alone",
  posix,
  () => {
    const root = join(tempDir(), 'cache');
    assert.equal(makeOwnedFolders(root, join(root, 'a', 'b')), true);
    assert.equal(statSync(join(root, 'a', 'b')).mode & 0o777, 0o700);
    assert.equal(ownedFolders(root, join(root, '..', 'elsewhere')), false, 'outside the root');
    chmodSync(join(root, 'a'), 0o777);
    assert.equal(ownedFolders(root, join(root, 'a', 'b')), false, 'a folder above it others may write');
    chmodSync(join(root, 'a'), 0o700);
    const outside = tempDir();
    symlinkSync(outside, join(root, 'linked'));
    assert.equal(ownedFolders(root, join(root, 'linked')), false, 'a link to a folder');
    assert.equal(makeOwnedFolders(root, join(root, 'linked', 'deeper')), false);
  },
);

test(
  'cache files are written through a fresh temporary file, never through a planted link, and nothing is left when it fails',
  posix,
  () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const path = join(dir, 'entry.json');
    symlinkSync(victim, path);
    writeOwnedFile(path, '{"a":1}');
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(readOwnedFile(path), '{"a":1}');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    // a folder in the way: the rename fails, and no temporary file stays behind
    const blocked = join(dir, 'blocked.json');
    mkdirSync(join(blocked, 'inside'), { recursive: true });
    assert.throws(() => writeOwnedFile(blocked, 'x'));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    // a file others may write is not read
    chmodSync(path, 0o666);
    assert.equal(readOwnedFile(path), undefined);
  },
);

test(
  "nothing is cached in an app root others could change: one others may write, or another user's",
  posix,
  () => {
    const approot = tempDir();
    const root = join(approot, 'cache');
    chmodSync(approot, 0o777);
    assert.equal(makeOwnedFolders(root, join(root, 'x')), false);
    assert.deepEqual(readdirSync(approot), [], 'no folder made');
    chmodSync(approot, 0o700);
    if (process.getuid?.() === 0) {
      // root running on a user's app root: caches off
      const users = tempDir();
      chownSync(users, 4242, 4242);
      assert.equal(makeOwnedFolders(join(users, 'cache'), join(users, 'cache', 'x')), false);
      assert.deepEqual(readdirSync(users), []);
    }
    // a trusted one (checked again from a fresh path: the answer is remembered per app root)
    const fine = tempDir();
    assert.equal(makeOwnedFolders(join(fine, 'cache'), join(fine, 'cache', 'x')), true);
  },
);
