import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCachedDocument } from '../../../../../src/core/catalog/registry/document-cache.js';
import { tempDir } from '../../../../support/temp-dir.js';

test('a cached document is parsed once per process while in use; a newer cache file is read again', () => {
  const dir = tempDir();
  const yamlPath = join(dir, 'things.yaml');
  const cachePath = join(dir, 'cache', 'things.yaml.json');
  writeFileSync(yamlPath, 'openapi: 3.0.0\ninfo: {title: Things}\n');
  const fromYaml = loadCachedDocument(yamlPath, cachePath);
  assert.deepEqual(fromYaml, { openapi: '3.0.0', info: { title: 'Things' } });
  const fromJson = loadCachedDocument(yamlPath, cachePath);
  assert.deepEqual(fromJson, fromYaml);
  assert.equal(loadCachedDocument(yamlPath, cachePath), fromJson, 'the same object, not parsed again');

  writeFileSync(cachePath, JSON.stringify({ openapi: '3.0.0', info: { title: 'Things v2' } }));
  const later = new Date(Date.now() + 60_000);
  utimesSync(cachePath, later, later);
  const changed = loadCachedDocument(yamlPath, cachePath);
  assert.deepEqual(changed, { openapi: '3.0.0', info: { title: 'Things v2' } });
  assert.equal(loadCachedDocument(yamlPath, cachePath), changed);
});
