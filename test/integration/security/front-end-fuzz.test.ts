import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { endsStatement } from '../../../src/front/shell/statement-end.js';
import { runCli } from '../../support/run-cli.js';
import { fuzzStatements } from '../../support/sql-fuzz.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 9: random and adversarial statements (test/support/sql-fuzz.ts) thrown at every front end —
 * exec, the shell and the wire server — must never crash the process, hang past the statement
 * timeout, create a file, or answer with a stack trace or an internal JavaScript error. The run is
 * seeded: SKYQL_FUZZ_SEED replays one, SKYQL_FUZZ_RUNS makes it longer (default 50 statements).
 */

const SEED = Number(process.env.SKYQL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = Number(process.env.SKYQL_FUZZ_RUNS ?? 50);
const canary = tempDir('skyql-fuzz-canary-');
const cwd = tempDir('skyql-fuzz-cwd-');
const statements = fuzzStatements(SEED, COUNT, canary);
const replay = `replay with SKYQL_FUZZ_SEED=${SEED}`;

/** Provider calls go nowhere fast: a closed local port, one attempt, no credentials to look for. */
const OFFLINE = [
  '--endpoint',
  'google=http://127.0.0.1:9',
  '--http.retry.maxAttempts',
  '1',
  '--auth',
  '{"google": {"type": "null_auth"}}',
  '--execution.timeout',
  '1', // the catastrophic regexp and endless CTEs among the attacks end here
];

/** What an internal failure looks like when it escapes as a message or a trace. */
const INTERNAL =
  /^\s+at .+\(.*:\d+:\d+\)$|Maximum call stack|is not a function|Cannot read propert|undefined is not|TypeError|ReferenceError|RangeError/m;

function assertNothingCreated(): void {
  assert.deepEqual(readdirSync(canary), [], `no file in the canary folder (${replay})`);
  assert.deepEqual(readdirSync(cwd), [], `no file in the working folder (${replay})`);
}

/** Statements separated so that a trailing `--` comment or an open quote cannot swallow the next. */
function script(list: readonly string[]): string {
  return list.map((s) => `${s}\n;\n`).join('');
}

/**
 * How many times the closing check is sent. A statement the timeout ended took its SQL runner with
 * it, and on a loaded machine the next runner can take longer than the 1 s timeout to start: the
 * check then times out too, but its runner stays for the next try.
 */
const CHECK_TRIES = 3;

test(`exec survives the fuzz statements (seed ${SEED})`, { timeout: 240_000 }, async () => {
  const file = join(tempDir(), 'fuzz.iql');
  writeFileSync(file, script(statements));
  const r = await runCli(['exec', ...OFFLINE, '-o', 'csv', '-i', file], {}, undefined, cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code} (${replay})\n${r.stderr.slice(-2000)}`);
  assert.doesNotMatch(r.stderr, INTERNAL, replay);
  assertNothingCreated();
});

test(`the shell survives the fuzz statements and keeps its session (seed ${SEED})`, {
  timeout: 240_000,
}, async () => {
  // an unterminated quote or comment rightly swallows what follows: keep the statements a `;` ends
  const complete = statements.filter((s) => endsStatement(`${s}\n;`));
  const input = `${script(complete)}${"SELECT 'still here' AS s;\n".repeat(CHECK_TRIES)}`;
  const r = await runCli(['shell', ...OFFLINE, '-o', 'csv'], {}, input, cwd);
  assert.match(r.stdout, /still here\n$/, `${replay}\n${r.stderr.slice(-2000)}`);
  assert.doesNotMatch(r.stderr, INTERNAL, replay);
  assertNothingCreated();
});

for (const readonly of [false, true]) {
  test(`srv${readonly ? ' --readonly' : ''} answers every fuzz statement and stays up (seed ${SEED})`, {
    timeout: 240_000,
  }, async () => {
    const srv = await startSrvProcess([...OFFLINE, ...(readonly ? ['--readonly'] : [])]);
    const c = new pg.Client({ host: '127.0.0.1', port: srv.port, user: 'fuzz', database: 'd' });
    c.on('error', () => {}); // a FATAL ends only this connection; the assertions below say so
    await c.connect();
    try {
      for (const [i, sql] of statements.entries()) {
        const queryMode = i % 2 === 0 ? undefined : ('extended' as const);
        try {
          await c.query({ text: sql, ...(queryMode ? { queryMode } : {}) });
        } catch (err) {
          const e = err as Error & { code?: string };
          assert.ok(e.code, `an error with a SQLSTATE for ${JSON.stringify(sql)} (${replay}): ${e.message}`);
          assert.notEqual(
            e.code,
            'XX000',
            `no internal error for ${JSON.stringify(sql)} (${replay}): ${e.message}`,
          );
          assert.doesNotMatch(e.message, INTERNAL, `${JSON.stringify(sql)} (${replay})`);
        }
      }
      let alive: pg.QueryResult | undefined;
      for (let i = 0; i < CHECK_TRIES && !alive; i++)
        alive = await c.query("SELECT 'alive' AS s").catch((e: Error & { code?: string }) => {
          if (e.code === '57014' && i < CHECK_TRIES - 1) return undefined;
          throw e;
        });
      assert.deepEqual(alive?.rows, [{ s: 'alive' }], `the connection is usable (${replay})`);
    } finally {
      await c.end().catch(() => {});
    }
    assert.doesNotMatch(srv.stderr(), INTERNAL, replay);
    assertNothingCreated();
  });
}
