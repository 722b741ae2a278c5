/**
 * The life of skyql's tables on PostgreSQL as a user meets it: CREATE TABLE … AS never drops a
 * table; REFRESH keeps the table (OID, grants, indexes, comments, dependent views) and names a
 * change of columns; `--shard` refuses statements that would replace a whole table; a target is
 * checked before any API call; TEMP tables are the session's own; a role without CREATE on the
 * database works in pre-created schemas; messages keep schema names and never cut words.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { type CliRun, runCli } from '../../support/run-cli.js';

const P = SAMPLE.project;
const FIREWALLS = `SELECT name, priority FROM google.compute.firewalls WHERE project = '${P}'`;

let pg: RunningPostgres;
let api: string[] = [];
/** An endpoint nothing listens on: a statement that reaches the API fails with a network error. */
let deadApi: string[] = [];
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  const emu = await startSampleEmulator();
  const auth = JSON.stringify({ google: { type: 'service_account', credentialsfilepath: emu.keyPath } });
  api = ['--endpoint', `google=${emu.emu.url}`, '--auth', auth];
  deadApi = ['--endpoint', 'google=http://127.0.0.1:9', '--auth', auth, '--http.connectTimeout', '2'];
  await pg.sql('CREATE SCHEMA inv; CREATE ROLE grafana');
}

function exec(sql: string, extra: readonly string[] = [], backend = pg.backendJson()): Promise<CliRun> {
  return runCli(['exec', ...api, '--sqlBackend', backend, '-o', 'json', ...extra, sql]);
}

async function ok(sql: string, extra: readonly string[] = []): Promise<string> {
  const r = await exec(sql, extra);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.trim(), '', sql);
  return r.stdout;
}

const oid = async (table: string) => Number((await pg.sql(`SELECT '${table}'::regclass::oid AS o`))[0].o);

test(
  'REFRESH and CREATE OR REPLACE MATERIALIZED VIEW keep the table: OID, grants, index, comment, dependent view',
  NEEDS_POSTGRES,
  async () => {
    await ok(`CREATE MATERIALIZED VIEW fw_snap AS ${FIREWALLS}`);
    const before = await oid('fw_snap');
    await pg.sql(`GRANT SELECT ON fw_snap TO grafana; CREATE INDEX fw_snap_name ON fw_snap (name);
      COMMENT ON TABLE fw_snap IS 'firewalls'; CREATE VIEW fw_names AS SELECT name FROM fw_snap`);
    await ok('REFRESH MATERIALIZED VIEW fw_snap');
    await ok(`CREATE OR REPLACE MATERIALIZED VIEW fw_snap AS ${FIREWALLS}`);
    assert.equal(await oid('fw_snap'), before, 'the same table');
    const [kept] = await pg.sql(`SELECT has_table_privilege('grafana', 'fw_snap', 'SELECT') AS granted,
      to_regclass('fw_snap_name') IS NOT NULL AS indexed, obj_description('fw_snap'::regclass) AS comment,
      (SELECT count(*)::int FROM fw_names) AS n, (SELECT count(*)::int FROM fw_snap) AS m`);
    assert.deepEqual(
      { ...kept, n: (kept.n as number) > 0 },
      { granted: true, indexed: true, comment: 'firewalls', n: true, m: kept.n },
    );
    // a changed shape: REFRESH says what changed and keeps the rows; CREATE OR REPLACE names the dependent view
    await ok('CREATE TABLE src AS SELECT 1 AS a');
    await ok('CREATE MATERIALIZED VIEW mv AS SELECT * FROM src');
    await pg.sql('ALTER TABLE src ADD COLUMN b text');
    const refresh = await exec('REFRESH MATERIALIZED VIEW mv');
    assert.match(refresh.stderr, /materialized view mv no longer fits its table: new column\(s\) b/);
    assert.match(refresh.stderr, /CREATE OR REPLACE MATERIALIZED VIEW mv/);
    await pg.sql('CREATE VIEW mv_reader AS SELECT a FROM mv');
    const redefine = await exec('CREATE OR REPLACE MATERIALIZED VIEW mv AS SELECT * FROM src');
    assert.match(redefine.stderr, /other objects depend on it/);
    await pg.sql('DROP VIEW mv_reader');
    await ok('CREATE OR REPLACE MATERIALIZED VIEW mv AS SELECT * FROM src');
    assert.deepEqual(await pg.sql('SELECT a, b FROM mv'), [{ a: 1, b: null }]);
    // DROP VIEW on a materialized view says what it is
    assert.match(
      (await exec('DROP VIEW fw_snap')).stderr,
      /'fw_snap' is a materialized view.*DROP MATERIALIZED VIEW fw_snap/s,
    );
  },
);

test(
  'CREATE TABLE … AS never drops a table that appeared meanwhile: "already exists"',
  NEEDS_POSTGRES,
  async () => {
    const store = new PgStore(pg.backend());
    after(() => store.close());
    await pg.sql('CREATE TABLE inv.raced (x int); INSERT INTO inv.raced VALUES (7)');
    const table = { schema: 'inv', name: 'raced' };
    await assert.rejects(
      store.selectInto('SELECT 1 AS y', { table, replace: true, existing: 'fail' }),
      /SQL error: table inv\.raced already exists/,
    );
    assert.equal(await store.selectInto('SELECT 1 AS y', { table, replace: true, existing: 'ignore' }), 0);
    assert.deepEqual(await pg.sql('SELECT x FROM inv.raced'), [{ x: 7 }], 'untouched');
    const r = await exec(`CREATE TABLE inv.raced AS ${FIREWALLS}`);
    assert.match(r.stderr, /table inv\.raced already exists/);
  },
);

