import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';

/**
 * Issue 9 part 3: statements are bounded (`--execution.timeout`) and cancellable even while SQLite
 * or a regexp runs, and a long statement holds only its own connection. The server is the bundled
 * CLI, so the runner processes are forked from dist/.
 */

/** Seconds of SQLite work: counts to half a billion (a kill is the only way to stop it). */
const LONG =
  'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000) SELECT count(*) FROM c';
/** A catastrophically backtracking regexp (2^36 steps). */
const REGEXP = `SELECT regexp_like('${'a'.repeat(36)}b', '^(a+)+$')`;

// The timeout tests wait it out, so it is short; the cancel test's server has none, so that its
// statement can only end by the cancel however slow the machine is.
const [srv, unbounded] = await Promise.all([
  startSrvProcess(['--execution.timeout', '2']),
  startSrvProcess(['--execution.timeout', '0']),
]);

async function connect(server = srv): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'tester', database: 'skyql' });
  await c.connect();
  after(() => c.end());
  return c;
}

const isTimeout = (e: Error & { code?: string; hint?: string }) =>
  e.code === '57014' && /statement timeout/.test(e.message) && /--execution\.timeout/.test(e.hint ?? '');

test('a long SQLite statement ends at the timeout with 57014; another connection answers meanwhile', async (t) => {
  const a = await connect();
  const b = await connect();
  await Promise.all([a.query('SELECT 0'), b.query('SELECT 0')]); // runners started
  let finished = false;
  const long = a.query(LONG).finally(() => {
    finished = true;
  });
  await new Promise((r) => setTimeout(r, 500));
  const t0 = performance.now();
  assert.equal((await b.query('SELECT 1 AS one')).rows[0].one, '1');
  const ms = performance.now() - t0;
  t.diagnostic(`SELECT 1 on another connection while the long statement ran: ${ms.toFixed(1)} ms`);
  assert.equal(finished, false, 'answered while the long statement was still running');
  assert.ok(ms < 2_000, `the other connection was served (${ms} ms)`);
  await assert.rejects(long, isTimeout);
  assert.equal((await a.query('SELECT 2 AS two')).rows[0].two, '2', 'the connection stays usable');
});

test('a catastrophic regexp is stopped by the timeout too', async () => {
  const a = await connect();
  await assert.rejects(a.query(REGEXP), isTimeout);
  assert.equal((await a.query('SELECT 3 AS three')).rows[0].three, '3');
});

test('a CancelRequest stops a long statement; the connection stays usable', async () => {
  const a = await connect(unbounded);
  const b = await connect(unbounded);
  const long = a.query(LONG);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await b.query('SELECT 1 AS one')).rows[0].one, '1');
  // node-postgres cancels through a CancelRequest on a new connection
  const canceller = new pg.Client({ host: '127.0.0.1', port: unbounded.port, user: 'tester' });
  (canceller as unknown as { cancel(c: pg.Client, q: unknown): void }).cancel(
    a,
    (a as unknown as { activeQuery: unknown }).activeQuery,
  );
  await assert.rejects(
    long,
    (e: Error & { code?: string }) => e.code === '57014' && /cancelled/.test(e.message),
  );
  assert.equal((await a.query('SELECT 4 AS four')).rows[0].four, '4');
});

test('exec --execution.timeout stops a long local query (runner forked from the bundle)', async () => {
  const r = await runCli(['exec', '--execution.timeout', '1', LONG]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /canceling statement due to statement timeout \(1 s\)/);
  assert.match(r.stderr, /--execution\.timeout/);
});

test('SHOW … LIKE with many %s answers at once (it used to backtrack for ever)', async () => {
  const a = await connect();
  const r = await a.query("SHOW SERVICES IN google LIKE '%%%%%%%%%%%%%%x'");
  assert.ok(r.rows.every((row) => String(row.name).endsWith('x')));
  const some = await a.query("SHOW SERVICES IN google LIKE '%%%%%%%%%%%%%%e'");
  assert.ok((some.rowCount ?? 0) > 1 && some.rows.every((row) => String(row.name).endsWith('e')));
});
