import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { CompletionNames } from '../../../../src/core/engine/completion-names.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

test('completion offers the built-in provider skyql, its service, tables, method and columns', async () => {
  const session = createSession({ registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT) });
  try {
    const names = new CompletionNames(session);
    assert.ok(names.providers().includes('skyql'));
    assert.deepEqual(await names.children(['skyql']), ['org']);
    assert.deepEqual((await names.children(['skyql', 'org'])).sort(), ['folders', 'projects']);
    assert.deepEqual(await names.children(['skyql', 'org', 'projects']), ['descend']);
    const columns = await names.columns(['skyql', 'org', 'projects']);
    for (const c of ['projectId', 'depth', 'path']) assert.ok(columns.includes(c), c);
  } finally {
    await session.close();
  }
});