test(
  '--shard: whole-table replacements are refused before any call, with a hint',
  NEEDS_POSTGRES,
  async () => {
    const shard = ['--shard', '1/3'];
    const cases: Array<[string, RegExp]> = [
      [
        `CREATE TABLE inv.sharded AS ${FIREWALLS}`,
        /would hold this shard's rows only.*CREATE TABLE IF NOT EXISTS inv\.sharded AS/s,
      ],
      [
        `CREATE MATERIALIZED VIEW sharded_mv AS ${FIREWALLS}`,
        /would replace its rows with this shard's only.*_shard/s,
      ],
      ['REFRESH MATERIALIZED VIEW fw_snap', /REFRESH MATERIALIZED VIEW fw_snap under --shard 1\/3/],
    ];
    for (const [sql, message] of cases) {
      const r = await runCli(['exec', ...deadApi, '--sqlBackend', pg.backendJson(), ...shard, sql]);
      assert.match(r.stderr, message, sql);
    }
    assert.deepEqual(await pg.sql("SELECT to_regclass('inv.sharded') AS t"), [{ t: null }]);
    // the _shard mode and a query without provider tables stay allowed
    await ok(`CREATE TABLE IF NOT EXISTS inv.sharded AS ${FIREWALLS}`, shard);
    await ok('CREATE TABLE inv.local_only AS SELECT 1 AS a', shard);
  },
);

test(
  'the target of CREATE TABLE … AS and INSERT INTO is checked before any API call',
  NEEDS_POSTGRES,
  async () => {
    const run = (sql: string) => runCli(['exec', ...deadApi, '--sqlBackend', pg.backendJson(), sql]);
    const noSchema = await run(`CREATE TABLE nowhere.instances AS ${FIREWALLS}`);
    assert.match(
      noSchema.stderr,
      /schema "nowhere" does not exist \(nowhere\.instances\).*CREATE SCHEMA nowhere/s,
    );
    const noTable = await run(`INSERT INTO inv.nosuch ${FIREWALLS}`);
    assert.match(noTable.stderr, /table inv\.nosuch does not exist/);
    await pg.sql('CREATE TABLE inv.present (a int)');
    const present = await run(`CREATE TABLE inv.present AS ${FIREWALLS}`);
    assert.match(present.stderr, /table inv\.present already exists/);
    for (const r of [noSchema, noTable, present]) assert.doesNotMatch(r.stderr, /127\.0\.0\.1:9|connect/i);
    // EXPLAIN keeps the schema
    const explain = await exec(
      `EXPLAIN INSERT INTO inv.present SELECT priority FROM google.compute.firewalls WHERE project = '${P}'`,
    );
    assert.match(explain.stdout, /stores the rows of step \d+ in inv\.present/);
  },
);

test("CREATE TEMP TABLE is the session's own temporary table", NEEDS_POSTGRES, async () => {
  const script = `CREATE TEMP TABLE tt (a int);
    INSERT INTO tt SELECT 1;
    CREATE TEMPORARY TABLE tf AS ${FIREWALLS};
    DELETE FROM tf WHERE priority > 999999;
    SELECT (SELECT count(*) FROM tt) AS a, (SELECT count(*) > 0 FROM tf) AS f,
      (SELECT relpersistence FROM pg_class WHERE oid = 'tt'::regclass) AS p`;
  const rows = (s: string) =>
    s
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('['))
      .map((l) => JSON.parse(l));
  for (let i = 0; i < 2; i++) {
    const out = await ok(script);
    assert.deepEqual(rows(out).at(-1), [{ a: 1, f: true, p: 't' }], 'a second run creates them again');
  }
  assert.deepEqual(
    await pg.sql(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('tt', 'tf') AND relpersistence = 'p'",
    ),
    [{ n: 0 }],
  );
});

test('a role without CREATE on the database works in pre-created schemas', NEEDS_POSTGRES, async () => {
  await pg.sql('CREATE ROLE lim LOGIN');
  await pg.createDatabase('lim');
  await pg.sql('REVOKE ALL ON DATABASE lim FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE lim TO lim');
  await pg.sql('CREATE SCHEMA skyql AUTHORIZATION lim; CREATE SCHEMA inv AUTHORIZATION lim', 'lim');
  const backend = JSON.stringify({
    dbEngine: 'postgres_tcp',
    dsn: `postgres://lim@127.0.0.1:${pg.port}/lim`,
    schemata: { tableSchema: 'inv' },
  });
  const r = await exec(
    `CREATE TABLE fw AS ${FIREWALLS}; CREATE MATERIALIZED VIEW fm AS SELECT * FROM fw; SELECT count(*) > 0 AS ok FROM fm`,
    [],
    backend,
  );
  assert.equal(r.stderr.trim(), '');
  assert.match(r.stdout, /"ok":true/);
});

test(
  '--sqlBackend: unknown keys, sslmode and a cancelled statement print one clear line',
  NEEDS_POSTGRES,
  async () => {
    const typo = JSON.stringify({ dbEngine: 'postgres_tcp', dsn: pg.dsn, schemata: { tableSchem: 'inv' } });
    assert.match(
      (await exec('SELECT 1', [], typo)).stderr,
      /unknown key "schemata\.tableSchem".*schemata\.tableSchema/s,
    );
    const ssl = JSON.stringify({ dbEngine: 'postgres_tcp', dsn: `${pg.dsn}?sslmode=require` });
    const refused = await exec('SELECT 1', [], ssl);
    assert.match(refused.stderr, /does not support SSL/);
    assert.doesNotMatch(refused.stderr, /SECURITY WARNING/);
    const slow = await exec('SELECT pg_sleep(20)', ['--execution.timeout', '1']);
    assert.match(slow.stderr, /statement timeout/);
    assert.doesNotMatch(slow.stderr, /Deprecation|activeQuery/);
  },
);
