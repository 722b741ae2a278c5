import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import type { Session } from '../../../src/core/engine/session.js';
import { parseScript } from '../../../src/core/sql/parser/parse-script.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';

/**
 * The same statements on both backends (SQLite, the default, and PostgreSQL) against the
 * emulator: where the dialects agree the results must be equal, and each statement kind runs on
 * PostgreSQL with PostgreSQL's own dialect where they differ.
 */

const P = SAMPLE.project;
const [Z1, Z2] = SAMPLE.zones;

let pg: RunningPostgres;
let lite: Session;
let pgs: Session;
let emuInfo: Awaited<ReturnType<typeof startSampleEmulator>>;

if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  emuInfo = await startSampleEmulator();
  lite = emulatorSession(emuInfo.emu, emuInfo.keyPath).session;
  pgs = emulatorSession(emuInfo.emu, emuInfo.keyPath, { sqlBackend: pg.backend() }).session;
  await pgs.open();
}

async function run(session: Session, sql: string): Promise<ResultSet | undefined> {
  let last: ResultSet | undefined;
  for await (const outcome of session.run(sql)) {
    if (!outcome.ok) throw outcome.error;
    last = outcome.result;
  }
  return last;
}

async function rows(session: Session, sql: string): Promise<ResultSet> {
  const [entry] = parseScript(sql);
  if (!entry.ok) throw entry.error;
  const r = await session.execute(entry.statement);
  assert.ok(r, sql);
  return r;
}

/** JSON text with its keys sorted: jsonb keeps objects with keys ordered its own way. */
function canonical(text: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(String(text))));
}

/** Runs `sql` on both backends; the results (columns, types and rows; JSON by value) must be the same. */
async function same(sql: string): Promise<ResultSet> {
  const a = await rows(lite, sql);
  const b = await rows(pgs, sql);
  assert.deepEqual(b.columns, a.columns, sql);
  const norm = (r: ResultSet) =>
    r.rows.map((row) => row.map((v, i) => (r.columns[i].type === 'json' && v !== null ? canonical(v) : v)));
  assert.deepEqual(norm(b), norm(a), sql);
  return b;
}

const INSTANCES = `google.compute.instances WHERE project = '${P}' AND zone = '${Z1}'`;

test('queries the dialects share give the same results on both backends', NEEDS_POSTGRES, async () => {
  const plain = await same(`SELECT name, machineType, status FROM ${INSTANCES} ORDER BY name`);
  assert.ok(plain.rows.length >= 2);
  await same(`SELECT * FROM ${INSTANCES} ORDER BY name`);
  await same(
    `SELECT zone, count(*) AS n FROM google.compute.instances WHERE project = '${P}' AND zone IN ('${Z1}', '${Z2}') GROUP BY zone ORDER BY zone`,
  );
  await same(
    `SELECT i.name, b.name AS bucket FROM google.compute.instances i JOIN google.storage.buckets b ON 1 = 1
     WHERE i.project = '${P}' AND i.zone = '${Z1}' AND b.project = '${P}' ORDER BY 1, 2 LIMIT 5`,
  );
  await same(
    `WITH b AS (SELECT name, location FROM google.storage.buckets WHERE project = '${P}')
     SELECT location, name, row_number() OVER (PARTITION BY location ORDER BY name) AS rn FROM b ORDER BY location, name`,
  );
  await same(
    `SELECT 'bucket' AS kind, name FROM google.storage.buckets WHERE project = '${P}'
     UNION ALL SELECT 'topic', name FROM google.pubsub.topics WHERE projectsId = '${P}' ORDER BY 1, 2`,
  );
  await same(`SHOW RESOURCES IN google.compute WHERE name LIKE 'inst%'`);
  await same(`SELECT 1 + 2 AS three, upper('a') AS up`);
});

test(
  "PostgreSQL's dialect: JSON operators and functions, FILTER, ILIKE, skyql's functions",
  NEEDS_POSTGRES,
  async () => {
    const r = await rows(
      pgs,
      `SELECT name,
       json_extract_path_text(scheduling::json, 'onHostMaintenance') AS maintenance,
       scheduling->>'automaticRestart' AS restart,
       (SELECT count(*) FROM jsonb_array_elements(networkInterfaces)) AS nics,
       count(*) FILTER (WHERE status = 'RUNNING') OVER () AS running,
       regexp_like(name, '^web-') AS web,
       json_equal('{"a":1,"b":2}', '{"b":2,"a":1}') AS eq,
       split_part(machineType, '/', -1) AS type
     FROM ${INSTANCES} AND name ILIKE 'WEB%' ORDER BY name`,
    );
    assert.deepEqual(
      r.columns.map((c) => [c.name, c.type]),
      [
        ['name', 'text'],
        ['maintenance', 'text'],
        ['restart', 'text'],
        ['nics', 'integer'],
        ['running', 'integer'],
        ['web', 'boolean'],
        ['eq', 'boolean'],
        ['type', 'text'],
      ],
    );
    assert.ok(r.rows.length >= 2);
    for (const row of r.rows) {
      assert.match(String(row[0]), /^web-/);
      assert.equal(row[3], 1);
      assert.equal(row[5], true);
      assert.equal(row[6], true);
    }
  },
);

