import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lexer, tokenize } from '../../../../../src/core/sql/lexer/lexer.js';
import type { Token } from '../../../../../src/core/sql/lexer/token.js';
import { splitStatements } from '../../../../../src/core/sql/split-statements.js';
import { assertPgReadSql, assertSafePgSql } from '../../../../../src/core/store/pg/pg-guard.js';
import { qualifySkyqlFunctions } from '../../../../../src/core/store/pg/pg-qualify.js';
import { pgTokens } from '../../../../../src/core/store/pg/pg-tokens.js';
import { assertConflictClause } from '../../../../../src/core/store/pg/pg-upsert.js';
import { sqliteTokens } from '../../../../../src/core/store/sqlite-tokens.js';
import { seededRandom } from '../../../../support/seeded-sample.js';

/**
 * The PostgreSQL guard's tokens must split text exactly as PostgreSQL's scanner (scan.l) does, or
 * SQL PostgreSQL runs passes as a comment or a string (issue 15's attack review).
 */

const refused = (fn: () => void, what: RegExp) =>
  assert.throws(fn, (e: Error & { code?: string }) => e.code === 'FORBIDDEN_SQL' && what.test(e.message));

test('a -- comment ends at \\n, \\r\\n or a lone \\r in the guard, as in PostgreSQL', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const words = pgTokens(`SELECT 1 --x${eol} , set_config('a', 'b', false)`).map((t) => t.value);
    assert.ok(words.includes('SET_CONFIG'), JSON.stringify(eol));
    refused(() => assertPgReadSql(`SELECT 1 --x${eol}; COMMIT; DROP TABLE t`), /more than one statement/);
    refused(() => assertSafePgSql(`SELECT 1 AS a, --x${eol} set_config('a','b',false)`), /set_config/);
  }
});

test("skyql's lexer ends -- comments at \\r in the postgres dialect, at \\n only in SQLite's", () => {
  const script = 'CREATE TABLE t1 (a --x\r int); DROP TABLE important; CREATE TABLE zz (b --\n int)';
  assert.deepEqual(
    splitStatements(script, 'postgres').map((s) => s.text),
    ['CREATE TABLE t1 (a --x\r int)', 'DROP TABLE important', 'CREATE TABLE zz (b --\n int)'],
  );
  // SQLite's tokenizer (tokenize.c) ends a -- comment at \n only: one statement there, as SQLite reads it
  assert.equal(splitStatements(script, 'sqlite').length, 1);
  assert.ok(!sqliteTokens('SELECT 1 --x\r, 2').some((t) => t.value === '2'));
});

test('U& names are decoded (with UESCAPE) before the forbidden-name check', () => {
  refused(() => assertSafePgSql(`SELECT U&"set\\005fconfig"('application_name','x',false)`), /set_config/);
  refused(
    () => assertSafePgSql(`SELECT U&"pg!005fread!005ffile" UESCAPE '!' ('/etc/hostname')`),
    /pg_read_file/,
  );
  refused(() => assertSafePgSql(`SELECT u&"set\\+00005Fconfig"('a','b',false)`), /set_config/);
  refused(
    () => assertSafePgSql(`SELECT U&"set#005fconfig" /* c */ UESCAPE E'#' ('a','b',false)`),
    /set_config/,
  );
  refused(() => assertSafePgSql(`SELECT U&"set_config" UESCAPE $$!$$ ('a','b',false)`), /set_config/);
  assert.equal(pgTokens(`SELECT U&"d!0061t!+000061" UESCAPE '!' FROM t`)[1].value, 'DATA');
  // a U& string is a string: nothing in it is a name
  assertSafePgSql(`SELECT U&'set_config(' AS s`);
});

test('dollar tags with non-ASCII letters and numbers followed by names split as PostgreSQL splits them', () => {
  refused(() => assertSafePgSql(`SELECT $é$ --$é$, set_config('a','b',false)`), /set_config/);
  refused(() => assertSafePgSql(`SELECT 1set_config('a','b',false)`), /set_config/);
  assert.deepEqual(
    pgTokens('SELECT 1.5e-3, 2e5x').map((t) => t.value),
    ['SELECT', '1.5e-3', ',', '2e5', 'X'],
  );
});

