import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { parseTlsSettings } from '../../../src/front/pgwire/tls-settings.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { makeCertificate, startTestPgServer } from '../../support/pg-server-harness.js';

const { emu, keyPath, dir } = await startSampleEmulator();
const server = await startTestPgServer(emu, keyPath);
const P = SAMPLE.project;

async function connect(config: pg.ClientConfig = {}, port = server.port): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'tester', database: 'skyql', ...config });
  await client.connect();
  return client;
}

const SEED = `SELECT contentType, data, extensions FROM google.healthcare.series_series
WHERE projectsId = '${P}' AND locationsId = '${SAMPLE.location}' AND datasetsId = '${SAMPLE.dataset}'
  AND dicomStoresId = '${SAMPLE.dicomStore}' AND studiesId = '${SAMPLE.study}' AND seriesId = '${SAMPLE.series}'`;

test('pg runs the seed query, with real type OIDs in the row description', async () => {
  const c = await connect();
  try {
    const r = await c.query(SEED);
    assert.equal(r.rowCount, 1);
    assert.deepEqual(
      r.fields.map((f) => f.name),
      ['contentType', 'data', 'extensions'],
    );
    assert.match(r.rows[0].contentType, /^multipart\/related/);
    assert.equal(r.rows[0].extensions, null);
    const typed = await c.query(
      `SELECT name, deletionProtection, json_extract(networkInterfaces, '$[0]') AS nic, 1.5 AS f, 7 AS n
       FROM google.compute.instances WHERE project = '${P}' AND zone = '${SAMPLE.zones[0]}' LIMIT 1`,
    );
    assert.deepEqual(
      typed.fields.map((f) => f.dataTypeID),
      [25, 16, 25, 701, 20],
    );
    assert.equal(typed.rows[0].deletionprotection ?? typed.rows[0].deletionProtection, false);
    assert.equal(typed.rows[0].f, 1.5);
    const json = await c.query(
      `SELECT labels FROM google.compute.instances WHERE project = '${P}' AND zone = '${SAMPLE.zones[0]}' LIMIT 1`,
    );
    assert.equal(json.fields[0].dataTypeID, 114);
    assert.equal(typeof json.rows[0].labels, 'object', 'json columns arrive parsed');
  } finally {
    await c.end();
  }
});

test('a join, and a parameterised query over the extended protocol', async () => {
  const c = await connect();
  try {
    const j = await c.query(
      `SELECT i.name, b.name AS bucket FROM google.compute.instances i
       JOIN google.storage.buckets b ON b.name = '${P}-assets'
       WHERE i.project = '${P}' AND i.zone = '${SAMPLE.zones[0]}' AND b.project = '${P}' ORDER BY 1`,
    );
    assert.ok(j.rowCount && j.rowCount > 0);
    assert.equal(j.rows[0].bucket, `${P}-assets`);
    const q = await c.query(
      'SELECT name FROM google.storage.buckets WHERE project = $1 AND name LIKE $2 ORDER BY name',
      [P, '%back%'],
    );
    assert.deepEqual(q.rows, [{ name: `${P}-backups` }]);
    const injection = await c.query('SELECT $1 AS v, $2::int + 1 AS n', ["x'); DROP TABLE t; --", 41]);
    assert.equal(injection.rows[0].v, "x'); DROP TABLE t; --");
    assert.equal(Number(injection.rows[0].n), 42);
    const named = {
      name: 'by-project',
      text: 'SELECT count(*) AS n FROM google.storage.buckets WHERE project = $1',
      values: [P],
    };
    assert.equal(Number((await c.query(named)).rows[0].n), SAMPLE.bucketCount);
    assert.equal(
      Number((await c.query(named)).rows[0].n),
      SAMPLE.bucketCount,
      'the prepared statement is reused',
    );
    const unnamed = await c.query(
      'SELECT count(*), max(name) FROM google.storage.buckets WHERE project = $1',
      [P],
    );
    assert.deepEqual(
      unnamed.fields.map((f) => f.name),
      ['count', 'max'],
      "PostgreSQL's names over the extended protocol too",
    );
    await c.query('CREATE TABLE tagged (id INTEGER)');
    const ins = await c.query('INSERT INTO tagged VALUES ($1), ($2)', [1, 2]);
    assert.deepEqual([ins.command, ins.rowCount], ['INSERT', 2]);
  } finally {
    await c.end();
  }
});

