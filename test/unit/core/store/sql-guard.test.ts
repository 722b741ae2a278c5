import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { applyEdits } from '../../../../src/core/sql/select/apply-edits.js';
import { castEdits } from '../../../../src/core/sql/select/pg-casts.js';
import { assertReadSql, assertSafeSql } from '../../../../src/core/store/sql-guard.js';
import { sqliteTokens } from '../../../../src/core/store/sqlite-tokens.js';
import { rewriteForSqlite } from '../../../../src/front/pgwire/pg-sql-rewrite.js';

const forbidden = (e: unknown) => isSkyqlError(e, 'FORBIDDEN_SQL');

/** The issue-9 reproductions: `/::text*` becomes `/*` once the cast is removed, swapping comment and code. */
const CAST_TRICKS = [
  "/::text* pg_x ' */ ATTACH DATABASE '/tmp/x.db' AS pg_pwn --'",
  "/::text* ' */ CREATE TABLE pg_pwn.owned(x) --'",
  "/::text* ' */ VACUUM pg_pwn INTO '/tmp/y.db' --'",
  "SELECT 1 /::text* ' */ , load_extension('/tmp/evil.so') --'",
];

test('the cast-removal tricks are refused on the text SQLite gets, from the wire and from exec', () => {
  for (const sql of CAST_TRICKS) {
    const wire = rewriteForSqlite(sql);
    assert.match(wire, /\/\*/, 'the rewrite really opens a comment');
    assert.throws(() => assertReadSql(wire), forbidden, wire);
    const exec = applyEdits(sql, castEdits(sql));
    assert.throws(() => assertReadSql(exec), forbidden, exec);
  }
});

test('each host-reaching statement and function is refused', () => {
  for (const sql of [
    "ATTACH DATABASE '/tmp/x.db' AS x",
    'DETACH x',
    "VACUUM INTO '/tmp/copy.db'",
    'PRAGMA writable_schema = 1',
    'PRAGMA journal_mode = delete',
    "SELECT load_extension('/tmp/evil.so')",
    'SELECT "load_extension"(\'/tmp/evil.so\')',
    "SELECT [load_extension]('/tmp/evil.so')",
    "SELECT `readfile`('/etc/passwd')",
    "SELECT writefile('/tmp/x', 'y')",
    "SELECT fts3_tokenizer('simple')",
    'CREATE VIRTUAL TABLE t USING fts5(x)',
    'SELECT 1 -- comment\nATTACH ":memory:" AS m',
    'SELECT 1\u0000; ATTACH x', // SQLite stops at the NUL; refused outright
    "SELECT 'a\u0000b' AS v", // inside a literal too (a bound wire parameter ends up there)
  ])
    assert.throws(() => assertSafeSql(sql), forbidden, sql);
});

test('the lexer agrees with SQLite: [brackets] and backticks are names, /* runs to the end, -- to the line end', () => {
  // skyql's StackQL lexer would read a string from the quote inside [x'] and miss the call
  assert.throws(() => assertSafeSql("SELECT [x'] , load_extension('e') --']"), forbidden);
  assert.throws(() => assertSafeSql("SELECT `x'` , load_extension('e') --'`"), forbidden);
  assert.throws(() => assertSafeSql("SELECT \"x'\" , load_extension('e') --'\""), forbidden);
  assert.doesNotThrow(() => assertSafeSql('SELECT \'ATTACH\', "pragma" -- VACUUM'));
  assert.doesNotThrow(() => assertSafeSql('SELECT 1 /* ATTACH, an unterminated comment'));
  assert.doesNotThrow(() => assertSafeSql("SELECT 'it''s ATTACH' AS x, [a]]"));
  assert.deepEqual(
    sqliteTokens('SELECT x\'41\', [a b], `c``d`, "e""f", ?1, :n, $v /* c */ -- d').map((t) => [
      t.kind,
      t.value,
    ]),
    [
      ['word', 'SELECT'],
      ['string', "x'41'"],
      ['symbol', ','],
      ['quoted', 'a b'],
      ['symbol', ','],
      ['quoted', 'c`d'],
      ['symbol', ','],
      ['quoted', 'e"f'],
      ['symbol', ','],
      ['variable', '?1'],
      ['symbol', ','],
      ['variable', ':n'],
      ['symbol', ','],
      ['variable', '$v'],
    ],
  );
});

test('user SQL must be one query: anything but SELECT, WITH or VALUES is refused', () => {
  for (const sql of [
    'DROP TABLE pg_class',
    "INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(a)')",
    "UPDATE sqlite_schema SET sql = 'x'",
    'DELETE FROM pg_type',
    'CREATE TABLE t (a)',
    'BEGIN',
    'REINDEX',
    'EXPLAIN SELECT 1',
    '',
  ])
    assert.throws(() => assertReadSql(sql), forbidden, sql);
  for (const sql of ['SELECT 1', 'with x as (select 1) select * from x', 'VALUES (1, 2)', '/* c */ SELECT 1'])
    assert.doesNotThrow(() => assertReadSql(sql), sql);
});

test('errors on the user’s text point at the word; on rewritten text they carry no position', () => {
  assert.throws(
    () => assertSafeSql('SELECT 1,\n  load_extension(1)', { line: 3, column: 1, offset: 40 }),
    (e: unknown) =>
      forbidden(e) && e.position?.line === 4 && e.position.column === 3 && e.position.offset === 52,
  );
  assert.throws(
    () => assertReadSql('/* x */ ATTACH x'),
    (e: unknown) => forbidden(e) && e.position === undefined && !/line/.test(e.message),
  );
});
