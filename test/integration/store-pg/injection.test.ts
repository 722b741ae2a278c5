/**
 * The attacks of issue 15's review of the PostgreSQL backend (findings 1, 2, 4, 7), against a real
 * server as a superuser DSN (the worst case: the attack ran COPY … TO PROGRAM): `--` comments
 * ended by `\r`, user text in statements sent as scripts, planted view text, U& names, functions
 * that run query strings or write inside READ ONLY, and a function shadowing skyql's own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { assertPgReadSql } from '../../../src/core/store/pg/pg-guard.js';
import { PgSession } from '../../../src/core/store/pg/pg-session.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { type CliRun, runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { startStdioMcp, textOf } from '../mcp/mcp-harness.js';

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

/** `skyql srv --readonly` over the test database and a `pg` client connected to it (ended after the test). */
async function readonlySrvClient() {
  const srv = await startSrvProcess(['--readonly', '--sqlBackend', pg.backendJson()]);
  const { pg: driver } = (await import('../../../src/core/store/pg/pg-driver.js')).pgModules();
  const c = new driver.Client({ host: '127.0.0.1', port: srv.port, user: 'alice', database: 'skyql' });
  await c.connect();
  after(() => c.end().catch(() => {}));
  return { srv, c, driver };
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

/**
 * The attacker review's F1: PostgreSQL joins `E'x'`, a line break and `'…'` into one string, in
 * E'' quoting, so `\'` goes on escaping; a guard that read two strings saw only strings and a
 * comment where PostgreSQL ran lo_from_bytea, pg_advisory_lock, setval.
 */
const CONTINUED = {
  select:
    "SELECT E'x'\n'\\' /* ' AS a, lo_from_bytea(0, $$srv$$::bytea) AS z, pg_advisory_lock(99) AS l -- */\n, 1 AS w",
  lowerCr:
    "SELECT e'x' -- c\r'\\' /* ' AS a, lo_from_bytea(0, $$cr$$::bytea) AS z, pg_advisory_lock(98) AS l -- */\n, 1 AS w",
  view: "CREATE VIEW v_evil AS SELECT E'x'\n'\\' /* ' AS a, set_config($$application_name$$, $$pwn$$, false) AS y, lo_from_bytea(0, $$q$$::bytea) AS z -- */\n, 1 AS w",
  tempDefault:
    "CREATE TEMP TABLE t9 (a int, b bigint DEFAULT E'0'\n'\\' /* '::bigint + setval($$seq_f1$$, 4242) -- */\n)",
  tableDefault:
    "CREATE TABLE t10 (a int, b text DEFAULT E'x'\n'\\' || ' , c bigint DEFAULT setval($$seq_f1$$, 4242) --'\n, d int)",
  onConflict:
    "INSERT INTO u_f1 VALUES (1, 'b') ON CONFLICT (k) DO UPDATE SET v = E'x'\n'\\' || ' || setval($$seq_f1$$, 777)::text --'\nWHERE true",
};

/** Nothing the payloads call has happened: no large object, no advisory lock, the sequence untouched. */
async function assertNoEffects(): Promise<void> {
  const [state] = await pg.sql(
    `SELECT (SELECT count(*)::int FROM pg_largeobject_metadata) AS los,
       (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS locks,
       (SELECT last_value::int FROM seq_f1) AS seq,
       (SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'pwn') AS named,
       (SELECT count(*)::int FROM skyql.views WHERE name = 'v_evil') AS views,
       (SELECT string_agg(v, ',') FROM u_f1) AS u`,
  );
  assert.deepEqual(state, { los: 0, locks: 0, seq: 1, named: 0, views: 0, u: 'a' });
}

const continuedRefusal = /string literal continued on a later line is not allowed/;

test(
  'a string continued on a later line is refused by exec: queries, views, column defaults, ON CONFLICT',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql(
      "CREATE SEQUENCE seq_f1; CREATE TABLE u_f1 (k int PRIMARY KEY, v text); INSERT INTO u_f1 VALUES (1, 'a')",
    );
    for (const [name, sql] of Object.entries(CONTINUED)) {
      const r = await exec(sql);
      assert.notEqual(r.code, 0, name);
      assert.match(r.stderr, continuedRefusal, name);
      assert.match(r.stderr, /join the parts with \|\|/, name);
    }
    // the whole script is refused when one of its statements is
    const script = await exec(`SELECT 1 AS ok;\n${CONTINUED.select};\nSELECT 2 AS ok`);
    assert.notEqual(script.code, 0);
    await assertNoEffects();
    for (const t of ['t10']) assert.ok(!(await exists(t)), t);
    // ordinary strings on one line, and parts joined with ||, still work
    const fine = await exec("SELECT E'x\\'y' AS a, 'p' ||\n'q' AS b");
    assert.equal(fine.code, 0, fine.stderr);
    assert.deepEqual(JSON.parse(fine.stdout), [{ a: "x'y", b: 'pq' }]);
  },
);

