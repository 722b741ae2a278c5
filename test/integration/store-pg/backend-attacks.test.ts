import assert from 'node:assert/strict';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { pgModules } from '../../../src/core/store/pg/pg-driver.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { startStdioMcp, textOf } from '../mcp/mcp-harness.js';

/**
 * The attacker review of the PostgreSQL backend (issue 15), findings 3, 5, 6 and 8: one query must
 * not crash srv or mcp nor hold unbounded memory, local statements write shared tables (so a
 * read-only front end refuses them), PostgreSQL connections are capped and released apart from
 * client connections, and clients never see where the backend is.
 */

let pg: RunningPostgres;
let DB = '';
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  DB = 'attacks';
  await pg.createDatabase(DB);
}

type Coded = Error & { code?: string };
const pid = async (store: PgStore) => (await store.read('SELECT pg_backend_pid() AS p')).rows[0][0];

test(
  'a huge cell ends only its connection with RESULT_TOO_LARGE as its header arrives; the session reconnects',
  NEEDS_POSTGRES,
  async () => {
    const store = new PgStore(pg.backend(DB), { maxResultBytes: 1_000_000 });
    after(() => store.close());
    const before = await pid(store);
    await assert.rejects(
      store.read("SELECT repeat('x', 5000000) AS s"),
      (e: Coded) => e.code === 'RESULT_TOO_LARGE' && /over 1000000 bytes \(at row 1\)/.test(e.message),
    );
    assert.notEqual(await pid(store), before, 'a new connection');
    assert.deepEqual((await store.read('SELECT 42 AS x')).rows, [[42]]);
  },
);

test(
  'many rows over the cap stop between small pages: RESULT_TOO_LARGE, the same connection goes on',
  NEEDS_POSTGRES,
  async () => {
    const store = new PgStore(pg.backend(DB), { maxResultBytes: 1_000_000 });
    after(() => store.close());
    const before = await pid(store);
    for (const sql of [
      "SELECT repeat('x', 200000) AS s FROM generate_series(1, 1000)",
      'SELECT g FROM generate_series(1, 300000) g',
      "SELECT repeat('x', g % 5000) AS s FROM generate_series(1, 100000) g",
    ])
      await assert.rejects(store.read(sql), (e: Coded) => e.code === 'RESULT_TOO_LARGE', sql);
    assert.equal(await pid(store), before, 'the connection was kept');
    const fits = await store.read('SELECT g FROM generate_series(1, 10000) g');
    assert.equal(fits.rows.length, 10000);
  },
);

test('a statement cancelled while its rows stream stops between pages', NEEDS_POSTGRES, async () => {
  const store = new PgStore(pg.backend(DB), { maxResultBytes: 100_000_000 });
  after(() => store.close());
  const stop = new AbortController();
  const reading = store.read('SELECT g, pg_sleep(0.001) FROM generate_series(1, 1000000) g', stop.signal);
  setTimeout(() => stop.abort(), 300);
  await assert.rejects(reading, (e: Coded) => e.code === 'CANCELLED');
  assert.deepEqual((await store.read('SELECT 1 AS x')).rows, [[1]]);
});

/** PostgreSQL's CancelRequest code, in the first bytes of a cancel request's connection. */
const CANCEL_REQUEST_CODE = 80877102;

/**
 * A loopback proxy to the test server and a PgStore on DB through it: `route` gets each
 * connection's first bytes and forwards the connection when (if ever) it calls `forward`.
 */
