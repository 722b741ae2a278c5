import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { pgModules } from '../../../src/core/store/pg/pg-driver.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';
import { NEEDS_POSTGRES, type RunningPostgres, startPostgres } from '../../support/postgres-server.js';
import { runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';

/**
 * The PostgreSQL backend from the outside: the CLI's flag and environment, bad settings, two
 * processes on one database, `skyql srv` over PostgreSQL with psql, a server that dies mid-statement.
 */

const P = SAMPLE.project;
const [Z1, Z2] = SAMPLE.zones;
const hasPsql = spawnSync('psql', ['--version']).status === 0;

let pg: RunningPostgres;
let emuInfo: Awaited<ReturnType<typeof startSampleEmulator>>;
let api: string[] = [];
if (!NEEDS_POSTGRES.skip) {
  pg = await startPostgres({ own: true });
  emuInfo = await startSampleEmulator();
  api = [
    '--endpoint',
    `google=${emuInfo.emu.url}`,
    '--auth',
    JSON.stringify({ google: { type: 'service_account', credentialsfilepath: emuInfo.keyPath } }),
  ];
}

test(
  'a bad --sqlBackend fails at start with one line naming host, port and cause, never the password',
  NEEDS_POSTGRES,
  async () => {
    const refused = JSON.stringify({
      dbEngine: 'postgres_tcp',
      sqlDialect: 'postgres',
      dsn: 'postgres://skyql:s3cret-pw@127.0.0.1:1/inventory',
    });
    const r = await runCli(['exec', '--sqlBackend', refused, 'SELECT 1']);
    assert.equal(r.code, 2); // a configuration error, as for a bad --registry
    const lines = r.stderr.trim().split('\n');
    assert.match(
      lines[0],
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(database inventory, user skyql\): connection refused/,
    );
    assert.ok(!r.stderr.includes('s3cret-pw'), r.stderr);
    assert.equal(r.stdout, '');
    // the environment variable, and a database that does not exist
    const missing = JSON.stringify({
      dbEngine: 'postgres_tcp',
      dsn: pg.dsnFor('nosuchdb').replace('postgres@', 'postgres:pw-9@'),
    });
    const m = await runCli(['exec', 'SELECT 1'], { SKYQL_SQL_BACKEND: missing });
    assert.equal(m.code, 2);
    assert.match(m.stderr, new RegExp(`127\\.0\\.0\\.1:${pg.port}.*database "nosuchdb" does not exist`));
    assert.ok(!m.stderr.includes('pw-9'));
    // the servers probe the backend before serving
    for (const command of [['srv', '--pgsrv.port', '0'], ['mcp']]) {
      const srv = await runCli([...command, '--sqlBackend', refused]);
      assert.equal(srv.code, 2, command[0]);
      assert.match(srv.stderr, /cannot connect to PostgreSQL at 127\.0\.0\.1:1 .*connection refused/);
      assert.ok(!srv.stderr.includes('s3cret-pw'));
    }
    // bad JSON and an unknown engine are usage errors
    const bad = await runCli(['exec', '--sqlBackend', '{"dbEngine": "mysql"}', 'SELECT 1']);
    assert.match(bad.stderr, /unknown dbEngine 'mysql'/);
    const lite = await runCli([
      'exec',
      '--sqlBackend',
      '{"dbEngine": "sqlite3_embedded"}',
      'SELECT 1 AS one',
      '-o',
      'csv',
    ]);
    assert.equal(lite.code, 0, lite.stderr);
    assert.equal(lite.stdout.trim(), 'one\n1');
  },
);

test(
  'two processes on one database: each its own temporary tables, both tables visible to a third',
  NEEDS_POSTGRES,
  async () => {
    const backend = ['--sqlBackend', pg.backendJson()];
    const query = (zone: string, table: string) =>
      `CREATE TABLE ${table} AS SELECT name, zone FROM google.compute.instances WHERE project = '${P}' AND zone = '${zone}';
     SELECT count(*) AS n FROM google.compute.instances WHERE project = '${P}' AND zone = '${zone}'`;
    const [a, b] = await Promise.all([
      runCli(['exec', ...api, ...backend, '-o', 'csv', query(Z1, 'zone_a')]),
      runCli(['exec', ...api, ...backend, '-o', 'csv', query(Z2, 'zone_b')]),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const third = await runCli([
      'exec',
      ...backend,
      '-o',
      'csv',
      'SELECT (SELECT count(*) FROM zone_a) AS a, (SELECT count(*) FROM zone_b) AS b',
    ]);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(
      third.stdout.trim(),
      `a,b\n${a.stdout.trim().split('\n')[1]},${b.stdout.trim().split('\n')[1]}`,
    );
  },
);

test('skyql srv over PostgreSQL: psql queries providers, and catalog queries answer from the database', {
  skip: NEEDS_POSTGRES.skip || (!hasPsql && 'psql is not installed'),
}, async () => {
  await pg.sql('CREATE TABLE IF NOT EXISTS public.made_by_psql (a int)');
  const srv = await startSrvProcess([...api, '--sqlBackend', pg.backendJson()]);
  const conn = `host=127.0.0.1 port=${srv.port} user=me dbname=db sslmode=disable`;
  const child = spawn('psql', [conn, '-X', '-A', '-F', ',', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(`SELECT name, status FROM google.compute.instances WHERE project = '${P}' AND zone = '${Z1}' ORDER BY name LIMIT 1;
CREATE TABLE srv_made AS SELECT name FROM google.storage.buckets WHERE project = '${P}';
\\dt
SELECT count(*) > 0 AS has FROM srv_made;
`);
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /name,status\nweb-1,RUNNING/);
  // \dt ran PostgreSQL's own catalog query: both tables, whoever made them
  assert.match(stdout, /public,made_by_psql,table/);
  assert.match(stdout, /public,srv_made,table/);
  assert.match(stdout, /has\nt/);
});

test(
  'the server going away mid-statement: a clear error and the new table not committed',
  NEEDS_POSTGRES,
  async () => {
    // a million rows: the query filling the new table runs for seconds when the server is killed
    const run = runCli([
      'exec',
      '--sqlBackend',
      pg.backendJson(),
      `CREATE TABLE half AS SELECT g AS n, repeat('x', 200) AS pad FROM generate_series(1, 1000000) g`,
    ]);
    const { pg: driver } = pgModules();
    const watcher = new driver.Client({ connectionString: pg.dsn });
    await watcher.connect();
    let copying = false;
    for (let i = 0; i < 3000 && !copying; i++) {
      const r = await watcher.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'INSERT INTO pg_temp%' AND state = 'active'",
      );
      copying = r.rows[0].n > 0;
      if (!copying) await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(copying, 'the query was seen running');
    await watcher.end().catch(() => {});
    pg.kill();
    const r = await run;
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr.split('\n')[0],
      new RegExp(`lost the connection to PostgreSQL at 127\\.0\\.0\\.1:${pg.port}: .*rolled back`),
    );
    await pg.restart();
    assert.deepEqual(await pg.sql("SELECT to_regclass('public.half') AS t"), [{ t: null }]);
  },
);

test('a session reconnects after the server restarted between statements', NEEDS_POSTGRES, async () => {
  const { session } = emulatorSession(emuInfo.emu, emuInfo.keyPath, { sqlBackend: pg.backend() });
  await session.open();
  pg.kill();
  await pg.restart();
  const outcomes = [];
  for await (const o of session.run('SELECT 41 + 1 AS n')) outcomes.push(o);
  assert.ok(outcomes[0].ok, outcomes[0].ok ? '' : outcomes[0].error.message);
  assert.equal(outcomes[0].result?.rows[0][0], 42);
});