test(
  'the store refuses continued strings whatever the path (read, view text, table definition)',
  NEEDS_POSTGRES,
  async () => {
    await assert.rejects(store.read(CONTINUED.select), forbidden);
    await assert.rejects(store.read(CONTINUED.lowerCr), forbidden);
    const viewQuery = CONTINUED.view.replace('CREATE VIEW v_evil AS ', '');
    await assert.rejects(
      store.views.put({ name: 'v_evil', query: viewQuery, materialized: false }),
      forbidden,
    );
    await assert.rejects(
      store.createTable(
        't11',
        "a int, b bigint DEFAULT E'0'\n'\\' /* '::bigint + setval($$seq_f1$$, 4242) -- */\n",
        {
          ifNotExists: false,
          strict: false,
        },
      ),
      forbidden,
    );
    // a view text planted in skyql.views by someone else is refused when it is used
    await pg.sql(
      `INSERT INTO skyql.views (name, query, materialized) VALUES ('v_planted_f1', $v$${viewQuery}$v$, false)`,
    );
    const used = await exec('SELECT * FROM v_planted_f1');
    assert.notEqual(used.code, 0);
    assert.match(used.stderr, continuedRefusal);
    await pg.sql("DELETE FROM skyql.views WHERE name = 'v_planted_f1'");
    await assertNoEffects();
  },
);

test(
  'srv over PostgreSQL: continued strings refused over the simple and the extended protocol; numeric parameters stay one value',
  NEEDS_POSTGRES,
  async () => {
    const { srv, c, driver } = await readonlySrvClient();
    await assert.rejects(c.query(CONTINUED.select), continuedRefusal); // simple query
    await assert.rejects(c.query({ text: CONTINUED.select, name: 'f1' }), continuedRefusal); // Parse/Bind/Execute
    await assert.rejects(c.query(CONTINUED.view)); // --readonly or the guard: either refuses it
    if (hasPsql) {
      const conn = `host=127.0.0.1 port=${srv.port} user=alice dbname=skyql sslmode=disable`;
      const r = spawnSync('psql', [conn, '-X', '-c', CONTINUED.lowerCr], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, continuedRefusal);
    }
    // F2: 10-$1 with an int8 -5 was inlined as 10--5, a comment hiding the rest of the line
    const types = Object.assign([20], { getTypeParser: driver.types.getTypeParser });
    const neg = await c.query({
      text: "SELECT 10-$1 AS net, 'visible' AS col2\n, 2 AS z",
      values: [-5],
      types,
      rowMode: 'array',
    });
    const texts = (rows: unknown[][]) => rows.map((row) => row.map(String));
    assert.deepEqual(texts(neg.rows), [['15', 'visible', '2']]);
    const cast = await c.query({
      text: 'SELECT $1::text AS t, 2^$1 AS p',
      values: [-5],
      types,
      rowMode: 'array',
    });
    assert.deepEqual(texts(cast.rows), [['-5', '0.03125']]);
    // L5: a $1 with no value is this statement's error; the connection (and its PostgreSQL one) goes on
    const before = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
    await assert.rejects(
      c.query('SELECT $1 AS a'),
      (e: Error & { code?: string }) =>
        e.code !== '08006' && /bind message supplies 0 parameters/.test(e.message),
    );
    assert.equal((await c.query('SELECT pg_backend_pid() AS p')).rows[0].p, before);
    await assertNoEffects();
  },
);