async function storeBehindProxy(
  route: (first: Buffer, forward: () => void, client: Socket) => void,
  options: ConstructorParameters<typeof PgStore>[1] = {},
): Promise<PgStore> {
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    client.once('data', (first: Buffer) => {
      client.pause();
      route(
        first,
        () => {
          const server = connect(pg.port, '127.0.0.1', () => {
            server.write(first);
            client.pipe(server).pipe(client);
            client.resume();
          });
          server.on('error', () => client.destroy());
          client.on('close', () => server.destroy());
        },
        client,
      );
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  after(() => {
    for (const socket of sockets) socket.destroy(); // a held one too
    proxy.close();
  });
  const port = (proxy.address() as AddressInfo).port;
  const base = pg.backend(DB);
  const store = new PgStore({ ...base, dsn: base.dsn.replace(`:${pg.port}/`, `:${port}/`) }, options);
  after(() => store.close());
  return store;
}

/** Starts a long read on `store` and aborts it 300 ms in: CANCELLED. */
async function cancelledRead(store: PgStore): Promise<void> {
  const stop = new AbortController();
  const reading = store.read('SELECT g, pg_sleep(0.001) FROM generate_series(1, 100000) g', stop.signal);
  setTimeout(() => stop.abort(), 300);
  await assert.rejects(reading, (e: Coded) => e.code === 'CANCELLED');
}

test(
  'a cancel that reaches the server after its statement ended never cancels the next one',
  NEEDS_POSTGRES,
  async () => {
    // every connection starts 150 ms late: the cancel request's too, so it reaches PostgreSQL after
    // the cancelled statement has ended on its own
    const store = await storeBehindProxy((_first, forward) => setTimeout(forward, 150), {
      maxResultBytes: 100_000_000,
    });
    await cancelledRead(store);
    // runs while the cancel request is on its way: it must wait for it, not be cancelled by it
    assert.deepEqual((await store.read('SELECT 7 AS x FROM pg_sleep(0.4)')).rows, [[7]]);
  },
);

test('a cancel request the server never answers is dropped; the next statement runs on a new connection', {
  ...NEEDS_POSTGRES,
  timeout: 20_000,
}, async () => {
  let held: Socket | undefined;
  const store = await storeBehindProxy(
    (first, forward, client) => {
      if (first.length >= 8 && first.readInt32BE(4) === CANCEL_REQUEST_CODE) held = client;
      else forward();
    },
    { maxResultBytes: 100_000_000, cancelWaitMs: 300 },
  );
  const before = (await store.read('SELECT pg_backend_pid() AS p')).rows[0][0];
  await cancelledRead(store);
  assert.ok(held, 'the cancel request went out');
  const closed = new Promise((resolve) => (held as Socket).once('close', resolve));
  assert.deepEqual((await store.read('SELECT 8 AS x')).rows, [[8]]);
  await closed; // skyql gave up on the request's connection
  assert.notEqual((await store.read('SELECT pg_backend_pid() AS p')).rows[0][0], before, 'a new connection');
});

test(
  'srv over PostgreSQL: a huge cell and a huge page are 54000 for that client; srv serves the others',
  NEEDS_POSTGRES,
  async () => {
    const srv = await startSrvProcess([
      '--pgsrv.maxResultBytes',
      '1000000',
      '--sqlBackend',
      pg.backendJson(DB),
    ]);
    const { pg: driver } = pgModules();
    const connect = async () => {
      const c = new driver.Client({ host: '127.0.0.1', port: srv.port, user: 'alice', database: 'skyql' });
      c.on('error', () => {}); // srv may stop first at the end of the file
      await c.connect();
      after(() => c.end());
      return c;
    };
    const [a, b] = [await connect(), await connect()];
    for (const sql of [
      "SELECT repeat('x', 5000000) AS s",
      "SELECT repeat('x', 500000) FROM generate_series(1, 100)",
    ])
      await assert.rejects(
        a.query(sql),
        (e: Coded) => e.code === '54000' && /result is over/.test(e.message),
      );
    assert.deepEqual((await b.query('SELECT 2 AS n')).rows, [{ n: '2' }]);
    assert.deepEqual((await a.query('SELECT 3 AS n')).rows, [{ n: '3' }]);
  },
);

test(
  'mcp over PostgreSQL: run_select_query of a huge cell is RESULT_TOO_LARGE; the server goes on',
  NEEDS_POSTGRES,
  async () => {
    const config = JSON.stringify({ audit: { disabled: true }, limits: { maxQueryBytes: 1_000_000 } });
    const mcp = await startStdioMcp(['--mcp.config', config, '--sqlBackend', pg.backendJson(DB)], undefined);
    const r = await mcp.call('run_select_query', { sql: "SELECT repeat('x', 5000000) AS s" });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /result is over 1000000 bytes/);
    const ok = await mcp.call('run_select_query', { sql: 'SELECT 1 AS one' });
    assert.equal(ok.isError, undefined, textOf(ok));
  },
);

/** A srv client of `srv` (errors of a dropped connection ignored: srv may stop first). */
async function srvClient(port: number) {
  const { pg: driver } = pgModules();
  const c = new driver.Client({ host: '127.0.0.1', port, user: 'alice', database: 'skyql' });
  c.on('error', () => {});
  await c.connect();
  after(() => c.end());
  return c;
}

test(
  'srv --readonly over PostgreSQL refuses writes to shared tables and views (25006); TEMP tables stay allowed',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE TABLE report_ro (id int); INSERT INTO report_ro VALUES (1), (2)', DB);
    const srv = await startSrvProcess(['--readonly', '--sqlBackend', pg.backendJson(DB)]);
    const c = await srvClient(srv.port);
    for (const sql of [
      'DELETE FROM report_ro WHERE id > 1',
      'DROP TABLE report_ro',
      'INSERT INTO report_ro VALUES (3)',
      'UPDATE report_ro SET id = 9',
      'CREATE TABLE planted (a int)',
      'CREATE TABLE planted AS SELECT 1 AS a',
      'CREATE VIEW v_ro AS SELECT 1 AS a',
      'CREATE MATERIALIZED VIEW mv_ro AS SELECT 1 AS a',
    ])
      await assert.rejects(
        c.query(sql),
        (e: Coded) => e.code === '25006' && /read-only.*shared/.test(e.message),
        sql,
      );
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM report_ro', DB), [{ n: 2 }]);
    assert.deepEqual(await pg.sql("SELECT to_regclass('planted') AS t", DB), [{ t: null }]);
    await c.query('CREATE TEMP TABLE mine (a int)');
    await c.query('INSERT INTO mine VALUES (1), (2)');
    await c.query('DELETE FROM mine WHERE a = 1');
    assert.deepEqual((await c.query('SELECT count(*) AS n FROM mine')).rows, [{ n: '1' }]);
    assert.deepEqual((await c.query('SELECT count(*) AS n FROM report_ro')).rows, [{ n: '2' }]);
  },
);

