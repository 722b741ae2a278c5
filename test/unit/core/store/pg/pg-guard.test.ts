import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from '../../../../../src/core/sql/split-statements.js';
import { assertPgReadSql, assertSafePgSql } from '../../../../../src/core/store/pg/pg-guard.js';
import { qualifySkyqlFunctions } from '../../../../../src/core/store/pg/pg-qualify.js';
import { pgTokens } from '../../../../../src/core/store/pg/pg-tokens.js';
import { sqliteTokens } from '../../../../../src/core/store/sqlite-tokens.js';

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
