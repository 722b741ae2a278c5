import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { makeCertificate } from '../../support/pg-server-harness.js';
import { startSrvProcess } from '../../support/srv-process.js';

const hasPsql = spawnSync('psql', ['--version']).status === 0;
const { emu, keyPath, dir } = await startSampleEmulator();
const api = [
  '--endpoint',
  `google=${emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
];
const P = SAMPLE.project;

/** Runs a psql script (asynchronously: the emulator lives in this process). */
function psql(
  conn: string,
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('psql', [conn, '-X', '-A', '-F', ',', '-v', 'ON_ERROR_STOP=0', '-f', '-'], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '5', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(script);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
}

/** The plain server of the first two tests, started once for the file (sessions are per connection). */
const plain = hasPsql ? await startSrvProcess(api) : undefined;

test('psql: the seed query, a join, a failing query then more, \\dt', {
  skip: !hasPsql && 'psql is not installed',
}, async () => {
  const srv = plain;
  assert.ok(srv);
  const conn = `host=127.0.0.1 port=${srv.port} user=myuser dbname=mydatabase sslmode=disable`;
  const r = await psql(
    conn,
    `SELECT contentType FROM google.healthcare.series_series WHERE projectsId = '${P}' AND locationsId = '${SAMPLE.location}'
       AND datasetsId = '${SAMPLE.dataset}' AND dicomStoresId = '${SAMPLE.dicomStore}' AND studiesId = '${SAMPLE.study}' AND seriesId = '${SAMPLE.series}';
     SELECT b.name, i.name AS instance FROM google.storage.buckets b JOIN google.compute.instances i ON i.zone = '${SAMPLE.zones[0]}'
       WHERE b.project = '${P}' AND i.project = '${P}' AND b.name = '${P}-assets' ORDER BY 2 LIMIT 1;
     SELECT * FROM google.storage.nosuchthing;
     CREATE TABLE notes (id INTEGER, body TEXT);
     INSERT INTO notes VALUES (1, 'hello');
     SELECT body FROM notes;
     CREATE VIEW recent AS SELECT body FROM notes;
     \\dt
     \\dv
     \\d notes
    `,
  );
  assert.match(r.stdout, /multipart\/related/);
  assert.match(r.stdout, new RegExp(`${P}-assets,`));
  assert.match(r.stderr, /ERROR: {2}resource 'google.storage.nosuchthing' not found/);
  assert.match(r.stdout, /^hello$/m);
  assert.match(r.stdout, /public,notes,table,myuser/);
  assert.match(r.stdout, /public,recent,view,myuser/);
  assert.match(r.stdout, /Table "public\.notes"\n.*\nid,int8,,,\nbody,text,,,/);
});

test("psql: PostgreSQL's column names and command tags with the rows changed", {
  skip: !hasPsql && 'psql is not installed',
}, async () => {
  const srv = plain;
  assert.ok(srv);
  const conn = `host=127.0.0.1 port=${srv.port} user=u dbname=d sslmode=disable`;
  const r = await psql(
    conn,
    `SELECT count(*) FROM google.storage.buckets WHERE project = '${P}';
     SELECT upper('a'), 1 + 1, '7'::int, name FROM google.storage.buckets WHERE bucket = '${P}-logs';
     CREATE TABLE n (id INTEGER);
     INSERT INTO n VALUES (1), (2), (3);
     UPDATE n SET id = id + 1 WHERE id > 1;
     DELETE FROM n WHERE id = 4;
     INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'wire-1'), ('${P}', 'wire-2');
     DELETE FROM google.storage.buckets WHERE bucket IN ('wire-1', 'wire-2');
    `,
  );
  assert.equal(
    r.stderr.replace(/^psql:<stdin>:\d+: NOTICE: {2}The operation was despatched successfully\n/gm, ''),
    '',
  );
  assert.match(r.stdout, new RegExp(`^count\n${SAMPLE.bucketCount}\n\\(1 row\\)$`, 'm'));
  assert.match(r.stdout, new RegExp(`^upper,\\?column\\?,int4,name\nA,2,7,${P}-logs$`, 'm'));
  const tags = r.stdout.split('\n').filter((l) => /^(INSERT|UPDATE|DELETE) /.test(l));
  assert.deepEqual(tags, ['INSERT 0 3', 'UPDATE 2', 'DELETE 1', 'INSERT 0 2', 'DELETE 2']);
});

test('psql over TLS with a SCRAM password; a wrong password fails', {
  skip: !hasPsql && 'psql is not installed',
}, async () => {
  const cert = makeCertificate(dir);
  const srv = await startSrvProcess(
    [
      ...api,
      '--pgsrv.tls',
      JSON.stringify({ keyFilePath: cert.keyPath, certFilePath: cert.certPath }),
      '--pgsrv.user',
      'analyst',
    ],
    { SKYQL_PGSRV_PASSWORD: 'pa ss' },
  );
  const conn = `host=127.0.0.1 port=${srv.port} user=analyst dbname=d sslmode=verify-full sslrootcert=${cert.certPath}`;
  const ok = await psql(
    conn,
    `SELECT count(*) FROM google.storage.buckets WHERE project = '${P}';\nSELECT ssl FROM (SELECT 'on' AS ssl);`,
    {
      PGPASSWORD: 'pa ss',
    },
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^${SAMPLE.bucketCount}$`, 'm'));
  const bad = await psql(conn, 'SELECT 1;', { PGPASSWORD: 'nope' });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /password authentication failed/);
  const plain = await psql(conn.replace(/sslmode=\S+ sslrootcert=\S+/, 'sslmode=disable'), 'SELECT 1;', {
    PGPASSWORD: 'pa ss',
  });
  assert.match(plain.stderr, /SSL connection is required/);
});