test(
  'mcp over PostgreSQL: read_only refuses DELETE/DROP of a shared table; safe mode asks approval for them',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE TABLE report_mcp (id int); INSERT INTO report_mcp VALUES (1), (2)', DB);
    const audit = JSON.stringify({ audit: { disabled: true } });
    const backend = ['--sqlBackend', pg.backendJson(DB)];
    const ro = await startStdioMcp(['--mcp.mode', 'read_only', '--mcp.config', audit, ...backend], undefined);
    for (const sql of [
      'DELETE FROM report_mcp WHERE id > 1',
      'DROP TABLE report_mcp',
      'CREATE TABLE x_mcp (a int)',
    ]) {
      const r = await ro.call('run_mutation_query', { sql });
      assert.equal(r.isError, true, sql);
      assert.match(textOf(r), /not allowed: the MCP server runs in read_only mode/, sql);
    }
    const temp = await ro.call('run_mutation_query', { sql: 'CREATE TEMP TABLE scratch (a int)' });
    assert.equal(temp.isError, undefined, textOf(temp));
    const safe = await startStdioMcp(['--mcp.config', audit, ...backend], () => ({ action: 'decline' }));
    const r = await safe.call('run_mutation_query', { sql: 'DELETE FROM report_mcp' });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /did not approve DELETE/);
    assert.equal(safe.asked.length, 1);
    assert.match(
      safe.asked[0],
      /class DELETE\), which changes tables or views every user of the PostgreSQL database sees/,
    );
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM report_mcp', DB), [{ n: 2 }]);
  },
);

/** skyql's connections to the test database, by backend pid and last query. */
const backends = async () =>
  (await pg.sql(
    `SELECT pid, query FROM pg_stat_activity WHERE datname = '${DB}' AND application_name = 'skyql' ORDER BY pid`,
  )) as Array<{ pid: number; query: string }>;

/** Waits (bounded) until `ok` holds for skyql's connections. */
async function until(ok: (rows: Array<{ pid: number; query: string }>) => boolean, what: string) {
  for (let i = 0; i < 600; i++) {
    if (ok(await backends())) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`never: ${what} (${JSON.stringify(await backends())})`);
}

test(
  'srv over PostgreSQL holds at most --pgsrv.maxBackendConnections; a third client waits for a free one',
  NEEDS_POSTGRES,
  async () => {
    const srv = await startSrvProcess([
      '--pgsrv.maxBackendConnections',
      '2',
      '--pgsrv.backendIdleTimeout',
      '0',
      '--sqlBackend',
      pg.backendJson(DB),
    ]);
    const [a, b, c] = [await srvClient(srv.port), await srvClient(srv.port), await srvClient(srv.port)];
    await a.query('SELECT 1 AS n');
    await b.query('SELECT 1 AS n');
    await until((rows) => rows.length === 2, 'two connections');
    let answered = false;
    const third = c.query('SELECT 3 AS n').then((r) => {
      answered = true;
      return r;
    });
    await until((rows) => rows.length === 2, 'still two');
    assert.equal(answered, false, 'the third client waits');
    await a.end(); // its session closes and gives its connection back
    assert.deepEqual((await third).rows, [{ n: '3' }]);
    assert.equal((await backends()).length, 2);
  },
);