test('provider rows land in typed columns of a temporary table', NEEDS_POSTGRES, async () => {
  const r = await rows(
    pgs,
    `SELECT pg_typeof(name)::text AS n, pg_typeof(canIpForward)::text AS b, pg_typeof(networkInterfaces)::text AS j,
       pg_typeof(id)::text AS id FROM ${INSTANCES} LIMIT 1`,
  );
  assert.deepEqual(r.rows[0], ['text', 'boolean', 'jsonb', 'text']);
  // the statement's tables are gone afterwards, and never were in a schema other clients see
  const left = await pg.sql(
    "SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE '\\_\\_skyql\\_%' AND relpersistence <> 't'",
  );
  assert.equal(left[0].n, 0);
});

test('local tables: every statement kind, on both backends', NEEDS_POSTGRES, async () => {
  const script = `CREATE TABLE inst AS SELECT name, status FROM ${INSTANCES};
    INSERT INTO inst (name, status) VALUES ('extra', 'TERMINATED');
    UPDATE inst SET status = 'STOPPED' WHERE name = 'extra';
    DELETE FROM inst WHERE name = 'web-1';
    CREATE TABLE notes (id INTEGER, note TEXT);
    INSERT INTO notes SELECT 1, 'one';`;
  await run(lite, script);
  await run(pgs, script);
  await same('SELECT name, status FROM inst ORDER BY name');
  await same(
    'SELECT n.note, i.name FROM notes n JOIN inst i ON i.name = ? OR 1 = 1 ORDER BY 2'.replace('?', "'x'"),
  );
  await run(lite, 'DROP TABLE inst; DROP TABLE notes');
  await run(pgs, 'DROP TABLE inst; DROP TABLE notes');
  assert.deepEqual(await pg.sql("SELECT to_regclass('public.inst') AS t"), [{ t: null }]);
});

test(
  'views and materialized views persist in PostgreSQL: another session and psql see them',
  NEEDS_POSTGRES,
  async () => {
    await run(
      pgs,
      `CREATE VIEW running AS SELECT name FROM ${INSTANCES} AND status = 'RUNNING';
     CREATE MATERIALIZED VIEW bucket_names AS SELECT name, location FROM google.storage.buckets WHERE project = '${P}';
     CREATE TABLE inv_copy AS SELECT name FROM google.storage.buckets WHERE project = '${P}'`,
    );
    const other = emulatorSession(emuInfo.emu, emuInfo.keyPath, { sqlBackend: pg.backend() }).session;
    const viaView = await rows(other, 'SELECT count(*) AS n FROM running');
    assert.ok(Number(viaView.rows[0][0]) >= 2);
    const buckets = await rows(other, 'SELECT count(*) AS n FROM bucket_names');
    const n = Number(buckets.rows[0][0]);
    assert.ok(n >= 1);
    // psql (any client): the materialized view and the table are plain tables, the views' text in skyql.views
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM public.bucket_names'), [{ n }]);
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM public.inv_copy'), [{ n }]);
    const defs = await pg.sql('SELECT name, materialized FROM skyql.views ORDER BY name');
    assert.deepEqual(defs, [
      { name: 'bucket_names', materialized: true },
      { name: 'running', materialized: false },
    ]);
    // REFRESH re-fetches from the API
    await run(
      other,
      `INSERT INTO google.storage.buckets (project, data__name) SELECT '${P}', 'pg-refresh-bucket'`,
    );
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM public.bucket_names'), [{ n }]);
    await run(pgs, 'REFRESH MATERIALIZED VIEW bucket_names');
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM public.bucket_names'), [{ n: n + 1 }]);
    await run(other, 'DROP VIEW running; DROP MATERIALIZED VIEW bucket_names; DROP TABLE inv_copy');
    assert.deepEqual(await pg.sql('SELECT count(*)::int AS n FROM skyql.views'), [{ n: 0 }]);
    await other.close();
  },
);