test('functions that run query strings or write inside READ ONLY are refused', () => {
  for (const call of [
    "ts_stat('SELECT to_tsvector(set_config(''a'',''b'',false))')",
    "ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, ''b''::tsquery')",
    "query_to_xml('SELECT 1', true, false, '')",
    "query_to_xml_and_xmlschema('SELECT 1', true, false, '')",
    "cursor_to_xml('c', 1, true, false, '')",
    "table_to_xml('t', true, false, '')",
    "schema_to_xml('public', true, false, '')",
    "database_to_xml(true, false, '')",
    "dblink_exec('x', 'y')",
    "crosstab('SELECT 1')",
    'lo_creat(-1)',
    'lo_open(1, 131072)',
    "lowrite(0, 'x')",
    'lo_truncate(0, 1)',
    'pg_advisory_lock(7461823004)',
    'pg_try_advisory_lock(7461823004)',
    'pg_try_advisory_lock_shared(1)',
    'pg_advisory_unlock_all()',
    "pg_notify('c', 'x')",
    'pg_current_xact_id()',
    'txid_current()',
    "pg_create_logical_replication_slot('s', 'test_decoding')",
    "pg_logical_slot_get_changes('s', NULL, NULL)",
    'pg_stat_reset()',
  ])
    refused(() => assertPgReadSql(`SELECT ${call}`), /is not allowed/);
  // ordinary functions stay allowed
  assertPgReadSql("SELECT lower('A'), to_tsvector('a b'), length(ts_headline('a', 'a'::tsquery)), now()");
});

test("calls of skyql's own functions are schema-qualified, nothing else", () => {
  const names = new Set(['JSON_EXTRACT', 'JSON_EQUAL']);
  assert.equal(
    qualifySkyqlFunctions(
      `SELECT json_extract(d, '$.a'), "json_extract"(d, 'json_extract('), x.json_extract(1), JSON_EQUAL(a, b), json_extract FROM t -- json_extract(`,
      names,
    ),
    `SELECT skyql.json_extract(d, '$.a'), skyql."json_extract"(d, 'json_extract('), x.json_extract(1), skyql.JSON_EQUAL(a, b), json_extract FROM t -- json_extract(`,
  );
  assert.equal(qualifySkyqlFunctions('SELECT "JSON_EXTRACT"(1)', names), 'SELECT "JSON_EXTRACT"(1)');
});

/** The attacker review's payload (F1): PostgreSQL reads one string, then two calls that write inside READ ONLY. */
const CONTINUED =
  "SELECT E'x'\n'\\' /* ' AS a, lo_from_bytea(0, $$srv$$::bytea) AS z, pg_advisory_lock(99) AS l -- */\n, 1 AS w";

const continuedLexError = (sql: string) =>
  assert.throws(
    () => tokenize(sql, undefined, 'postgres'),
    (e: Error & { code?: string; hint?: string }) =>
      e.code === 'PARSE_ERROR' && /continued on a later line/.test(e.message) && /\|\|/.test(e.hint ?? ''),
    JSON.stringify(sql),
  );

test("a string continued on a later line is one string, in the first part's quoting, and is refused", () => {
  // the tokens follow PostgreSQL: E'x' newline '\' /* ' is one string, the calls after it are calls
  const tokens = pgTokens(CONTINUED);
  assert.equal(tokens[1].kind, 'string');
  assert.equal(tokens[1].continued, true);
  assert.equal(CONTINUED.slice(tokens[1].start, tokens[1].end), "E'x'\n'\\' /* '");
  const words = tokens.map((t) => t.value);
  assert.ok(words.includes('LO_FROM_BYTEA') && words.includes('PG_ADVISORY_LOCK'));
  refused(() => assertSafePgSql(CONTINUED), /string literal continued on a later line/);
  refused(() => assertPgReadSql(CONTINUED), /string literal continued on a later line/);
  continuedLexError(CONTINUED);
  // lower-case e, \r, \r\n, a -- comment before or after the line break, blank lines, form feeds
  for (const e of ['E', 'e'])
    for (const gap of ['\n', '\r', '\r\n', ' -- c\n', '\t\f\n', '\n-- c\n  --d\r\n \n', '\n\n\n'])
      for (const sql of [
        `SELECT ${e}'x'${gap}'\\' , set_config('a','b',false) AS a -- '`,
        `SELECT 1 AS b, ${e}'x'${gap}'y'`,
      ]) {
        refused(() => assertSafePgSql(sql), /continued on a later line/);
        refused(() => assertPgReadSql(sql), /continued on a later line/);
        continuedLexError(sql);
      }
  // every quoted string kind continues: '…', U&'…', N'…', B'…', X'…'
  for (const first of ["'a'", "U&'a'", "u&'a'", "N'a'", "B'01'", "X'0f'", "'a''b'"]) {
    const sql = `SELECT ${first}\n'b' AS x`;
    refused(() => assertPgReadSql(sql), /continued on a later line/);
    continuedLexError(sql);
  }
  refused(() => assertSafePgSql(`SELECT U&'a'\n'!0041' UESCAPE '!' AS x`), /continued/);
});

