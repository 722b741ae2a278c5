import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import type { Session } from '../../../src/core/engine/session.js';
import { ResponseCache } from '../../../src/core/execute/response-cache.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;
const BUCKETS = `SELECT name, location FROM google.storage.buckets WHERE project = '${P}'`;

async function run(session: Session, script: string): Promise<Array<ResultSet | undefined>> {
  const out: Array<ResultSet | undefined> = [];
  for await (const o of session.run(script)) {
    if (!o.ok) throw o.error;
    out.push(o.result);
  }
  return out;
}

async function one(session: Session, sql: string): Promise<ResultSet> {
  const [r] = await run(session, sql);
  assert.ok(r);
  return r;
}

function bucketCalls(): number {
  return emu.log.entries().filter((e) => e.url.includes('/storage/v1/b?')).length;
}

test('views are stored text re-evaluated on use; views over views; OR REPLACE; DROP', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await run(
    session,
    `CREATE VIEW eu AS ${BUCKETS} AND 1 = 1; CREATE VIEW eu_names AS SELECT name FROM eu WHERE location = 'EU'`,
  );
  const before = bucketCalls();
  const r = await one(session, 'SELECT count(*) AS n FROM eu_names');
  assert.ok(Number(r.rows[0][0]) > 0);
  await one(session, 'SELECT count(*) FROM eu_names e JOIN eu ON eu.name = e.name');
  assert.ok(bucketCalls() >= before + 2, 'each use calls the API again (no cache)');
  await assert.rejects(run(session, `CREATE VIEW eu AS SELECT 1`), /already exists/);
  await run(session, `CREATE OR REPLACE VIEW eu AS SELECT 'x' AS name, 'EU' AS location`);
  assert.deepEqual((await one(session, 'SELECT name FROM eu_names')).rows, [['x']]);
  await run(session, 'DROP VIEW eu_names; DROP VIEW IF EXISTS eu_names');
  await assert.rejects(
    run(session, 'DROP VIEW eu_names'),
    (e: Error & { code?: string }) => e.code === 'VIEW_NOT_FOUND',
  );
});

test('a view that refers to itself stops at the depth limit', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await run(session, 'CREATE VIEW a AS SELECT 1 AS x; CREATE OR REPLACE VIEW b AS SELECT * FROM a');
  await run(session, 'CREATE OR REPLACE VIEW a AS SELECT * FROM b');
  await assert.rejects(
    run(session, 'SELECT * FROM a'),
    (e: Error & { code?: string }) => e.code === 'VIEW_DEPTH_EXCEEDED',
  );
});

test('materialized views snapshot rows until REFRESH; local tables join provider tables', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await run(session, `CREATE MATERIALIZED VIEW mv AS ${BUCKETS}`);
  const calls = bucketCalls();
  const n = Number((await one(session, 'SELECT count(*) FROM mv')).rows[0][0]);
  assert.equal(n, SAMPLE.bucketCount);
  assert.equal(bucketCalls(), calls, 'reading a materialized view calls nothing');
  await run(session, 'REFRESH MATERIALIZED VIEW mv');
  assert.ok(bucketCalls() > calls);
  await run(
    session,
    `CREATE TABLE wanted (name TEXT, owner TEXT); INSERT INTO wanted VALUES ('${P}-assets', 'ann'), ('nope', 'bob');
     UPDATE wanted SET owner = upper(owner); DELETE FROM wanted WHERE name = 'nope'`,
  );
  const j = await one(
    session,
    `SELECT w.owner, b.location FROM wanted w JOIN google.storage.buckets b ON b.name = w.name WHERE b.project = '${P}'`,
  );
  assert.deepEqual(
    j.rows.map((r) => r[0]),
    ['ANN'],
  );
  await run(
    session,
    `CREATE TABLE snap AS ${BUCKETS}; INSERT INTO wanted (name, owner) SELECT name, 'x' FROM mv LIMIT 2`,
  );
  assert.equal(Number((await one(session, 'SELECT count(*) FROM snap')).rows[0][0]), SAMPLE.bucketCount);
  assert.equal(Number((await one(session, 'SELECT count(*) FROM wanted')).rows[0][0]), 3);
  await assert.rejects(run(session, 'DROP TABLE mv'), (e: Error & { hint?: string }) =>
    /DROP MATERIALIZED VIEW mv/.test(e.hint ?? ''),
  );
  await run(session, 'DROP MATERIALIZED VIEW mv; DROP TABLE snap');
  await assert.rejects(run(session, 'SELECT * FROM mv'), /no such table/);
});

