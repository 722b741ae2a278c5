import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import type { Session } from '../../../src/core/engine/session.js';
import { pgModules } from '../../../src/core/store/pg/pg-driver.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';

/**
 * PostgreSQL's own syntax and types through skyql with the PostgreSQL backend (issue 15): JSON and
 * array operators, `$$` strings, mixed-case columns of local tables, INSERT … ON CONFLICT, exact
 * numeric, column names, and over `skyql srv` type OIDs, binary results and SET statement_timeout.
 * SQLite keeps refusing what it does not have, with hints that say so.
 */

const P = SAMPLE.project;
const [Z1] = SAMPLE.zones;
const INSTANCES = `google.compute.instances WHERE project = '${P}' AND zone = '${Z1}'`;

let pg: RunningPostgres;
let pgs: Session;
let lite: Session;
let emuInfo: Awaited<ReturnType<typeof startSampleEmulator>>;
let api: string[] = [];
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  emuInfo = await startSampleEmulator();
  pgs = emulatorSession(emuInfo.emu, emuInfo.keyPath, { sqlBackend: pg.backend() }).session;
  lite = emulatorSession(emuInfo.emu, emuInfo.keyPath).session;
  await pgs.open();
  api = [
    '--endpoint',
    `google=${emuInfo.emu.url}`,
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: emuInfo.keyPath } }),
  ];
}

/** Runs a script; the last statement's result. Throws the first failure. */
async function run(session: Session, sql: string, rowCount?: (n: number) => void): Promise<ResultSet> {
  let last: ResultSet | undefined;
  for await (const outcome of session.run(sql, { rowCount })) {
    if (!outcome.ok) throw outcome.error;
    last = outcome.result;
  }
  return last ?? { columns: [], rows: [] };
}

const failure = async (session: Session, sql: string) => {
  for await (const outcome of session.run(sql)) if (!outcome.ok) return outcome.error;
  assert.fail(`expected ${sql} to fail`);
};

test(
  "PostgreSQL's operators, arrays and dollar-quoted strings pass through skyql's parser",
  NEEDS_POSTGRES,
  async () => {
    const r = await run(
      pgs,
      `SELECT '{"env":"prod"}'::jsonb @> '{"env":"prod"}' AS contains, '{"a":1}'::jsonb <@ '{"a":1,"b":2}' AS within,
       '{"env":{"x":"y"}}'::jsonb #>> '{env,x}' AS path, '{"env":1}'::jsonb ? 'env' AS has,
       '{"a":1}'::jsonb ?| array['a','b'] AS any_key, '{"a":1,"b":2}'::jsonb ?& array['a','b'] AS all_keys,
       '{"a":{"b":1}}'::jsonb #- '{a,b}' AS removed, '{"a":[1,2]}'::jsonb @? '$.a[*] ? (@ > 1)' AS path_match,
       to_tsvector('simple', 'big cat') @@ to_tsquery('simple', 'cat') AS text_match,
       (ARRAY[10,20,30])[2] AS second, (ARRAY[10,20,30])[2:3] AS slice, '{env}'::text[] AS arr,
       'RUNNING' = ANY(ARRAY['RUNNING','STOPPED']) AS any_of, $$it's; here$$ AS dollar, $t$x$t$ AS tagged,
       E'a\\'b' AS escaped /* a /* nested */ comment */`,
    );
    assert.deepEqual(r.rows, [
      [
        true,
        true,
        'y',
        true,
        true,
        true,
        '{"a":{}}',
        true,
        true,
        20,
        '{20,30}',
        '{env}',
        true,
        "it's; here",
        'x',
        "a'b",
      ],
    ]);
    // over provider rows, with a $$ string holding a ; and quotes in a script of two statements
    const vms = await run(
      pgs,
      `SELECT 1; SELECT name FROM ${INSTANCES} AND labels @> '{"role":"web"}' AND labels ? 'env'
       AND status = ANY(ARRAY['RUNNING','STOPPED']) AND name <> $$x'; y$$ ORDER BY name`,
    );
    assert.deepEqual(vms.rows, [['web-1'], ['web-2']]);
  },
);