test('what PostgreSQL does not continue stays two strings (a syntax error there), and passes the guard', () => {
  for (const sql of [
    "SELECT 'a' /* c */\n'b'", // a block comment ends the continuation
    "SELECT 'a'\n/* c */'b'",
    "SELECT $$a$$\n'b'", // dollar quotes do not continue
    "SELECT 'a'\nE'b'", // a part is '…' only
    "SELECT 'a' 'b'", // no line break
    "SELECT 'a' --c 'b'",
  ]) {
    const strings = pgTokens(sql).filter((t) => t.kind === 'string');
    assert.ok(strings.length === 2 || sql.includes('--c'), sql);
    assert.ok(!strings.some((t) => t.continued), sql);
    assertPgReadSql(sql);
    tokenize(sql, undefined, 'postgres');
  }
});

test('the statement splitter reads a continued string whole, as PostgreSQL does', () => {
  // a `;` inside the continued part splits nothing; the statement is then refused as a whole
  const script = "SELECT E'x'\n'\\' ; DROP TABLE t; -- '\n; SELECT 2";
  assert.deepEqual(
    splitStatements(script, 'postgres').map((s) => s.text),
    ["SELECT E'x'\n'\\' ; DROP TABLE t; -- '", 'SELECT 2'],
  );
});

test("only PostgreSQL's whitespace separates tokens: a no-break space is part of a name there", () => {
  // PostgreSQL reads AS<NBSP>E as one name, then a plain '\' string: the guard must not see an E'' string
  const sql = "SELECT 1 AS\u00a0E'\\' , set_config('a','b',false) AS x --'";
  assert.deepEqual(
    pgTokens(sql)
      .slice(0, 5)
      .map((t) => t.value),
    ['SELECT', '1', 'AS\u00a0E', "'\\'", ','],
  );
  refused(() => assertSafePgSql(sql), /set_config/);
  for (const space of ['\u2028', '\u3000', '\ufeff'])
    assert.equal(pgTokens(`SELECT a${space}b`).length, 2, JSON.stringify(space));
});

test('adminpack, log, statistics-reset and index-maintenance functions are refused', () => {
  for (const call of [
    "pg_file_write('/tmp/x', 'y', false)",
    "pg_file_rename('/tmp/x', '/tmp/y')",
    "pg_file_unlink('/tmp/x')",
    "pg_file_sync('/tmp/x')",
    "pg_file_length('/tmp/x')",
    'pg_logdir_ls()',
    'pg_rotate_logfile()',
    'pg_rotate_logfile_old()',
    'pg_stat_statements_reset()',
    "pg_stat_reset_shared('bgwriter')",
    "gin_clean_pending_list('i'::regclass)",
    "brin_summarize_new_values('i'::regclass)",
    "brin_summarize_range('i'::regclass, 0)",
    "brin_desummarize_range('i'::regclass, 0)",
    "pg_catalog.gin_clean_pending_list('i')",
    '"brin_summarize_new_values"(1)',
  ])
    refused(() => assertPgReadSql(`SELECT ${call}`), /is not allowed/);
});

test('a dollar tag of any length is one tag: the body of $TTT…$ is a string (attacker review N1)', () => {
  for (const n of [1, 198, 199, 200, 201, 5000]) {
    const tag = `$${'T'.repeat(n)}$`;
    const sql = `SELECT ${tag} ' ${tag} AS a, lo_from_bytea(0,'dq'::bytea) AS c, set_config('application_name','pwned',false) AS b -- '`;
    refused(() => assertSafePgSql(sql), /lo_from_bytea|set_config/);
    refused(() => assertPgReadSql(sql), /lo_from_bytea|set_config/);
    const hidden = `SELECT ${tag} set_config('a','b',false) ${tag} AS s`;
    assertPgReadSql(hidden);
    assert.deepEqual(
      pgTokens(hidden).map((t) => t.kind),
      ['word', 'string', 'word', 'word'],
      String(n),
    );
    // the lexer reads the same string
    const lexer = new Lexer(hidden, { tolerant: true, dialect: 'postgres' });
    lexer.next();
    const str = lexer.next();
    assert.equal(str.kind, 'string');
    assert.equal(str.end, hidden.length - ' AS s'.length);
  }
});

test('a number of any length is one token', () => {
  const digits = '9'.repeat(1000);
  assert.deepEqual(
    pgTokens(`SELECT ${digits}.5e3 AS x`).map((t) => t.value),
    ['SELECT', `${digits}.5e3`, 'AS', 'X'],
  );
});

