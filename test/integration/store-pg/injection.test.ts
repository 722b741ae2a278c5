/**
 * The attacks of issue 15's review of the PostgreSQL backend (findings 1, 2, 4, 7), against a real
 * server as a superuser DSN (the worst case: the attack ran COPY … TO PROGRAM): `--` comments
 * ended by `\r`, user text in statements sent as scripts, planted view text, U& names, functions
 * that run query strings or write inside READ ONLY, and a function shadowing skyql's own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { PgSession } from '../../../src/core/store/pg/pg-session.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { type CliRun, runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';

const hasPsql = spawnSync('psql', ['--version']).status === 0;

let pg: RunningPostgres;
let store: PgStore;
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  store = new PgStore(pg.backend());
  await store.open();
  after(() => store.close());
}

const exists = async (table: string) =>
  (await pg.sql(`SELECT to_regclass('${table}') IS NOT NULL AS t`))[0].t === true;

const forbidden = (e: Error & { code?: string }) => e.code === 'FORBIDDEN_SQL' || e.code === 'PARSE_ERROR';

function exec(sql: string): Promise<CliRun> {
  return runCli(['exec', '--sqlBackend', pg.backendJson(), '-o', 'json', sql]);
}

test(
  'a -- comment ended by \\r hides no statement from the store (\\r, \\r\\n, lone \\r)',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE TABLE important (i int)');
    for (const eol of ['\r', '\r\n']) {
      const definition = `a --x${eol} int); DROP TABLE important; CREATE TABLE zz (b --\n int`;
      await assert.rejects(
        store.createTable('t1', definition, { ifNotExists: false, strict: false }),
        forbidden,
      );
      await assert.rejects(
        store.createTable('t1', definition, { ifNotExists: true, strict: false }),
        forbidden,
      );
      const ctas = `SELECT 1 AS a, --x${eol} 2 AS b; CREATE TABLE marker_ctas (i int); CREATE TEMP TABLE qq AS SELECT --\n 3 AS c`;
      await assert.rejects(store.selectInto(ctas, { table: 't4', replace: true }), forbidden);
      await assert.rejects(
        store.read(`SELECT 1 --x${eol}; COMMIT; CREATE TABLE marker_read (i int)`),
        forbidden,
      );
      const capped = new PgStore(pg.backend(), { maxResultBytes: 1000 });
      await assert.rejects(
        capped.read(`SELECT 1 --x${eol}; COMMIT; CREATE TABLE marker_cursor (i int)`),
        forbidden,
      );
      await capped.close();
    }
    assert.ok(await exists('important'));
    for (const t of ['t1', 'zz', 't4', 'marker_ctas', 'marker_read', 'marker_cursor'])
      assert.ok(!(await exists(t)), t);
  },
);

test(
  'exec splits a script where PostgreSQL does: the text after \\r is a statement of its own',
  NEEDS_POSTGRES,
  async () => {
    const r = await exec('CREATE TABLE t5 (a --x\r int, b text); SELECT 1 AS a, --x\r 2 AS b');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [{ a: 1, b: 2 }]);
    const cols = await pg.sql(
      "SELECT string_agg(attname, ',' ORDER BY attnum) AS c FROM pg_attribute WHERE attrelid = 't5'::regclass AND attnum > 0",
    );
    assert.equal(cols[0].c, 'a,b');
  },
);

test(
  'user text never goes as a script: the extended protocol refuses a second statement',
  NEEDS_POSTGRES,
  async () => {
    const { pg: driver } = (await import('../../../src/core/store/pg/pg-driver.js')).pgModules();
    const c = new driver.Client({ connectionString: pg.dsn });
    await c.connect();
    after(() => c.end());
    await assert.rejects(
      PgSession.command(c, 'SELECT 1; CREATE TABLE marker_script (i int)'),
      /multiple commands/,
    );
    assert.ok(!(await exists('marker_script')));
  },
);

test(
  'a planted view text is refused on use and on store; the view can still be dropped',
  NEEDS_POSTGRES,
  async () => {
    const planted =
      'SELECT 1 AS a, --x\r 1 AS b) q; CREATE TABLE marker_planted AS SELECT current_user AS who; CREATE TEMP TABLE qq7 AS SELECT * FROM (SELECT --\n 2 AS b';
    await pg.sql(`INSERT INTO skyql.views (name, query, materialized) VALUES ('v7', $v$${planted}$v$, false),
    ('mv7', $v$${planted}$v$, true)`);
    await pg.sql('CREATE TABLE mv7 (a int, b int)');
    for (const sql of [
      'CREATE TABLE report2 AS SELECT * FROM v7',
      'SELECT * FROM v7',
      'REFRESH MATERIALIZED VIEW mv7',
    ]) {
      const r = await exec(sql);
      assert.notEqual(r.code, 0, sql);
      assert.match(r.stderr, /not allowed|without a matching/, sql);
    }
    assert.ok(!(await exists('marker_planted')));
    assert.ok(!(await exists('report2')));
    await assert.rejects(store.views.put({ name: 'v8', query: planted, materialized: false }), forbidden);
    const drop = await exec('DROP VIEW v7; DROP MATERIALIZED VIEW mv7');
    assert.equal(drop.code, 0, drop.stderr);
    assert.deepEqual(await pg.sql("SELECT name FROM skyql.views WHERE name IN ('v7', 'mv7', 'v8')"), []);
  },
);

test('U& names, query-string functions and writes inside READ ONLY are refused', NEEDS_POSTGRES, async () => {
  for (const sql of [
    `SELECT U&"set\\005fconfig"('application_name','pwned2',false)`,
    `SELECT U&"pg!005fread!005ffile" UESCAPE '!' ('/etc/hostname')`,
    "SELECT * FROM ts_stat('SELECT to_tsvector(set_config(''application_name'',''tsstat'',false))')",
    "SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, ''b''::tsquery')",
    "SELECT query_to_xml('SELECT set_config(''application_name'',''x'',false)', true, false, '')",
    'SELECT lo_creat(-1)',
    "SELECT lo_from_bytea(0, 'x')",
    'SELECT pg_try_advisory_lock(7461823004)',
    'SELECT pg_advisory_lock_shared(1)',
    "SELECT pg_notify('c', 'x')",
    'SELECT pg_current_xact_id()',
    'SELECT txid_current()',
    "SELECT 1 AS a, --x\r set_config('application_name','cr',false)",
  ])
    await assert.rejects(store.read(sql), forbidden, sql);
  const [state] = await pg.sql(
    "SELECT count(*)::int AS los, (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS locks, (SELECT count(*)::int FROM pg_stat_activity WHERE application_name IN ('pwned2','tsstat','x','cr')) AS named FROM pg_largeobject_metadata",
  );
  assert.deepEqual(state, { los: 0, locks: 0, named: 0 });
});

test("another role's public.json_extract does not shadow skyql's", NEEDS_POSTGRES, async () => {
  await pg.sql(`CREATE FUNCTION public.json_extract(j jsonb, p text) RETURNS text LANGUAGE sql AS $f$ SELECT 'shadowed' $f$;
    CREATE FUNCTION public.json_equal(a text, b text) RETURNS boolean LANGUAGE sql AS $f$ SELECT false $f$`);
  const fresh = new PgStore(pg.backend());
  after(() => fresh.close());
  const r = await fresh.read(
    `SELECT json_extract('{"a": {"b": 7}}'::jsonb, '$.a.b') AS v, json_equal('{"x":1}', '{ "x": 1 }') AS e`,
  );
  assert.deepEqual(r.rows, [['7', true]]);
  await fresh.selectInto(`SELECT json_extract('{"a": 1}'::jsonb, '$.a') AS v`, {
    table: 'unshadowed',
    replace: true,
  });
  assert.deepEqual(await pg.sql('SELECT v FROM unshadowed'), [{ v: '1' }]);
});

test('the stage keeps the query types: CREATE TABLE … AS and INSERT … SELECT', NEEDS_POSTGRES, async () => {
  const r = await exec(
    `CREATE TABLE typed AS SELECT 1.5::numeric(10,2) AS n, 'x'::varchar(5) AS v, 'u' AS u, ARRAY[1,2] AS arr, now() AS ts;
     INSERT INTO typed SELECT 2, 'y', 'w', ARRAY[3], now()`,
  );
  assert.equal(r.code, 0, r.stderr);
  const types = await pg.sql(
    "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) AS t FROM pg_attribute WHERE attrelid = 'typed'::regclass AND attnum > 0",
  );
  assert.equal(types[0].t, 'numeric(10,2),character varying(5),text,integer[],timestamp with time zone');
  assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM typed'), [{ n: 2 }]);
});

test('srv over PostgreSQL: psql sees a \\r-ended comment as PostgreSQL does; CREATE TABLE … AS SELECT pg_sleep is a table statement', {
  skip: NEEDS_POSTGRES.skip || (!hasPsql && 'psql is not installed'),
}, async () => {
  const srv = await startSrvProcess(['--sqlBackend', pg.backendJson()]);
  const conn = `host=127.0.0.1 port=${srv.port} user=alice dbname=skyql sslmode=disable`;
  const psql = (sql: string) =>
    spawnSync('psql', [conn, '-X', '-A', '-F', ',', '-c', sql], {
      encoding: 'utf8',
      env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
    });
  const two = psql('SELECT 1 AS a, --x\r 2 AS b');
  assert.equal(two.status, 0, two.stderr);
  assert.match(two.stdout, /^a,b\n1,2\n/);
  const hidden = psql("SELECT 1 AS a, --x\r set_config('application_name','srv',false) AS b");
  assert.notEqual(hidden.status, 0);
  assert.match(hidden.stderr, /set_config\(\) is not allowed/);
  const sleep = psql('CREATE TABLE slept AS SELECT 1 AS n FROM pg_sleep(0)');
  assert.equal(sleep.status, 0, sleep.stderr);
  assert.ok(await exists('slept'));
});