test(
  'mcp over PostgreSQL (read_only): run_select_query refuses a continued string',
  NEEDS_POSTGRES,
  async () => {
    const audit = JSON.stringify({ audit: { disabled: true } });
    const mcp = await startStdioMcp(
      ['--mcp.mode', 'read_only', '--mcp.config', audit, '--sqlBackend', pg.backendJson()],
      undefined,
    );
    const r = await mcp.call('run_select_query', { sql: CONTINUED.select });
    assert.equal(r.isError, true);
    assert.match(textOf(r), continuedRefusal);
    await assertNoEffects();
  },
);

test(
  'fuzz: whatever the guard lets through, PostgreSQL never runs a refused call hidden by quotes and comments',
  NEEDS_POSTGRES,
  async () => {
    const SEED = Number(process.env.SKYQL_FUZZ_SEED ?? 1511);
    const runs = Number(process.env.SKYQL_FUZZ_RUNS ?? 1500);
    let a = SEED >>> 0;
    const rand = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const LONG = `$${'T'.repeat(220)}$`;
    const OPEN = ["E'x", "e'x", "'x", "U&'x", "B'0", "X'f", "N'x", '$$x', "E'\\\\", `${LONG}x`];
    const GAP = ['\n', '\r', '\r\n', ' -- c\n', '\n--c\n', ' /* c */\n', ' ', '\t\n\f', ''];
    const BODY = ["\\' /* ", "\\' -- ", "' /* ", "'' ", '\\\\', "\\'", ' ', "$$ '", `${LONG} '`];
    const CALL = [
      'pg_advisory_lock(4242)',
      "lo_from_bytea(0, 'f'::bytea)",
      'pg_advisory_lock(4243) AS l',
      '(4244::bigint).pg_advisory_lock AS l',
      '(ARRAY[4245::bigint])[1] . "pg_advisory_lock"',
    ];
    const TAIL = [' -- */\n', " '", " --'\n", ' */ ', '', "'"];
    // the real path: the guard on the final text, one Parse/Bind/Execute, a READ ONLY transaction
    let accepted = 0;
    for (let r = 0; r < runs; r++) {
      const sql = `SELECT ${pick(OPEN)}'${pick(GAP)}'${pick(BODY)}' AS a, ${pick(CALL)}${pick(TAIL)}${pick(GAP)}, 1 AS w`;
      try {
        assertPgReadSql(sql);
        accepted++;
      } catch {
        // refused: store.read refuses it too
      }
      await store.read(sql).catch(() => {});
    }
    assert.ok(accepted > 0, 'some texts pass the guard (plain strings, refused calls inside strings)');
    const [state] = await pg.sql(
      "SELECT (SELECT count(*)::int FROM pg_largeobject_metadata) AS los, (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS locks",
    );
    assert.deepEqual(state, { los: 0, locks: 0 }, `seed ${SEED}`);
  },
);

/**
 * The second attacker review's N1 (a dollar tag longer than the guard's 200-character window read
 * as `$` and a word, so the quoted body ran as code), N2 (attribute notation: PostgreSQL runs
 * `(x).f` as `f(x)`, no `(` after the name) and N5 (a TEMP table's LIKE … INCLUDING DEFAULTS copies
 * a shared table's nextval() default, run by each INSERT with write access), over srv --readonly.
 */
const LONG_TAG = `$${'T'.repeat(200)}$`;
const ATTACKS_N1_N2 = [
  `SELECT ${LONG_TAG} ' ${LONG_TAG} AS a, lo_from_bytea(0,'dq'::bytea) AS c, set_config('application_name','pwned',false) AS b -- '`,
  `SELECT ${'$'}${'T'.repeat(5000)}$ ' ${'$'}${'T'.repeat(5000)}$ AS a, pg_advisory_lock(4242) AS b -- '`,
  'SELECT (4242::bigint).pg_advisory_lock AS l',
  'SELECT (ARRAY[4243::bigint])[1].pg_advisory_lock AS l',
  "SELECT count((pid).pg_terminate_backend) FROM pg_stat_activity WHERE application_name = 'nobody'",
  "SELECT ('SELECT to_tsvector(set_config(''application_name'', ''pwned'', false) || lo_from_bytea(0, ''tsstat''::bytea)::text)'::text).ts_stat AS s",
  `SELECT ('SELECT to_tsvector(set_config(''application_name'', ''pwned'', false))'::text)."ts_stat" AS s`,
  "SELECT (('seq_n5'::regclass).nextval) AS n",
];