test(
  'a CREATE TABLE … AS that timed out while it waited for a PostgreSQL connection runs nothing',
  NEEDS_POSTGRES,
  async () => {
    const srv = await startSrvProcess([
      '--pgsrv.maxBackendConnections',
      '1',
      '--pgsrv.backendIdleTimeout',
      '0.2',
      '--sqlBackend',
      pg.backendJson(DB),
    ]);
    const [a, b] = [await srvClient(srv.port), await srvClient(srv.port)];
    const holding = a.query('SELECT pg_sleep(2) AS s'); // holds the only connection
    await until((rows) => rows.length === 1, 'the first client connected');
    await b.query('SET statement_timeout = 500');
    await assert.rejects(
      b.query('CREATE TABLE waited_t AS SELECT count(*) AS n FROM pg_sleep(4)'),
      (e: Coded) => e.code === '57014',
    );
    await holding;
    // the session's next statement runs after anything the timed-out one left running
    await b.query('SET statement_timeout = 0');
    assert.deepEqual((await b.query('SELECT 1 AS n')).rows, [{ n: '1' }]);
    assert.deepEqual(await pg.sql("SELECT to_regclass('waited_t') AS t", DB), [{ t: null }]);
  },
);

test(
  'an idle srv client gives its PostgreSQL connection back and reconnects transparently; one with TEMP tables keeps it',
  NEEDS_POSTGRES,
  async () => {
    const srv = await startSrvProcess([
      '--pgsrv.backendIdleTimeout',
      '0.2',
      '--sqlBackend',
      pg.backendJson(DB),
    ]);
    const plain = await srvClient(srv.port);
    const keeper = await srvClient(srv.port);
    await keeper.query('CREATE TEMP TABLE kept (a int)');
    await keeper.query('INSERT INTO kept VALUES (7)');
    const keeperPid = Number((await keeper.query('SELECT pg_backend_pid() AS p')).rows[0].p);
    await plain.query('SELECT 1 AS n');
    // the keeper's connection checked for temporary tables and stayed; the plain one was closed
    await until(
      (rows) => rows.length === 1 && rows[0].pid === keeperPid && /pg_my_temp_schema/.test(rows[0].query),
      'only the keeper left, after its idle check',
    );
    assert.deepEqual((await plain.query('SELECT 2 AS n')).rows, [{ n: '2' }]);
    assert.deepEqual((await keeper.query('SELECT a FROM kept')).rows, [{ a: '7' }]);
  },
);

test(
  'srv clients see "the SQL backend is unavailable", never its host, port, database or role; the log has them',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE ROLE flaky LOGIN SUPERUSER'); // a superuser: skyql's schema belongs to postgres
    const dsn = `postgres://flaky@127.0.0.1:${pg.port}/${DB}`;
    const backend = JSON.stringify({ dbEngine: 'postgres_tcp', sqlDialect: 'postgres', dsn });
    const srv = await startSrvProcess(['--sqlBackend', backend]);
    await pg.sql('ALTER ROLE flaky NOLOGIN');
    const c = await srvClient(srv.port);
    const err = await c.query('SELECT 1 AS n').then(
      () => assert.fail('the query ran'),
      (e: Coded & { hint?: string }) => e,
    );
    assert.equal(err.code, '08006');
    assert.equal(err.message, 'the SQL backend is unavailable');
    for (const secret of ['127.0.0.1', String(pg.port), DB, 'flaky'])
      assert.ok(!`${err.message} ${err.hint}`.includes(secret), secret);
    assert.match(
      srv.stderr(),
      new RegExp(
        `SQL backend: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${pg.port} \\(database ${DB}, user flaky\\)`,
      ),
    );
  },
);

test(
  "a missing sslrootcert, a multi-host dsn and PostgreSQL's own statement_timeout are one clear line each",
  NEEDS_POSTGRES,
  async () => {
    const base = pg.backend(DB);
    const cert = new PgStore({
      ...base,
      dsn: `${base.dsn}?sslmode=verify-full&sslrootcert=/nonexistent/root.crt`,
    });
    await assert.rejects(
      cert.open(),
      (e: Coded) =>
        e.code === 'SQL_BACKEND_UNAVAILABLE' &&
        /cannot read \/nonexistent\/root\.crt, named by the dsn \(sslrootcert/.test(e.message),
    );
    assert.throws(
      () => new PgStore({ ...base, dsn: 'postgres://u@h1:5432,h2:5432/db' }),
      (e: Coded) => e.code === 'BAD_SQL_BACKEND' && /names several hosts/.test(e.message),
    );
    // a sleep the timeout interrupts (a 1 ms timeout over a long count was once reported as
    // "canceling statement due to user request", under load, in one run of many)
    const timed = new PgStore({ ...base, dsn: `${base.dsn}?options=-c%20statement_timeout%3D200` });
    after(() => timed.close());
    await assert.rejects(
      timed.read('SELECT pg_sleep(5)'),
      (e: Coded) => e.code === 'STATEMENT_TIMEOUT' && /PostgreSQL's own statement_timeout/.test(e.message),
    );
  },
);
