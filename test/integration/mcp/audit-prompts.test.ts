import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditQueries } from '../../../src/front/mcp/audit-queries.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { emulatorArgs, rowsOf, type StdioMcp, startStdioMcp, textOf } from './mcp-harness.js';

const { emu, keyPath } = await startSampleEmulator();
const mcp: StdioMcp = await startStdioMcp(
  [...emulatorArgs(emu.url, keyPath), '--mcp.config', '{"audit": {"disabled": true}}'],
  undefined,
);
const PROJECT = 'skyql-demo';
const q = auditQueries(PROJECT);

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await mcp.call('run_select_query', { sql });
  assert.equal(r.isError, undefined, `${sql}\n${textOf(r)}`);
  return rowsOf(r);
}

test('the audit prompts suggest these queries', async () => {
  for (const name of ['cloud_audit', 'public_exposure_scan']) {
    const prompt = await mcp.client.getPrompt({ name, arguments: { project: PROJECT } });
    const text = (prompt.messages[0].content as { text: string }).text;
    for (const sql of [q.firewalls, q.externalIps(), q.bucketPolicy(), q.zones])
      assert.ok(text.includes(sql), `${name} suggests ${sql}`);
  }
});

test("the cloud_audit and public_exposure_scan queries find the sample project's exposures", async () => {
  // public buckets: the policy of one of the listed buckets grants allUsers
  const buckets = (await rows(q.buckets)).map((b) => String(b.name));
  const exposed: string[] = [];
  for (const bucket of buckets) {
    const policy = await rows(q.bucketPolicy(bucket));
    if (policy.some((b) => (b.members as string[]).includes('allUsers'))) exposed.push(bucket);
  }
  assert.deepEqual(exposed, ['skyql-demo-public-web']);

  const open = (await rows(q.firewalls)).filter(
    (f) => f.direction === 'INGRESS' && (f.sourceRanges as string[]).includes('0.0.0.0/0') && !f.disabled,
  );
  assert.deepEqual(
    open.map((f) => f.name),
    ['default-allow-ssh'],
  );

  const zones = await rows(q.zones);
  const regions = [...new Set(zones.map((z) => String(z.region).split('/').pop() ?? ''))];
  const addresses = await rows(q.addresses(regions));
  assert.deepEqual(
    addresses.map((a) => [a.name, a.address, a.addressType]),
    [['web-1-ip', '34.118.10.21', 'EXTERNAL']],
  );
  const external = (await rows(q.externalIps(zones.map((z) => String(z.name))))).filter((i) => i.natIP);
  assert.deepEqual(
    external.map((i) => [i.name, i.natIP]),
    [['web-1', '34.118.10.21']],
  );

  const bindings = await rows(q.projectPolicy);
  assert.ok(bindings.some((b) => b.role === 'roles/editor'));

  const accounts = await rows(q.serviceAccounts);
  assert.deepEqual(
    accounts.map((a) => a.email),
    ['skyql-emulator@skyql-demo.iam.gserviceaccount.com'],
  );
  const keys = await rows(q.serviceAccountKeys(String(accounts[0].email)));
  assert.deepEqual(
    keys.map((k) => [k.keyType, k.validAfterTime]),
    [['USER_MANAGED', '2024-01-10T08:00:00Z']],
  );
});
