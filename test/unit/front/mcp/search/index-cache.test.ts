import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cachedEntries } from '../../../../../src/front/mcp/search/index-cache.js';
import { entry } from '../../../../../src/front/mcp/search/index-entry.js';
import { tempDir } from '../../../../support/temp-dir.js';

test('a provider index is saved in its cache folder and read back instead of being rebuilt', async () => {
  const dir = join(tempDir(), 'cache', 'google-v1');
  let builds = 0;
  const build = async () => {
    builds++;
    return [
      entry('resource', 'google.compute.firewalls', 'Firewalls. More text.'),
      entry('field', 'google.compute.firewalls.allowed.IPProtocol', 'The protocol.', true),
    ];
  };
  const first = await cachedEntries(dir, build);
  const second = await cachedEntries(dir, build);
  assert.equal(builds, 1);
  assert.deepEqual(second, first);
  assert.deepEqual(second[1].nameStems, ['ipprotocol', 'ip', 'protocol']);
  const path = join(dir, 'search-index-v1.json');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.match(readFileSync(path, 'utf8'), /^\[\["resource","google\.compute\.firewalls","Firewalls\.",0\]/);

  writeFileSync(path, '[["table", 1]]'); // not an index: rebuilt and rewritten
  await cachedEntries(dir, build);
  assert.equal(builds, 2);
  assert.equal((await cachedEntries('', build)).length, 2, 'no cache folder: built each time');
  assert.equal(builds, 3);
});
