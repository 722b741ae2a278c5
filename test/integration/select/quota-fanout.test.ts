import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BranchFailure } from '../../../src/core/execute/branch-failures.js';
import { emulatorSession } from '../../support/emulator-session.js';
import { startOrgEmulator } from '../../support/org-emulator.js';

// 20 readable projects; Compute allows the caller's project 10 requests a second (burst 10)
const org = await startOrgEmulator(
  { projects: 20, seed: 9, computeDisabled: 0, denied: 0, deleteRequested: 0 },
  { quotas: ['compute.googleapis.com=10/s'] },
);
const sql = `SELECT name FROM google.compute.instances WHERE project IN (${org.projectIds.map((p) => `'${p}'`).join(', ')})`;

interface QuotaCounters {
  counters: { consumer: string; service: string; requests: number; throttled: number }[];
}

async function computeCounters(): Promise<{ requests: number; throttled: number }> {
  const q = (await org.admin('/_emulator/quota')) as QuotaCounters;
  const rows = q.counters.filter((c) => c.service === 'compute.googleapis.com');
  return {
    requests: rows.reduce((a, c) => a + c.requests, 0),
    throttled: rows.reduce((a, c) => a + c.throttled, 0),
  };
}

/** Replaces the emulator's quota rules and zeroes its counters. */
async function setQuota(rule: string): Promise<void> {
  await fetch(`${org.emu.url}/_emulator/quota`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([rule]),
  });
  await org.admin('/_emulator/quota', 'DELETE');
}

/** Runs the fan-out, 16 calls at a time, with two attempts per call: rate-limit answers use none. */
function runFanout(extra: Parameters<typeof emulatorSession>[2] = {}) {
  const { session } = emulatorSession(org.emu, org.keyPath, {
    concurrency: 16,
    ...extra,
    transport: { maxAttempts: 2, ...extra.transport },
  });
  return session.executeText(sql);
}

test('a fan-out over 20 projects under a tight quota completes with the exact row count and few 429s', async () => {
  await setQuota('compute.googleapis.com=10/s');
  const result = await runFanout();
  assert.equal(result?.rows.length, org.org.reachable.instances);
  const { requests, throttled } = await computeCounters();
  assert.equal(requests - throttled, 20, 'one accepted call per project');
  // the first burst overruns the bucket; once paced, hardly any more
  assert.ok(throttled <= 12, `${throttled} of ${requests} requests answered 429`);
});

test("the v1 family's 403 rateLimitExceeded (no Retry-After) slows the sender down as a 429 does", async () => {
  await setQuota('compute.googleapis.com=10/s,answer=rateLimitExceeded');
  const result = await runFanout();
  assert.equal(result?.rows.length, org.org.reachable.instances);
  const { requests, throttled } = await computeCounters();
  assert.equal(requests - throttled, 20);
});

test('rate-limited past --http.retry.maxElapsed: the branch is classified ratelimited, never silently short', async () => {
  await setQuota('compute.googleapis.com=5/s');
  const failures: BranchFailure[] = [];
  const result = await runFanout({
    keepGoing: true,
    onBranchFailure: (f) => failures.push(f),
    transport: { maxElapsedMs: 0 },
  });
  const { throttled } = await computeCounters();
  assert.ok(throttled > 0);
  assert.equal(failures.length, throttled, 'each call answered 429 once, with no budget to wait');
  assert.ok(failures.every((f) => f.class === 'ratelimited' && f.status === 429));
  // the rows of the calls that got through are all there, and only theirs
  const failedProjects = new Set(failures.map((f) => f.params.project));
  assert.equal(failedProjects.size, failures.length);
  assert.ok((result?.rows.length ?? 0) <= org.org.reachable.instances);
});
