import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCachedDocument } from '../../../../../src/core/catalog/registry/document-cache.js';
import { tempDir } from '../../../../support/temp-dir.js';

test('a cached document is parsed once per process while in use; a newer cache file is read again', () => {
  const dir = tempDir();
  const yamlPath = join(dir, 'things.yaml');
  const root = join(dir, 'cache');
  const cachePath = join(root, 'things.yaml.json');
  writeFileSync(yamlPath, 'openapi: 3.0.0\ninfo: {title: Things}\n');
  const fromYaml = loadCachedDocument(yamlPath, cachePath, root);
  assert.deepEqual(fromYaml, { openapi: '3.0.0', info: { title: 'Things' } });
  const fromJson = loadCachedDocument(yamlPath, cachePath, root);
  assert.deepEqual(fromJson, fromYaml);
  assert.equal(loadCachedDocument(yamlPath, cachePath, root), fromJson, 'the same object, not parsed again');

  writeFileSync(cachePath, JSON.stringify({ openapi: '3.0.0', info: { title: 'Things v2' } }));
  const later = new Date(Date.now() + 60_000);
  utimesSync(cachePath, later, later);
  const changed = loadCachedDocument(yamlPath, cachePath, root);
  assert.deepEqual(changed, { openapi: '3.0.0', info: { title: 'Things v2' } });
  assert.equal(loadCachedDocument(yamlPath, cachePath, root), changed);
});

test('a JSON copy another user could have planted is not used: the (verified) YAML is read, the copy made again', {
  skip: process.platform === 'win32' && 'POSIX owners and modes',
}, () => {
  const dir = tempDir();
  const yamlPath = join(dir, 'things.yaml');
  const root = join(dir, 'cache');
  const folder = join(root, 'google-v1-pulled');
  const cachePath = join(folder, 'things.yaml.json');
  writeFileSync(yamlPath, 'openapi: 3.0.0\ninfo: {title: Things}\n');
  let verified = 0;
  const verify = () => void verified++;
  const load = () => loadCachedDocument(yamlPath, cachePath, root, verify) as { info: { title: string } };
  const later = new Date(Date.now() + 60_000);
  const plant = (mode = 0o600) => {
    rmSync(cachePath, { force: true });
    writeFileSync(cachePath, JSON.stringify({ info: { title: 'PLANTED' } }), { mode });
    chmodSync(cachePath, mode);
    utimesSync(cachePath, later, later);
  };
  assert.equal(load().info.title, 'Things');
  assert.equal(statSync(cachePath).mode & 0o777, 0o600);
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  // writable by others
  plant(0o666);
  assert.equal(load().info.title, 'Things');
  assert.equal(statSync(cachePath).mode & 0o777, 0o600, 'made again, private');
  // a link, even to a file of this user's
  const elsewhere = join(dir, 'elsewhere.json');
  writeFileSync(elsewhere, JSON.stringify({ info: { title: 'PLANTED' } }), { mode: 0o600 });
  rmSync(cachePath);
  symlinkSync(elsewhere, cachePath);
  assert.equal(load().info.title, 'Things');
  // a folder others may write: neither read nor written
  plant();
  chmodSync(folder, 0o777);
  const before = verified;
  assert.equal(load().info.title, 'Things');
  assert.equal(verified, before + 1, 'the YAML was verified and read');
  assert.equal(readFileSync(cachePath, 'utf8').includes('PLANTED'), true, 'nothing written there');
  chmodSync(folder, 0o700);
  // a FIFO does not hang the open
  rmSync(cachePath);
  execFileSync('mkfifo', [cachePath]);
  assert.equal(load().info.title, 'Things');
  // another user's file (only root can make one here)
  if (process.getuid?.() === 0) {
    plant();
    chownSync(cachePath, 4242, 4242);
    assert.equal(load().info.title, 'Things');
    assert.equal(statSync(cachePath).uid, 0);
  }
});
