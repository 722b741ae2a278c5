import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, test } from 'node:test';
import pg from 'pg';
import { NEEDS_POSTGRES, startPostgres } from '../../support/postgres-server.js';
import { startSrvProcess } from '../../support/srv-process.js';

/**
 * Attacker review: many clients each under the per-query result cap ran srv out of heap (18 ×
 * 250 MB results: "JavaScript heap out of memory", every client gone). The results of all clients
 * now share one budget (`--pgsrv.resultMemory`): a query whose rows do not fit what the others hold
 * fails with 53200 SERVER_BUSY, its connection goes on, and the bytes come back when a result is
 * sent or its client goes away.
 */

type Coded = Error & { code?: string };
/** A query of `mb` rows of 1,000,000 bytes each, in the backend's SQL. */
type BigQuery = (mb: number) => string;

const sqliteRows: BigQuery = (mb) =>
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${mb}) SELECT i, printf('%.*c', 1000000, 'x') AS s FROM n`;
const postgresRows: BigQuery = (mb) =>
  `SELECT i, repeat('x', 1000000) AS s FROM generate_series(1, ${mb}) AS i`;

async function client(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'tester', database: 'skyql' });
  await c.connect();
  return c;
}

/** Runs `sql` and checks the rows are all there; 'busy' for 53200. */
async function fetchBig(port: number, sql: string, mb: number): Promise<'ok' | 'busy'> {
  const c = await client(port);
  try {
    const r = await c.query(sql);
    assert.equal(r.rows.length, mb);
    assert.equal(r.rows[mb - 1].s.length, 1_000_000);
    return 'ok';
  } catch (err) {
    const e = err as Coded;
    assert.equal(e.code, '53200', e.message);
    assert.match(e.message, /of the server's 64 MiB for results are held by other queries/);
    return 'busy';
  } finally {
    await c.end();
  }
}

/**
 * A client that sends `sql` and stops reading once the first row has come: the server keeps the
 * rest of the result (and its share of the budget) until the client reads or goes away.
 */
async function stalledClient(port: number, sql: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const params = Buffer.from('user\0tester\0database\0skyql\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, params]));
  let buffered = Buffer.alloc(0);
  const next = (want: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 5) {
          const code = String.fromCharCode(buffered[0]);
          if (code === 'E')
            return reject(new Error(`error from srv: ${buffered.toString('latin1', 5, 200)}`));
          if (code === want) {
            socket.off('data', onData);
            return resolve();
          }
          const length = buffered.readInt32BE(1) + 1;
          if (buffered.length < length) break;
          buffered = buffered.subarray(length);
        }
      };
      socket.on('data', onData);
    });
  await next('Z'); // ReadyForQuery
  buffered = buffered.subarray(6);
  const text = Buffer.from(`${sql}\0`);
  const query = Buffer.alloc(5);
  query.write('Q');
  query.writeInt32BE(4 + text.length, 1);
  socket.write(Buffer.concat([query, text]));
  await next('D'); // the first row: the result is charged and being sent
  socket.pause();
  return socket;
}

async function sharedBudget(args: readonly string[], big: BigQuery): Promise<void> {
  const srv = await startSrvProcess(['--pgsrv.resultMemory', '64', ...args]);
  // two clients hold 2 × 25 MB of the 64 MiB while they do not read
  const stalled = [await stalledClient(srv.port, big(25)), await stalledClient(srv.port, big(25))];
  const burst = await Promise.all([1, 2, 3].map(() => fetchBig(srv.port, big(25), 25)));
  assert.deepEqual(burst, ['busy', 'busy', 'busy'], 'no 25 MB result fits next to the held 50 MB');
  // the connection that got 53200 goes on; a result that fits the rest is answered
  const c = await client(srv.port);
  await assert.rejects(
    c.query(big(25)),
    (e: Coded & { hint?: string }) =>
      e.code === '53200' && /try again shortly.*LIMIT.*--pgsrv\.resultMemory/.test(e.hint ?? ''),
  );
  const small = await c.query(big(5));
  assert.equal(small.rows.length, 5);
  await c.end();
  // the stalled clients go away: their bytes come back, and a 25 MB result fits again
  for (const s of stalled) s.destroy();
  let answer: 'ok' | 'busy' = 'busy';
  for (let i = 0; i < 50 && answer === 'busy'; i++) {
    answer = await fetchBig(srv.port, big(25), 25);
    if (answer === 'busy') await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(answer, 'ok', 'the budget comes back when the stalled clients leave');
  // alone, a result larger than the whole budget is RESULT_TOO_LARGE (the per-query cap is at most the budget)
  const alone = await client(srv.port);
  await assert.rejects(
    alone.query(big(70)),
    (e: Coded) => e.code === '54000' && /over 64 MiB/.test(e.message),
  );
  await alone.end();
  // many real clients at once: each is answered whole or told 53200; the process lives on
  const outcomes = await Promise.all(Array.from({ length: 5 }, () => fetchBig(srv.port, big(25), 25)));
  assert.ok(outcomes.includes('ok'), `some are answered: ${outcomes}`);
  assert.ok(srv.alive(), 'srv is alive');
  assert.equal(await fetchBig(srv.port, big(25), 25), 'ok', 'all memory came back');
  assert.match(srv.stderr(), /result memory: 64 MiB/);
  assert.doesNotMatch(srv.stderr(), /heap out of memory|FATAL ERROR/);
}

test('srv (SQLite): results share --pgsrv.resultMemory; past it 53200, the process and connections live on', async () => {
  await sharedBudget([], sqliteRows);
});

test(
  'srv (PostgreSQL backend): rows are charged as they arrive; past the budget 53200, the process lives on',
  NEEDS_POSTGRES,
  async () => {
    const server = await startPostgres();
    after(() => server.stop());
    await server.createDatabase('resultmemory');
    await sharedBudget(['--readonly', '--sqlBackend', server.backendJson('resultmemory')], postgresRows);
  },
);