async function assertNoN2Effects(): Promise<void> {
  const [state] = await pg.sql(
    `SELECT (SELECT count(*)::int FROM pg_largeobject_metadata) AS los,
       (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS locks,
       (SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'pwned') AS named,
       (SELECT is_called FROM seq_n5) AS seq,
       (SELECT is_called FROM victim_n5_id_seq) AS victim_seq`,
  );
  assert.deepEqual(state, { los: 0, locks: 0, named: 0, seq: false, victim_seq: false });
}

test(
  'long dollar tags and (x).f calls are refused by the store; PostgreSQL ran nothing (review N1, N2)',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE SEQUENCE seq_n5; CREATE TABLE victim_n5 (id serial, v text)');
    for (const sql of ATTACKS_N1_N2) {
      await assert.rejects(store.read(sql), forbidden, sql.slice(0, 80));
      await assert.rejects(store.selectInto(sql, { table: 'n2_out', replace: true }), forbidden);
    }
    // a long tag still quotes what it should: the call inside is text
    const r = await store.read(`SELECT ${LONG_TAG}pg_advisory_lock(1)${LONG_TAG} AS s`);
    assert.deepEqual(r.rows, [['pg_advisory_lock(1)']]);
    await assertNoN2Effects();
  },
);

test(
  'srv --readonly over PostgreSQL: (x).f calls, long dollar tags and LIKE … INCLUDING DEFAULTS are refused (review N1, N2, N5, N6)',
  NEEDS_POSTGRES,
  async () => {
    const { c } = await readonlySrvClient();
    for (const sql of ATTACKS_N1_N2) await assert.rejects(c.query(sql), /is not allowed/, sql.slice(0, 80));
    await assert.rejects(
      c.query('CREATE TEMP TABLE t_n5 (LIKE victim_n5 INCLUDING DEFAULTS)'),
      /INCLUDING DEFAULTS in CREATE TEMP TABLE t_n5 is not allowed: this session is read-only/,
    );
    await assert.rejects(c.query('CREATE TEMP TABLE t_n5 (LIKE victim_n5 INCLUDING ALL)'), /read-only/);
    await assert.rejects(
      c.query("CREATE TEMP TABLE t_n5 (id int DEFAULT (('victim_n5_id_seq'::regclass).nextval), v text)"),
      /nextval\(\) called as a field/,
    );
    await assert.rejects(
      c.query("CREATE TEMP TABLE t_n5 (id int DEFAULT nextval('victim_n5_id_seq'), v text)"),
      /nextval\(\) is not allowed/,
    );
    await assert.rejects(c.query("INSERT INTO t_n5 (v) VALUES ('a')"));
    // a plain LIKE (names, types, NOT NULL) is the session's own table
    await c.query('CREATE TEMP TABLE t_n5c (LIKE victim_n5)');
    await c.query("INSERT INTO t_n5c VALUES (1, 'a')");
    assert.deepEqual((await c.query('SELECT id::text AS id, v FROM t_n5c')).rows, [{ id: '1', v: 'a' }]);
    // N6: a bound string after a closing quote stays its own token (PostgreSQL: a syntax error, not E'a''x\'…)
    await assert.rejects(c.query({ text: "SELECT E'a'$1 AS s, 'b' AS t -- '", values: ["x\\'"] }));
    const ok = await c.query({ text: 'SELECT $1::text AS s', values: ["x\\'"] });
    assert.deepEqual(ok.rows, [{ s: "x\\'" }]);
    await assertNoN2Effects();
  },
);
