import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { runCli } from '../../support/run-cli.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 9 part 1: SQL that would reach host files through the embedded SQLite must fail in every
 * front end (exec, shell, srv, srv --readonly) and must create no file. The folder the attacks
 * name stays empty.
 */

const dir = tempDir();
const f = (name: string) => join(dir, name);

/** Each attack; `wire` marks those the wire server must refuse as FORBIDDEN_SQL (SQLSTATE 42501). */
const ATTACKS: ReadonlyArray<{ sql: string; wire42501: boolean }> = [
  // the reproduction: `/::text*` becomes `/*` once the cast is removed; `pg_` routes to the catalog
  { sql: `/::text* pg_x ' */ ATTACH DATABASE '${f('x.db')}' AS pg_pwn --'`, wire42501: true },
  { sql: `/::text* ' */ CREATE TABLE pg_pwn.owned(x) --'`, wire42501: true },
  { sql: `/::text* ' */ VACUUM pg_pwn INTO '${f('y.db')}' --'`, wire42501: true },
  { sql: `/::text* ' */ VACUUM INTO '${f('z.db')}' --'`, wire42501: true },
  { sql: `SELECT 1 /::text* ' */ , load_extension('${f('evil')}') --'`, wire42501: true },
  {
    sql: `CREATE TABLE c AS SELECT 1 AS a /::text* ' */ , load_extension('${f('evil')}') --'`,
    wire42501: true,
  },
  { sql: `SELECT [x'] , load_extension('${f('evil')}') --']`, wire42501: true },
  { sql: `ATTACH DATABASE '${f('a.db')}' AS a`, wire42501: true },
  { sql: `VACUUM INTO '${f('v.db')}'`, wire42501: true },
  { sql: 'PRAGMA writable_schema = 1', wire42501: true },
  { sql: `SELECT load_extension('${f('evil')}')`, wire42501: true },
  { sql: `SELECT writefile('${f('w.txt')}', 'x')`, wire42501: true },
  { sql: "INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(a)')", wire42501: true },
  { sql: 'DROP TABLE pg_class', wire42501: true },
  { sql: 'WITH x AS (SELECT 1) DELETE FROM pg_type RETURNING oid', wire42501: true },
];

function assertNoFiles(): void {
  assert.deepEqual(readdirSync(dir), [], 'no file was created');
}

/** What each front end says when it refuses an attack (one line per refused statement). */
const REFUSED = /is not allowed|is a reserved name|no such table|unknown statement/;

/** The attacks as one script: `;` on a line of its own, as several attacks end in a `--` comment. */
const SCRIPT = ATTACKS.map((a) => `${a.sql}\n;`).join('\n');

/** The lines of `stderr` that refuse a statement, in statement order. */
function refusals(stderr: string): string[] {
  return stderr.split('\n').filter((line) => REFUSED.test(line));
}

test('exec: every attack fails and creates no file', async () => {
  // one run of all the attacks (a failing statement does not stop the next): each one is refused
  const r = await runCli(['exec', SCRIPT]);
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.stdout, '', 'no attack produced a result');
  const refused = refusals(r.stderr);
  assert.equal(refused.length, ATTACKS.length, r.stderr);
  // the cast trick (ATTACKS[4]) reached SQLite in exec before: now the final text is checked
  assert.equal(refused[4], 'the function load_extension() is not allowed');
  assertNoFiles();
});

test('shell: every attack fails, the session goes on, no file is created', async () => {
  const r = await runCli(['shell', '-o', 'csv'], {}, `${SCRIPT}\nSELECT 'still here' AS s;\n`);
  assert.equal(r.stdout, 's\nstill here\n');
  assert.equal(refusals(r.stderr).length, ATTACKS.length, r.stderr);
  assertNoFiles();
});

async function wireAttacks(port: number): Promise<void> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'attacker', database: 'd' });
  await c.connect();
  try {
    await c.query('SELECT relname FROM pg_class'); // the catalog exists before the attacks
    for (const { sql, wire42501 } of ATTACKS) {
      for (const queryMode of [undefined, 'extended'] as const) {
        await assert.rejects(
          c.query({ text: sql, ...(queryMode ? { queryMode } : {}) }),
          (e: Error & { code?: string }) => !wire42501 || e.code === '42501',
          `${queryMode ?? 'simple'}: ${sql}`,
        );
      }
    }
    assert.deepEqual((await c.query("SELECT count(*) AS n FROM pg_class WHERE relname = 'pg_class'")).rows, [
      { n: '0' },
    ]);
    assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, '1', 'the connection stays usable');
  } finally {
    await c.end();
  }
}

/** `skyql srv` and `skyql srv --readonly`, started once for the file: the wire and psql tests share them. */
const SERVERS = await Promise.all([startSrvProcess([]), startSrvProcess(['--readonly'])]);

test('srv and srv --readonly: every attack fails over both query protocols, no file is created', async () => {
  for (const srv of SERVERS) {
    await wireAttacks(srv.port);
    assertNoFiles();
  }
});

const hasPsql = spawnSync('psql', ['--version']).status === 0;

test('psql -c: the reproduction from the issue creates no file', {
  skip: !hasPsql && 'psql is not installed',
}, async () => {
  for (const srv of SERVERS) {
    const conn = `host=127.0.0.1 port=${srv.port} user=u dbname=d sslmode=disable`;
    const commands = ATTACKS.slice(0, 3).flatMap((a) => ['-c', a.sql]);
    const child = spawn('psql', [conn, '-X', ...commands], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(stderr, /ERROR: {2}ATTACH is not allowed/);
    assertNoFiles();
  }
});
