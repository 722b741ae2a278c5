/**
 * Plan goldens (sqlglot style): every `test/golden/plan/<name>.sql` runs in a fresh session on the
 * mirrored Google provider (v25.07.00000) and must print exactly `<name>.explain.txt`: what
 * `skyql exec -o text --infile <name>.sql` writes, results and (as on stderr) failed statements.
 * The files exercise the planner (plan/: method selection, bindings, dependent-join order) through
 * EXPLAIN; no API may be called (the session's row source fails the test).
 *
 * After an intended change, rewrite the expected files with `npm run golden:update` (or
 * `SKYQL_GOLDEN=update node scripts/run-tests.mjs plan-golden` after a build) and review the git diff.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { renderError } from '../../../../src/cli/print-error.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import type { RowSource } from '../../../../src/core/execute/row-source.js';
import { formatResult } from '../../../../src/front/output/formatters.js';
import { goldenNames, goldenTests } from '../../../support/golden-files.js';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../../../support/paths.js';

const DIR = join(REPO_ROOT, 'test', 'golden', 'plan');

/** Everything the files print, in order; `apiCalls` counts what reached the (forbidden) row source. */
async function explainOutput(sql: string): Promise<{ text: string; apiCalls: number }> {
  let apiCalls = 0;
  const rowSource: RowSource = {
    fetch(method) {
      apiCalls++;
      return Promise.reject(new Error(`${method.resourceFqn}.${method.name} was called`));
    },
  };
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    pins: new Map([['google', 'v25.07.00000']]),
    rowSource,
  });
  let text = '';
  try {
    for await (const o of session.run(sql)) {
      if (!o.ok) text += renderError(o.error, sql, false);
      else if (o.result) text += formatResult('text', o.result);
    }
  } finally {
    await session.close();
  }
  return { text, apiCalls };
}

test('there are at least 25 plan goldens', () => {
  const count = goldenNames(DIR).length;
  assert.ok(count >= 25, `${count} goldens`);
});

goldenTests(DIR, 'explain.txt', async (sql) => {
  const { text, apiCalls } = await explainOutput(sql);
  assert.equal(apiCalls, 0, 'EXPLAIN called an API');
  return text;
});