test(
  'SQLite refuses PostgreSQL syntax with a hint naming the PostgreSQL backend',
  NEEDS_POSTGRES,
  async () => {
    for (const [sql, ch] of [
      [`SELECT labels @> '{}' FROM ${INSTANCES}`, '@'],
      [`SELECT labels #>> '{env}' FROM ${INSTANCES}`, '#'],
      [`SELECT labels ? 'env' FROM ${INSTANCES}`, '?'],
      ['SELECT (ARRAY[1,2])[1]', '['],
      ['SELECT $$x$$', '$'],
    ]) {
      const err = await failure(lite, sql);
      assert.equal(err.code, 'PARSE_ERROR', sql);
      assert.match(err.message, new RegExp(`unexpected character '\\${ch}'`), sql);
      assert.match(err.hint ?? '', /PostgreSQL backend \(--sqlBackend\)/, sql);
      assert.doesNotMatch(err.hint ?? '', /double quotes/, sql);
    }
  },
);

test(
  'unquoted mixed-case columns work on local tables and materialized views of provider rows',
  NEEDS_POSTGRES,
  async () => {
    await run(
      pgs,
      `CREATE OR REPLACE MATERIALIZED VIEW fw_snap AS SELECT name, priority, sourceRanges FROM google.compute.firewalls WHERE project = '${P}'`,
    );
    const snap = await run(
      pgs,
      `SELECT name, sourceRanges FROM fw_snap WHERE sourceRanges @> '["0.0.0.0/0"]' ORDER BY name`,
    );
    assert.deepEqual(snap.rows, [['default-allow-ssh', '["0.0.0.0/0"]']]);
    const joined = await run(
      pgs,
      `SELECT f.name, f.sourceRanges FROM fw_snap f JOIN google.compute.firewalls g ON g.name = f.name
     WHERE g.project = '${P}' ORDER BY f.name`,
    );
    assert.equal(joined.rows.length, 2);
    await run(pgs, `CREATE TABLE vm_copy AS SELECT name, machineType FROM ${INSTANCES}`);
    let deleted = -1;
    await run(pgs, `DELETE FROM vm_copy WHERE machineType NOT LIKE '%e2-medium'`, (n) => (deleted = n));
    assert.ok(deleted >= 0);
    const left = await run(pgs, `SELECT count(*) AS n FROM vm_copy WHERE machineType LIKE '%e2-medium'`);
    assert.deepEqual(left.rows, [[2]]);
  },
);

test(
  'result columns nobody named keep their expression text in exec, as on SQLite',
  NEEDS_POSTGRES,
  async () => {
    const sql = `SELECT labels->>'role', count(*), name AS n FROM ${INSTANCES} GROUP BY labels->>'role', name ORDER BY 3`;
    const r = await run(pgs, sql);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ["labels->>'role'", 'count(*)', 'n'],
    );
    // into a table they keep PostgreSQL's names (a CREATE TABLE AS is PostgreSQL's DDL)
    await run(pgs, `CREATE TABLE named AS SELECT 1 + 1, name FROM ${INSTANCES}`);
    assert.deepEqual(
      (
        await pg.sql(
          "SELECT attname FROM pg_attribute WHERE attrelid = 'public.named'::regclass AND attnum > 0 ORDER BY attnum",
        )
      ).map((r) => r.attname),
      ['?column?', 'name'],
    );
  },
);

