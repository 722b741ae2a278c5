/**
 * SHOW [EXTENDED] INSERT goldens: every `test/golden/show-insert/<name>.sql` runs in a fresh session
 * on the mirrored Google provider (v25.07.00000) and must print exactly `<name>.txt`: the
 * `insert_statement` cell of each statement as it is (StackQL's text, byte for byte), or the error
 * as the CLI prints it. `npm run golden:update` rewrites them after an intended change.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { renderError } from '../../../../src/cli/print-error.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { goldenNames, goldenTests } from '../../../support/golden-files.js';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../../../support/paths.js';

const DIR = join(REPO_ROOT, 'test', 'golden', 'show-insert');

async function cells(sql: string): Promise<string> {
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    pins: new Map([['google', 'v25.07.00000']]),
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

test('SHOW INSERT goldens cover at least five resources in the three forms', () => {
  const names = goldenNames(DIR);
  for (const form of ['', '-extended', '-extended-required']) {
    const count = names.filter((n) => n.endsWith(`-insert${form}`)).length;
    assert.ok(count >= 5, `${count} goldens of SHOW${form.replaceAll('-', ' ').toUpperCase()} INSERT`);
  }
});

goldenTests(DIR, 'txt', cells);
