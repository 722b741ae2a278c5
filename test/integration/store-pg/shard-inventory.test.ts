/**
 * N processes, one PostgreSQL inventory: three `skyql exec --shard K/3` processes run at the same
 * time into one table with a `_shard` column and leave exactly the rows of one unsharded run; a
 * re-run of one shard replaces only its own rows, and a failed re-run leaves them; the same over
 * an organisation-wide dependent join; `skyql srv --shard` sessions write their shard too; six
 * sessions creating one table at once take turns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgModules } from '../../../src/core/store/pg/pg-driver.js';
import { PgStore } from '../../../src/core/store/pg/pg-store.js';
import { type OrgEmulator, startOrgEmulator } from '../../support/org-emulator.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';

const SHARDS = ['0/3', '1/3', '2/3'];

let pg: RunningPostgres;
let org: OrgEmulator;
let api: string[] = [];
let backend: string[] = [];
let ORG = '';
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres();
  org = await startOrgEmulator({ projects: 12, seed: 5, computeDisabled: 0, denied: 0, deleteRequested: 0 });
  api = [
    '--endpoint',
    `google=${org.emu.url}`,
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: org.keyPath } }),
  ];
  backend = ['--sqlBackend', pg.backendJson()];
  ORG = ((await org.admin('/_emulator/org')) as { organization: string }).organization;
  await pg.sql('CREATE SCHEMA inv');
}

async function exec(sql: string, shard?: string): Promise<string> {
  const r = await runCli([
    'exec',
    ...api,
    ...backend,
    ...(shard ? ['--shard', shard] : []),
    '-o',
    'json',
    sql,
  ]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** An unsharded run's rows, as sorted JSON texts of the named columns. */
async function wholeRows(sql: string, columns: readonly string[]): Promise<string[]> {
  const rows = JSON.parse(await exec(sql)) as Array<Record<string, unknown>>;
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

/** A table's rows as sorted JSON texts of the named columns, read with the superuser (as psql would). */
async function tableRows(table: string, columns: readonly string[], where = 'TRUE'): Promise<string[]> {
  const rows = await pg.sql(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table} WHERE ${where}`);
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

function projectList(): string {
  return org.projectIds.map((p) => `'${p}'`).join(', ');
}

test(
  'three concurrent shards create and fill one table: the rows of one run; re-running a shard replaces only its rows',
  NEEDS_POSTGRES,
  async () => {
    const cols = ['project', 'name'];
    const query = `SELECT project, name FROM google.compute.instances WHERE project IN (${projectList()})`;
    const whole = await wholeRows(query, cols);
    assert.ok(whole.length >= 12, `instances to split (${whole.length})`);
    // CREATE TABLE IF NOT EXISTS … AS from three processes at once: created once, with _shard
    await Promise.all(SHARDS.map((s) => exec(`CREATE TABLE IF NOT EXISTS inv.instances AS ${query}`, s)));
    assert.deepEqual(await tableRows('inv.instances', cols), whole, 'same rows, none twice, none missing');
    const perShard = await pg.sql(
      'SELECT _shard, count(*)::int AS n FROM inv.instances GROUP BY _shard ORDER BY _shard',
    );
    assert.ok(perShard.length >= 2, `the rows come from several shards: ${JSON.stringify(perShard)}`);
    assert.ok(perShard.every((r) => SHARDS.includes(String(r._shard))));

    // a project of shard 1/3 changes: one of its instances is deleted in the emulator
    const [victim] = await pg.sql(
      "SELECT project, name, _shard FROM inv.instances WHERE _shard = '1/3' ORDER BY project, name LIMIT 1",
    );
    assert.ok(victim, 'shard 1/3 has rows');
    const [inst] = JSON.parse(
      await exec(
        `SELECT name, zone FROM google.compute.instances WHERE project = '${victim.project}' AND name = '${victim.name}'`,
      ),
    ) as Array<{ zone: string }>;
    const zone = String(inst.zone).split('/').pop();
    await exec(
      `DELETE FROM google.compute.instances WHERE project = '${victim.project}' AND zone = '${zone}' AND instance = '${victim.name}'`,
    );
    const othersBefore = await tableRows('inv.instances', [...cols, '_shard'], "_shard <> '1/3'");

    // a failed re-run of shard 1/3 (its projects' calls answer 403) leaves its rows as they were
    const shardOne = await tableRows('inv.instances', cols, "_shard = '1/3'");
    await fetch(`${org.emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: 'compute.googleapis.com/compute/v1/projects/', status: 403 }),
    });
    const failed = await runCli([
      'exec',
      ...api,
      ...backend,
      '--shard',
      '1/3',
      `INSERT INTO inv.instances ${query}`,
    ]);
    await org.admin('/_emulator/faults', 'DELETE');
    assert.notEqual(failed.code, 0, 'the re-run failed');
    assert.deepEqual(await tableRows('inv.instances', cols, "_shard = '1/3'"), shardOne, 'old rows kept');

    // the re-run: shard 1/3's rows are the new data, the other shards' rows untouched
    await exec(`INSERT INTO inv.instances ${query}`, '1/3');
    const now = await wholeRows(query, cols);
    assert.equal(now.length, whole.length - 1);
    assert.deepEqual(await tableRows('inv.instances', cols), now, 'the table is the new data, once');
    assert.deepEqual(await tableRows('inv.instances', [...cols, '_shard'], "_shard <> '1/3'"), othersBefore);
  },
);