test(
  'INSERT … ON CONFLICT on a local table; its clause may not call functions or read tables',
  NEEDS_POSTGRES,
  async () => {
    await run(pgs, `CREATE TABLE kv (k text PRIMARY KEY, v int); INSERT INTO kv VALUES ('a', 1), ('b', 2)`);
    let n = -1;
    await run(pgs, `INSERT INTO kv VALUES ('a', 10) ON CONFLICT DO NOTHING`, (c) => (n = c));
    assert.equal(n, 0);
    await run(
      pgs,
      `INSERT INTO kv (k, v) SELECT 'a', 10 UNION ALL SELECT 'c', 3 ON CONFLICT (k) DO UPDATE SET v = kv.v + EXCLUDED.v`,
      (c) => (n = c),
    );
    assert.equal(n, 2);
    await run(pgs, `INSERT OR IGNORE INTO kv VALUES ('b', 20), ('d', 4)`, (c) => (n = c));
    assert.equal(n, 1);
    assert.deepEqual((await run(pgs, 'SELECT k, v FROM kv ORDER BY k')).rows, [
      ['a', 11],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    for (const bad of ['v = (SELECT 1)', 'v = pg_sleep(0)::text::int', "v = nextval('s')"]) {
      const err = await failure(pgs, `INSERT INTO kv VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET ${bad}`);
      assert.equal(err.code, 'FORBIDDEN_SQL', bad);
    }
    const replace = await failure(pgs, `INSERT OR REPLACE INTO kv VALUES ('a', 1)`);
    assert.match(replace.hint ?? '', /ON CONFLICT \(key\) DO UPDATE SET/);
    // SQLite keeps its own upserts
    await run(lite, `CREATE TABLE kv (k text PRIMARY KEY, v int)`);
    const sqlite = await failure(lite, `INSERT INTO kv VALUES ('a', 1) ON CONFLICT DO NOTHING`);
    assert.match(sqlite.hint ?? '', /INSERT OR REPLACE or INSERT OR IGNORE/);
  },
);

test('numeric keeps its exact value in exec output', NEEDS_POSTGRES, async () => {
  const r = await run(
    pgs,
    'SELECT 9007199254740993::numeric AS n, 12345678901234567890.12345::numeric AS m, 1.5::numeric AS x, 1.50::numeric AS y',
  );
  assert.deepEqual(r.rows, [['9007199254740993', '12345678901234567890.12345', 1.5, '1.50']]);
  const cli = await runCli([
    'exec',
    '--sqlBackend',
    pg.backendJson(),
    '-o',
    'json',
    'SELECT 9007199254740993::numeric AS n, 12345678901234567890.12345::numeric AS m',
  ]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout.trim(), '[{"n":9007199254740993,"m":12345678901234567890.12345}]');
});

test(
  'skyql srv over PostgreSQL: type OIDs, binary results, $n with casts, column names, statement_timeout',
  NEEDS_POSTGRES,
  async () => {
    const srv = await startSrvProcess([...api, '--sqlBackend', pg.backendJson()]);
    const { pg: driver } = pgModules();
    const client = new driver.Client({ host: '127.0.0.1', port: srv.port, user: 'me', database: 'db' });
    await client.connect();
    try {
      const sql = `SELECT sum(x) AS s, '2024-01-02 03:04:05.678+00'::timestamptz AS tz, '2024-01-02 03:04:05'::timestamp AS ts,
      '2024-01-02'::date AS d, 12345678901234567890.12345::numeric AS m FROM (VALUES (9007199254740993::bigint)) v(x)`;
      const text = await client.query(sql);
      assert.deepEqual(
        text.fields.map((f) => f.dataTypeID),
        [1700, 1184, 1114, 1082, 1700],
      );
      assert.equal(text.rows[0].s, '9007199254740993');
      assert.equal((text.rows[0].tz as Date).toISOString(), '2024-01-02T03:04:05.678Z');
      assert.equal(text.rows[0].m, '12345678901234567890.12345');
      const binary: { rows: Record<string, unknown>[] } = await client.query({
        text: sql,
        binary: true,
      } as never);
      assert.equal(binary.rows[0].s, '9007199254740993');
      assert.equal((binary.rows[0].tz as Date).toISOString(), '2024-01-02T03:04:05.678Z');
      assert.equal(binary.rows[0].m, '12345678901234567890.12345');
      const params = await client.query(
        `SELECT $1::int + 1 AS x, $$a$$ AS s, '{a}'::text[] AS arr, '{"k":1}'::jsonb->>'k'`,
        [41],
      );
      // integers go as int8 (a string in node-postgres), arrays as their text
      assert.deepEqual(params.rows, [{ x: '42', s: 'a', arr: '{a}', '?column?': '1' }]);
      await client.query("SET statement_timeout = '1s'");
      assert.deepEqual((await client.query('SHOW statement_timeout')).rows, [{ statement_timeout: '1s' }]);
      await assert.rejects(client.query('SELECT pg_sleep(5)'), (e: { code?: string }) => e.code === '57014');
      await client.query('RESET statement_timeout');
      await client.query('SELECT pg_sleep(0.1)');
    } finally {
      await client.end();
    }
  },
);