test('attribute notation (x).f calls f(x): a refused function after . is refused (attacker review N2)', () => {
  for (const sql of [
    'SELECT (4242::bigint).pg_advisory_lock',
    'SELECT (16420::oid).lo_unlink',
    "SELECT count((pid).pg_terminate_backend) FROM pg_stat_activity WHERE application_name = 'x'",
    "SELECT ('SELECT 1'::text).ts_stat",
    `SELECT ('SELECT 1'::text)."ts_stat"`,
    `SELECT ('SELECT 1'::text) . /* c */ ts_stat`,
    `SELECT ('SELECT 1'::text).U&"ts\\005fstat"`,
    'SELECT (ARRAY[4242::bigint])[1].pg_advisory_lock',
    "SELECT (('inv.victim_id_seq'::regclass).nextval)",
    'SELECT t.pg_advisory_lock FROM (SELECT 1::bigint) AS t(x)',
    'SELECT pg_catalog.ts_stat',
  ]) {
    refused(() => assertPgReadSql(sql), /is not allowed/);
    refused(() => assertSafePgSql(sql), /is not allowed/);
  }
  refused(
    () => assertSafePgSql("a int, b bigint DEFAULT (('inv.victim_id_seq'::regclass).nextval)"),
    /nextval\(\) called as a field/,
  );
  // columns named like refused functions still work unqualified, and ordinary qualified columns
  assertPgReadSql('SELECT lo_price, nextval, t.price, (t.c).field FROM t');
  assert.throws(
    () => assertPgReadSql('SELECT t.lo_price FROM t'),
    (e: Error & { hint?: string }) => /without its table name/.test(e.hint ?? ''),
  );
});

test('ON CONFLICT: a field call (x).f runs f with write access and is refused; EXCLUDED.col and t.col stay', () => {
  for (const clause of [
    'ON CONFLICT (k) DO UPDATE SET v = (EXCLUDED.k).my_writer',
    'ON CONFLICT (k) DO UPDATE SET v = (k)."my_writer"',
    'ON CONFLICT (k) DO UPDATE SET v = (ARRAY[k])[1].my_writer',
    'ON CONFLICT (k) DO UPDATE SET v = pg_temp.t.my_writer',
  ])
    assert.throws(
      () => assertConflictClause(clause),
      (e: Error & { code?: string }) =>
        e.code === 'FORBIDDEN_SQL' && /field call|not allowed/.test(e.message),
      clause,
    );
  assertConflictClause(
    'ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v || t.v, "w" = EXCLUDED."w" WHERE t.k > 1',
  );
});

const PIECES = [
  'SELECT ',
  "E'",
  "e'",
  "'",
  "''",
  '\\',
  "\\'",
  '\n',
  '\r',
  ' ',
  '\t',
  '--c',
  '/*',
  '*/',
  '$$',
  'x',
  ';',
  ',',
  "U&'",
  "B'",
  'set_config(',
  // a dollar tag longer than any window (attacker review N1)
  `$${'T'.repeat(250)}$`,
];

test('the guard and the postgres lexer end every string at the same place, and refuse the same continued strings', () => {
  const SEED = Number(process.env.SKYQL_FUZZ_SEED ?? 20250611);
  const rand = seededRandom(SEED);
  const runs = Number(process.env.SKYQL_FUZZ_RUNS ?? 4000);
  for (let r = 0; r < runs; r++) {
    let sql = '';
    for (let k = 1 + Math.floor(rand() * 12); k > 0; k--) sql += PIECES[Math.floor(rand() * PIECES.length)];
    const ends = (xs: Array<{ kind: string; end: number }>) =>
      xs.filter((t) => t.kind === 'string').map((t) => t.end);
    const guard = pgTokens(sql);
    const lexer = new Lexer(sql, { tolerant: true, dialect: 'postgres' });
    const lexed: Token[] = [];
    for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) lexed.push(t);
    const replay = `${JSON.stringify(sql)} (seed ${SEED})`;
    assert.deepEqual(ends(lexed), ends(guard), replay);
    let lexContinued = false;
    try {
      tokenize(sql, undefined, 'postgres');
    } catch (e) {
      lexContinued = /continued on a later line/.test((e as Error).message);
    }
    const continued = guard.some((t) => t.continued);
    if (lexContinued) assert.ok(continued, replay);
    if (continued) {
      refused(() => assertSafePgSql(sql), /continued on a later line/);
      assert.throws(
        () => tokenize(sql, undefined, 'postgres'),
        (e: Error & { code?: string }) => e.code === 'PARSE_ERROR',
        replay,
      );
    }
  }
});
