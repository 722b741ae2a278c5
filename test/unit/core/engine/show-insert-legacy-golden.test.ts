/**
 * SHOW [EXTENDED] INSERT goldens over the older provider layout: every
 * `test/golden/show-insert-legacy/<name>.sql` runs in a fresh session on StackQL's legacy test
 * registry (resource registers over split service documents) and must print exactly `<name>.txt`,
 * as the current-layout goldens do. `npm run golden:update` rewrites them after an intended change.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { renderError } from '../../../../src/cli/print-error.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { goldenNames, goldenTests } from '../../../support/golden-files.js';
import { LEGACY_DIR, LEGACY_VERSION, srcRegistryJson } from '../../../support/legacy-registry.js';
import { REPO_ROOT } from '../../../support/paths.js';

const DIR = join(REPO_ROOT, 'test', 'golden', 'show-insert-legacy');
// the JSON document cache goes here, never into the shared fixture
const appRoot = mkdtempSync(join(tmpdir(), 'skyql-show-insert-legacy-'));
after(() => rmSync(appRoot, { recursive: true, force: true }));

async function cells(sql: string): Promise<string> {
  const session = createSession({
    registry: parseRegistryConfig(srcRegistryJson(LEGACY_DIR, appRoot), appRoot),
    pins: new Map([['google', LEGACY_VERSION]]),
  });
  let text = '';
  try {
    for await (const o of session.run(sql)) {
      if (!o.ok) text += renderError(o.error, sql, false);
      else for (const row of o.result?.rows ?? []) text += String(row[0]);
    }
  } finally {
    await session.close();
  }
  return text;
}

test('legacy-layout SHOW INSERT goldens cover at least five resources in the three forms', () => {
  const names = goldenNames(DIR);
  for (const form of ['', '-extended', '-extended-required']) {
    const count = names.filter((n) => n.endsWith(`-insert${form}`)).length;
    assert.ok(count >= 5, `${count} goldens of SHOW${form.replaceAll('-', ' ').toUpperCase()} INSERT`);
  }
});

goldenTests(DIR, 'txt', cells);
