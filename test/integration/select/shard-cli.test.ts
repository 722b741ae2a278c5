/**
 * `--shard K/N`: N processes, each making its share of a fan-out, together give exactly the rows of
 * one unsharded run (no duplicates, no gaps), for an IN list and for the dependent join of an
 * organisation-wide statement; a mutation fan-out is sent once over the shards; into a table with a
 * `_shard` column (SQLite here, PostgreSQL in store-pg/shard-inventory), a shard replaces its rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startOrgEmulator } from '../../support/org-emulator.js';
import { runCli } from '../../support/run-cli.js';

const org = await startOrgEmulator({
  projects: 12,
  seed: 11,
  computeDisabled: 0,
  denied: 0,
  deleteRequested: 0,
});
const api = [
  '--endpoint',
  `google=${org.emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: org.keyPath } }),
];
const ORG = (await org.admin('/_emulator/org')) as { organization: string };

/** Rows of `sql` as sorted JSON lines, per shard (undefined: unsharded). */
async function rows(sql: string, shard?: string): Promise<string[]> {
  const r = await runCli(['exec', '-o', 'json', ...(shard ? ['--shard', shard] : []), ...api, sql]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as unknown[]).map((x) => JSON.stringify(x)).sort();
}

/** Requests the emulator logged to a host while `fn` ran. */
async function callsTo(host: string, fn: () => Promise<unknown>): Promise<number> {
  const before = org.emu.log.entries().at(-1)?.seq ?? 0;
  await fn();
  return org.emu.log.entries().filter((e) => e.seq > before && e.host === host).length;
}

async function assertShardsPartition(sql: string, minRows: number): Promise<void> {
  const whole = await rows(sql);
  assert.ok(whole.length >= minRows, `the statement has rows to split (${whole.length})`);
  const parts = await Promise.all(['0/3', '1/3', '2/3'].map((s) => rows(sql, s)));
  const union = parts.flat().sort();
  assert.deepEqual(union, whole, 'the three shards together: the same rows, none twice, none missing');
  assert.ok(
    parts.filter((p) => p.length > 0).length >= 2,
    `the work is spread (${parts.map((p) => p.length)})`,
  );
}

test('an IN-list fan-out: three shards give the rows of one run, each call made once', async () => {
  const list = org.projectIds.map((p) => `'${p}'`).join(', ');
  const sql = `SELECT name, zone FROM google.compute.instances WHERE project IN (${list})`;
  await assertShardsPartition(sql, 12);
  // one shard at a time: concurrent runs would share the log
  const sequential: number[] = [];
  for (const s of ['0/3', '1/3', '2/3'])
    sequential.push(await callsTo('compute.googleapis.com', () => rows(sql, s)));
  assert.equal(
    sequential.reduce((a, b) => a + b, 0),
    org.projectIds.length,
    `one call per project in all (${sequential})`,
  );
});

test('an organisation-wide dependent join: the descent runs whole in each shard, the per-project calls are split', async () => {
  const sql = `SELECT p.projectId, i.name FROM skyql.org.projects p JOIN google.compute.instances i ON i.project = p.projectId WHERE p.root = '${ORG.organization}'`;
  await assertShardsPartition(sql, 12);
});

test('EXPLAIN names the split table; a bad --shard is a usage error', async () => {
  const list = org.projectIds
    .slice(0, 4)
    .map((p) => `'${p}'`)
    .join(', ');
  const r = await runCli([
    'exec',
    '--shard',
    '1/3',
    ...api,
    `EXPLAIN SELECT name FROM google.compute.instances WHERE project IN (${list})`,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /shard .*--shard 1\/3: this process makes only the calls whose parameter values hash to 1 modulo 3/,
  );
  const bad = await runCli(['exec', '--shard', '3/3', ...api, 'SELECT 1']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--shard "3\/3" is not K\/N with 0 <= K < N/);
});

test('a DELETE fan-out is sent once over the shards', async () => {
  const project = org.projectIds[0];
  const list = (
    await rows(`SELECT name, zone FROM google.compute.instances WHERE project = '${project}'`)
  ).map((l) => JSON.parse(l) as { name: string; zone: string });
  assert.ok(list.length >= 1);
  const zone = String(list[0].zone).split('/').pop();
  const names = list.filter((i) => String(i.zone).endsWith(`/${zone}`)).map((i) => i.name);
  const sql = `DELETE FROM google.compute.instances WHERE project = '${project}' AND zone = '${zone}' AND instance IN (${names.map((n) => `'${n}'`).join(', ')})`;
  let deletes = 0;
  for (const s of ['0/3', '1/3', '2/3']) {
    deletes += await callsTo('compute.googleapis.com', async () => {
      const r = await runCli(['exec', '--shard', s, ...api, sql]);
      assert.equal(r.code, 0, r.stderr);
    });
  }
  assert.equal(deletes, names.length, 'each instance deleted by exactly one shard');
  const left = await rows(
    `SELECT name FROM google.compute.instances WHERE project = '${project}' AND zone = '${zone}'`,
  );
  assert.deepEqual(left, []);
});

test("into a table with a _shard column, a shard's INSERT … SELECT replaces that shard's rows only (SQLite)", async () => {
  const list = org.projectIds.map((p) => `'${p}'`).join(', ');
  const query = `SELECT project, name FROM google.compute.instances WHERE project IN (${list})`;
  const own = (await rows(query, '1/3')).map((l) => {
    const r = JSON.parse(l) as { project: string; name: string };
    return JSON.stringify({ project: r.project, name: r.name, _shard: '1/3' });
  });
  assert.ok(own.length > 0);
  const script = `CREATE TABLE inv AS SELECT 'other-project' AS project, 'kept' AS name, '0/3' AS _shard;
    INSERT INTO inv SELECT 'stale', 'row';
    INSERT INTO inv ${query};
    INSERT INTO inv ${query};
    CREATE TABLE IF NOT EXISTS made AS ${query};
    SELECT project, name, _shard FROM inv;
    SELECT count(*) AS n, min(_shard) AS lo, max(_shard) AS hi FROM made`;
  const r = await runCli(['exec', '--shard', '1/3', '-o', 'jsonl', ...api, script]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const made = JSON.parse(lines.pop() as string);
  assert.deepEqual(
    lines.sort(),
    [JSON.stringify({ project: 'other-project', name: 'kept', _shard: '0/3' }), ...own].sort(),
    "the other shard's row kept, the stale row replaced, the second run no duplicate",
  );
  assert.deepEqual(
    made,
    { n: own.length, lo: '1/3', hi: '1/3' },
    'CREATE TABLE IF NOT EXISTS … AS adds _shard',
  );
});