test('notices reach the client as NoticeResponses', async () => {
  const c = await connect();
  const notices: string[] = [];
  c.on('notice', (n) => notices.push(n.message ?? ''));
  try {
    await c.query(`SELECT name FROM google.compute.instances WHERE project = '${P}' AND zone LIKE 'us-%'`);
    assert.equal(notices.length, 1);
    assert.match(notices[0], /^notice: zone LIKE 'us-%' is applied by skyql to the zone values/);
  } finally {
    await c.end();
  }
});

test('a failing query gives an ErrorResponse with its SQLSTATE; the connection stays usable', async () => {
  const c = await connect();
  try {
    await assert.rejects(
      c.query('SELECT * FROM google.storage.nosuchresource'),
      (e: Error & { code?: string }) => e.code === '42P01',
    );
    await assert.rejects(c.query('SELEKT 1'), (e: Error & { code?: string }) => e.code === '42601');
    await assert.rejects(
      c.query('SELECT $1 AS x FROM nowhere', ['a']),
      (e: Error & { code?: string }) => e.code === '42000',
    );
    await assert.rejects(
      c.query("ATTACH '/tmp/x.db' AS x"),
      (e: Error & { code?: string }) => e.code === '42501',
    );
    // A NUL inside the query string: the message is refused whole (08P01), never run truncated,
    // and in both protocols the connection goes on (it used to be closed).
    for (const queryMode of [undefined, 'extended'] as const) {
      await assert.rejects(
        c.query({ text: 'SELECT 1 AS a\u0000; DROP TABLE x', ...(queryMode ? { queryMode } : {}) }),
        (e: Error & { code?: string }) => e.code === '08P01',
      );
    }
    assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, '1');
    await c.query('BEGIN');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
});

test('sessions keep views and tables per connection; catalog probes answer', async () => {
  const a = await connect();
  const b = await connect();
  try {
    await a.query(`CREATE VIEW mine AS SELECT name FROM google.storage.buckets WHERE project = '${P}'`);
    assert.equal((await a.query('SELECT count(*) AS n FROM mine')).rows[0].n, String(SAMPLE.bucketCount));
    await assert.rejects(b.query('SELECT * FROM mine'), /no such table/);
    assert.match(
      (await a.query('SELECT version()')).rows[0].version ??
        Object.values((await a.query('SELECT version()')).rows[0])[0],
      /PostgreSQL 14/,
    );
    assert.equal(
      (await a.query('SHOW TRANSACTION ISOLATION LEVEL')).rows[0].transaction_isolation,
      'read committed',
    );
    assert.equal(Object.values((await a.query('SELECT current_schema()')).rows[0])[0], 'public');
    const hstore = await a.query(
      "SELECT t.oid, typarray FROM pg_type t JOIN pg_namespace ns ON typnamespace = ns.oid WHERE typname = 'hstore'",
    );
    assert.equal(hstore.rowCount, 0);
    const rels = await a.query("SELECT relname, relkind FROM pg_catalog.pg_class WHERE relname = 'mine'");
    assert.deepEqual(rels.rows, [{ relname: 'mine', relkind: 'v' }]);
  } finally {
    await a.end();
    await b.end();
  }
});