test(
  'CREATE TABLE schema.t AS SELECT … FROM google… and INSERT INTO schema.t SELECT … write real tables',
  NEEDS_POSTGRES,
  async () => {
    await pg.sql('CREATE SCHEMA IF NOT EXISTS inv');
    await run(
      pgs,
      `CREATE TABLE inv.instances AS SELECT name, zone, status FROM ${INSTANCES};
     INSERT INTO inv.instances SELECT name, zone, status FROM google.compute.instances WHERE project = '${P}' AND zone = '${Z2}'`,
    );
    const all = await rows(pgs, 'SELECT zone, count(*) AS n FROM inv.instances GROUP BY zone ORDER BY zone');
    const seen = await pg.sql(
      'SELECT zone, count(*)::int AS n FROM inv.instances GROUP BY zone ORDER BY zone',
    );
    assert.deepEqual(
      seen.map((r) => [r.zone, r.n]),
      all.rows.map((r) => [r[0], r[1]]),
    );
    assert.equal(seen.length, 2);
    await assert.rejects(
      () => run(lite, 'CREATE TABLE inv.x AS SELECT 1 AS a'),
      /need the PostgreSQL backend/,
    );
  },
);

test('user SQL cannot write, reach files or change settings on PostgreSQL', NEEDS_POSTGRES, async () => {
  await pg.sql('CREATE TABLE IF NOT EXISTS public.guarded (a int)');
  for (const sql of [
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT set_config('search_path', 'x', false)",
    'WITH d AS (DELETE FROM guarded RETURNING *) SELECT * FROM d',
    'SELECT * FROM "pg_catalog"."pg_ls_dir"(\'.\')',
  ])
    await assert.rejects(() => rows(pgs, sql), /FORBIDDEN_SQL|not allowed/, sql);
  // the read-only transaction stops what the guard does not know of
  await assert.rejects(() => rows(pgs, "SELECT nextval('x')"), /not allowed|read-only|does not exist/);
});

after(async () => {
  await lite?.close();
});

test(
  'bulk load: 100,000 rows over 200 pages by COPY, a failed branch discarded, a misfit column widened to text',
  NEEDS_POSTGRES,
  async () => {
    const store = new PgStore(pg.backend());
    after(() => store.close());
    const columns = [
      { name: 'n', type: 'integer' as const },
      { name: 'doc', type: 'json' as const },
      { name: 'tab', type: 'text' as const },
      { name: 'big', type: 'integer' as const },
    ];
    const loader = await store.openLoader('__skyql_bulk', columns);
    for (let page = 0; page < 200; page++) {
      const rows = Array.from({ length: 500 }, (_, i) => {
        const n = page * 500 + i;
        // page 150 brings an unsigned 64-bit value: the column becomes text, the rows before stay
        const big = page === 150 && i === 0 ? '18446744073709551615' : n;
        return [n, JSON.stringify({ n, s: 'a\tb\\c\nd' }), `t\t${n}`, big];
      });
      await loader.append(page % 2, rows);
    }
    await loader.append(7, [[-1, '{}', 'gone', 0]]);
    await loader.discardBranch(7);
    await loader.finishBranch(0);
    await loader.finishBranch(1);
    await loader.close();
    const r = await store.read(
      `SELECT count(*), min(n), max(n), sum((doc->>'n')::bigint), max(big), bool_and(doc->>'s' = E'a\\tb\\\\c\\nd'), pg_typeof(max(big))::text FROM __skyql_bulk`,
    );
    assert.deepEqual(r.rows[0], [100000, 0, 99999, 4999950000, '99999', true, 'text']);
    const cols = await store.tableColumns('__skyql_bulk');
    assert.deepEqual(
      cols.map((c) => c.name),
      ['n', 'doc', 'tab', 'big'],
      'the branch column is gone',
    );
    await store.dropTable('__skyql_bulk');
  },
);

test(
  'a result cap (srv, mcp) stops a large query with RESULT_TOO_LARGE; check() resolves names without running',
  NEEDS_POSTGRES,
  async () => {
    const store = new PgStore(pg.backend(), { maxResultBytes: 100_000 });
    after(() => store.close());
    const big = "SELECT repeat('x', 1000) AS s FROM generate_series(1, 5000)";
    await assert.rejects(
      store.read(big),
      (e: Error & { code?: string }) => e.code === 'RESULT_TOO_LARGE' && /at row 94\)/.test(e.message),
    );
    // the cursor's transaction was rolled back: the session goes on, a result under the cap comes whole
    const fits = await store.read("SELECT repeat('x', 1000) AS s FROM generate_series(1, 2500) LIMIT 90");
    assert.equal(fits.rows.length, 90);
    const empty = await store.read('SELECT 1 AS a WHERE false');
    assert.deepEqual(
      empty.columns.map((c) => c.name),
      ['a'],
    );
    await store.check('SELECT 1 AS a');
    await assert.rejects(store.check('SELECT nope FROM pg_class'), /nope/);
    await assert.rejects(
      store.check('DELETE FROM pg_class'),
      (e: Error & { code?: string }) => e.code === 'FORBIDDEN_SQL',
    );
  },
);
