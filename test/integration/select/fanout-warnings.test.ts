import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emulatorSession } from '../../support/emulator-session.js';
import { startOrgEmulator } from '../../support/org-emulator.js';

const org = await startOrgEmulator({
  projects: 24,
  seed: 3,
  computeDisabled: 0,
  denied: 0,
  deleteRequested: 0,
});

test('a wide fan-out on one statement signal prints no MaxListenersExceededWarning', async () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const { session } = emulatorSession(org.emu, org.keyPath, { concurrency: 48 });
    const ids = org.projectIds.map((p) => `'${p}'`).join(', ');
    const sql = `SELECT name FROM google.compute.instances WHERE project IN (${ids}) AND zone IN ('us-central1-a', 'us-east1-b')`;
    // the abort signal is shared by every request of the statement, as Ctrl-C's is in the CLI
    const ac = new AbortController();
    const result = await session.executeText(sql, { signal: ac.signal });
    assert.ok(result && result.rows.length > 0);
    // warnings are emitted on the next tick
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(
    warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
    [],
  );
});