test('the response cache serves repeats, NOCACHE refreshes, a mutation-free TTL expires', async () => {
  let now = 1_000;
  const cache = new ResponseCache({ ttlMs: 300_000, now: () => now });
  const { session } = emulatorSession(emu, keyPath, { cache });
  const calls = bucketCalls();
  const first = await one(session, BUCKETS);
  const second = await one(session, BUCKETS);
  assert.deepEqual(second.rows, first.rows);
  assert.equal(bucketCalls() - calls, 3, 'three pages once');
  await one(session, `SELECT /*+ NOCACHE */ name FROM google.storage.buckets WHERE project = '${P}'`);
  assert.equal(bucketCalls() - calls, 6, 'NOCACHE fetched again');
  await one(session, BUCKETS);
  assert.equal(bucketCalls() - calls, 6);
  now += 300_001;
  await one(session, BUCKETS);
  assert.equal(bucketCalls() - calls, 9, 'expired after the TTL');
});

test('SQL that could reach host files or load code is refused before SQLite sees it', async () => {
  const { session } = emulatorSession(emu, keyPath);
  for (const sql of [
    "ATTACH DATABASE '/tmp/x.db' AS x",
    'DETACH x',
    "VACUUM INTO '/tmp/copy.db'",
    'PRAGMA writable_schema = 1',
    "SELECT load_extension('/tmp/evil.so')",
    'SELECT "load_extension"(\'/tmp/evil.so\')',
    "SELECT readfile('/etc/passwd')",
    "SELECT writefile('/tmp/x', 'y')",
    'CREATE VIRTUAL TABLE t USING fts5(x)',
    "CREATE TABLE t AS SELECT readfile('/etc/passwd') AS x",
  ]) {
    await assert.rejects(
      run(session, sql),
      (e: Error & { code?: string }) => e.code === 'FORBIDDEN_SQL' || e.code === 'PARSE_ERROR',
      sql,
    );
  }
  const ok = await one(session, "SELECT 'attach readfile(x)' AS s -- ATTACH in a comment");
  assert.equal(ok.rows[0][0], 'attach readfile(x)');
  await run(session, 'CREATE TABLE t (a INT)');
  assert.equal((await one(session, "SELECT count(*) FROM pragma_table_info('t')")).rows[0][0], 1);
});

test('a read-only session refuses provider mutations and pulls, not local objects', async () => {
  const { session } = emulatorSession(emu, keyPath, { readonly: true });
  await assert.rejects(
    run(session, `DELETE FROM google.storage.buckets WHERE bucket = '${P}-assets'`),
    (e: Error & { code?: string }) => e.code === 'READONLY_SESSION',
  );
  await assert.rejects(
    run(session, 'REGISTRY PULL google'),
    (e: Error & { code?: string }) => e.code === 'READONLY_SESSION',
  );
  await run(session, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('ok')");
  assert.equal((await one(session, 'SELECT x FROM notes')).rows[0][0], 'ok');
});

// the latency is never waited out: the test's timeout catches an abort that does not cancel
test('aborting the signal cancels a slow statement and the rest of the script', {
  timeout: 60_000,
}, async () => {
  const { session } = emulatorSession(emu, keyPath);
  emu.faults.add({ id: 'slow', match: '/storage/v1/b', latencyMs: 600_000 });
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const outcomes = [];
    for await (const o of session.run(`${BUCKETS}; SELECT 1`, { signal: ac.signal })) outcomes.push(o);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].ok, false);
    assert.equal(!outcomes[0].ok && outcomes[0].error.code, 'CANCELLED');
  } finally {
    emu.faults.clear();
  }
  assert.deepEqual((await one(session, 'SELECT 1 AS x')).rows, [[1]]);
});