// the latency is never waited out: the test's timeout catches a cancel that does not work
test('a slow query does not block other clients; pg cancel stops it', { timeout: 60_000 }, async () => {
  emu.faults.add({ id: 'slow', match: '/storage/v1/b', latencyMs: 600_000 });
  const slow = await connect();
  const fast = await connect();
  try {
    const pending = slow.query(`SELECT count(*) FROM google.storage.buckets WHERE project = '${P}'`);
    let slowSettled = false;
    pending.then(
      () => (slowSettled = true),
      () => (slowSettled = true),
    );
    await new Promise((r) => setTimeout(r, 300));
    const served = await fast.query(
      `SELECT name FROM google.compute.instances WHERE project = '${P}' AND zone = '${SAMPLE.zones[0]}'`,
    );
    assert.ok((served.rowCount ?? 0) > 0);
    assert.equal(slowSettled, false, 'the other client was served while the slow query waited');
    const canceller = await connect();
    await canceller.query('SELECT 1');
    // node-postgres cancels through a CancelRequest on a new connection
    const cancelClient = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'tester' });
    (cancelClient as unknown as { cancel(c: pg.Client, q: unknown): void }).cancel(
      slow,
      (slow as unknown as { activeQuery: unknown }).activeQuery,
    );
    await assert.rejects(pending, (e: Error & { code?: string }) => e.code === '57014');
    await canceller.end();
    assert.equal((await slow.query('SELECT 2 AS two')).rows[0].two, '2');
  } finally {
    emu.faults.clear();
    await slow.end();
    await fast.end();
  }
});

test('password (SCRAM-SHA-256) and TLS; wrong passwords and plain connections are refused', async () => {
  const cert = makeCertificate(dir);
  const tls = parseTlsSettings(JSON.stringify({ keyFilePath: cert.keyPath, certFilePath: cert.certPath }));
  const secure = await startTestPgServer(emu, keyPath, { password: 's3cret!', user: 'analyst', tls });
  const ssl = { ca: cert.certPem };
  const c = await connect({ user: 'analyst', password: 's3cret!', ssl }, secure.port);
  try {
    assert.equal((await c.query(SEED)).rowCount, 1);
  } finally {
    await c.end();
  }
  await assert.rejects(
    connect({ user: 'analyst', password: 'wrong', ssl }, secure.port),
    (e: Error & { code?: string }) => e.code === '28P01',
  );
  await assert.rejects(
    connect({ user: 'someone', password: 's3cret!', ssl }, secure.port),
    (e: Error & { code?: string }) => e.code === '28P01',
  );
  await assert.rejects(
    connect({ user: 'analyst', password: 's3cret!' }, secure.port),
    /SSL connection is required/,
  );
});

test('--readonly refuses provider mutations over the wire', async () => {
  const ro = await startTestPgServer(emu, keyPath, { readonly: true });
  const c = await connect({}, ro.port);
  try {
    await assert.rejects(
      c.query(`DELETE FROM google.storage.buckets WHERE bucket = '${P}-assets'`),
      (e: Error & { code?: string }) => e.code === '25006',
    );
    assert.equal((await c.query('SHOW transaction_read_only')).rows[0].transaction_read_only, 'on');
  } finally {
    await c.end();
  }
});

test('a negative numeric parameter stays one value: 10-$1 with -5 is 15, not a comment', async () => {
  const c = await connect();
  try {
    // Parse with the parameter typed int8, as JDBC and others send it
    const types = Object.assign([20], { getTypeParser: pg.types.getTypeParser });
    const texts = (rows: unknown[][]) => rows.map((row) => row.map(String));
    const r = await c.query({
      text: "SELECT 10-$1 AS net, 'visible' AS col2\n, 2 AS z",
      values: [-5],
      types,
      rowMode: 'array',
    });
    assert.deepEqual(texts(r.rows), [['15', 'visible', '2']]);
    // in a provider query: a LIMIT and a pushed-down term
    const typed = Object.assign([25, 25, 20], { getTypeParser: pg.types.getTypeParser });
    const lim = await c.query({
      text: 'SELECT name FROM google.compute.instances WHERE project = $1 AND zone = $2 LIMIT $3',
      values: [P, SAMPLE.zones[0], 1],
      types: typed,
    });
    assert.equal(lim.rowCount, 1);
  } finally {
    await c.end();
  }
});