test(
  'an organisation-wide dependent join: three shards INSERT into one table the rows of one run; EXPLAIN shows the write',
  NEEDS_POSTGRES,
  async () => {
    const query = `SELECT p.projectId, i.name FROM skyql.org.projects p JOIN google.compute.instances i ON i.project = p.projectId WHERE p.root = '${ORG}'`;
    const whole = await wholeRows(query, ['projectId', 'name']);
    assert.ok(whole.length >= 12);
    // each process declares the table (at the same time: they take turns creating it), then fills its shard
    const create = 'CREATE TABLE IF NOT EXISTS inv.org_instances (project_id text, name text, _shard text)';
    await Promise.all(SHARDS.map((s) => exec(`${create}; INSERT INTO inv.org_instances ${query}`, s)));
    // a second run of every shard changes nothing: each replaces its own rows
    await Promise.all(SHARDS.map((s) => exec(`INSERT INTO inv.org_instances ${query}`, s)));
    assert.deepEqual(await tableRows('inv.org_instances', ['project_id', 'name']), whole);
    const explain = await runCli([
      'exec',
      ...api,
      ...backend,
      '--shard',
      '2/3',
      '-o',
      'json',
      `EXPLAIN INSERT INTO inv.org_instances ${query}`,
    ]);
    assert.equal(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /--shard 2\/3: this process makes only the calls/);
    assert.match(
      explain.stdout,
      /in one transaction: deletes the rows of inv\.org_instances whose _shard is '2\/3' and stores the rows of step \d+ with _shard = '2\/3'/,
    );
    // without --shard, the same INSERT is a plain append (the table's three columns want three values)
    const plain = await runCli([
      'exec',
      ...api,
      ...backend,
      '-o',
      'json',
      `EXPLAIN INSERT INTO inv.org_instances ${query}`,
    ]);
    assert.match(plain.stdout, /locally: stores the rows of step \d+ in inv\.org_instances/);
  },
);

test('skyql srv --shard: a session writes its shard of one table', NEEDS_POSTGRES, async () => {
  await pg.sql('CREATE TABLE inv.buckets (project text, name text, _shard text)');
  const query = `SELECT project, name FROM google.storage.buckets WHERE project IN (${projectList()})`;
  const whole = await wholeRows(query, ['project', 'name']);
  assert.ok(whole.length >= 12);
  const { pg: driver } = pgModules();
  for (const shard of SHARDS) {
    const srv = await startSrvProcess([...api, ...backend, '--shard', shard]);
    const client = new driver.Client({ host: '127.0.0.1', port: srv.port, user: 'me', database: 'db' });
    await client.connect();
    try {
      const r = await client.query(`INSERT INTO inv.buckets ${query}`);
      assert.ok((r.rowCount ?? 0) < whole.length, `a share of the rows (${r.rowCount})`);
      const own = await client.query(`SELECT count(*)::int AS n FROM inv.buckets WHERE _shard = '${shard}'`);
      assert.equal(Number(own.rows[0].n), r.rowCount);
    } finally {
      await client.end();
    }
  }
  assert.deepEqual(await tableRows('inv.buckets', ['project', 'name']), whole);
});

test(
  'six sessions creating one table at once, each after looking it up: one creates it, all write their shard',
  NEEDS_POSTGRES,
  async () => {
    const stores = Array.from({ length: 6 }, () => new PgStore(pg.backend()));
    try {
      for (let round = 0; round < 5; round++) {
        const table = { schema: 'inv', name: `race_${round}` };
        // as LocalTables does: the lookup first (a transaction begun before waiting would trust it)
        const written = await Promise.all(
          stores.map(async (s, i) => {
            assert.deepEqual(await s.tableColumns(table), []);
            return s.selectInto(`SELECT ${i} AS n`, {
              table,
              replace: false,
              shard: { column: '_shard', value: `${i}/6`, createMissing: true },
            });
          }),
        );
        assert.deepEqual(written, [1, 1, 1, 1, 1, 1]);
        await Promise.all(
          stores.map((s) =>
            s.createTable({ schema: 'inv', name: `declared_${round}` }, 'a int', {
              ifNotExists: true,
              strict: false,
            }),
          ),
        );
        const [row] = await pg.sql(`SELECT count(DISTINCT _shard)::int AS n FROM inv.race_${round}`);
        assert.equal(row.n, 6);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  },
);
