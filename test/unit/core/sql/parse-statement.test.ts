import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { excerpt } from '../../../../src/core/sql/error-excerpt.js';
import { parseScript } from '../../../../src/core/sql/parser/parse-script.js';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { splitStatements } from '../../../../src/core/sql/split-statements.js';
import { parseErrorOf } from './parse-error-of.js';

describe('parseStatement: statements parsed later', () => {
  const GOLDEN: Array<[string, string, string[]]> = [
    ['SELECT name FROM google.compute.instances', 'SELECT', []],
    ['with t as (select 1) select * from t', 'WITH', []],
    // DML on local tables (provider resources and EXEC parse into their own nodes: parse-mutation tests)
    ['INSERT INTO t (a) SELECT 1', 'INSERT', []],
    ['UPDATE /*+ AWAIT, NOSTATUS */ main.t SET x = 1', 'UPDATE', ['AWAIT', 'NOSTATUS']],
    ['REPLACE t SET x = 1 WHERE y = 2', 'REPLACE', []],
    ["DELETE FROM t WHERE disk = 'd'", 'DELETE', []],
    ['CREATE OR REPLACE VIEW v AS SELECT 1', 'CREATE', []],
    ['DROP VIEW v', 'DROP', []],
    ['REFRESH MATERIALIZED VIEW mv', 'REFRESH', []],
    ['SET x = 1', 'SET', []],
    ['PURGE CONSERVATIVE', 'PURGE', []],
    ["NATIVEQUERY 'select 1'", 'NATIVEQUERY', []],
    ['begin', 'BEGIN', []],
    ['COMMIT', 'COMMIT', []],
    ['ROLLBACK', 'ROLLBACK', []],
  ];
  for (const [sql, verb, hints] of GOLDEN) {
    test(sql, () => {
      assert.deepEqual(parseStatement(sql), { kind: 'other', verb, hints, text: sql, start: 0 });
    });
  }

  test('EXPLAIN wraps the statement after it, parsed as if it stood alone, with offsets in the source', () => {
    const sql = "EXPLAIN DELETE FROM google.compute.instances WHERE project = 'p'";
    const stmt = parseStatement(sql);
    assert.equal(stmt.kind, 'explain');
    const inner = stmt.kind === 'explain' ? stmt.statement : undefined;
    assert.equal(inner?.kind, 'delete');
    assert.equal(inner?.text, sql.slice(8));
    assert.equal(inner?.start, 8);
    const nested = parseStatement('EXPLAIN SELECT 1');
    assert.deepEqual(nested.kind === 'explain' && nested.statement, {
      kind: 'other',
      verb: 'SELECT',
      hints: [],
      text: 'SELECT 1',
      start: 8,
    });
  });

  test('EXPLAIN needs a statement, and errors inside it point into the source', () => {
    assert.equal(
      parseErrorOf('EXPLAIN').message,
      'syntax error at line 1, column 8: expected a statement after EXPLAIN, found end of statement',
    );
    assert.deepEqual(parseErrorOf('EXPLAIN SHOW FOO').position, { line: 1, column: 14, offset: 13 });
  });

  test('a hint not directly after the verb is not the statement hint', () => {
    const stmt = parseStatement('SELECT 1 /*+ AWAIT */');
    assert.deepEqual(stmt.kind === 'other' && stmt.hints, []);
  });

  test('the body is still lexed, so an unterminated string is reported', () => {
    assert.equal(
      parseErrorOf("SELECT 'x").message,
      'unterminated string literal starting at line 1, column 8',
    );
  });
});

describe('parseStatement: errors', () => {
  test('unknown statement names the word and lists the supported ones', () => {
    const err = parseErrorOf('FOO bar');
    assert.equal(err.code, 'PARSE_ERROR');
    assert.equal(err.message, "syntax error at line 1, column 1: unknown statement 'FOO'");
    assert.deepEqual(err.position, { line: 1, column: 1, offset: 0 });
    assert.equal(
      err.hint,
      'supported statements: SHOW, DESCRIBE, REGISTRY, INSERT, UPDATE, REPLACE, DELETE, EXEC, EXPLAIN, SELECT, WITH, CREATE, DROP, REFRESH',
    );
  });

  test('unknown statement suggests a close verb', () => {
    assert.match(parseErrorOf('SELEC 1').hint ?? '', /^did you mean SELECT\? supported statements/);
    assert.match(parseErrorOf('EXPLIAN SELECT 1').hint ?? '', /^did you mean EXPLAIN\? /);
  });

  test('empty statement', () => {
    assert.equal(parseErrorOf(' -- only a comment\n').message, 'empty statement at line 1, column 1');
  });

  test('a second statement in one parseStatement call', () => {
    assert.equal(
      parseErrorOf('SHOW PROVIDERS; SHOW VERSION').message,
      "syntax error at line 1, column 15: expected end of statement, found ';'",
    );
  });

  test('positions come from the statement origin or the full source', () => {
    const src = 'SHOW PROVIDERS;\n\n   SHOW RESOURCES IN google';
    const [, second] = splitStatements(src);
    for (const input of [second, { text: second.text, start: second.start }]) {
      try {
        parseStatement(input, src);
        assert.fail('expected an error');
      } catch (err) {
        assert.ok(err instanceof Error && 'position' in err);
        assert.deepEqual(err.position, { line: 3, column: 22, offset: 38 });
      }
    }
  });
});

describe('parseScript', () => {
  test('parses each statement and reports bad ones without stopping', () => {
    const src = "SHOW PROVIDERS;\nSHOW RESOURCES google; SELECT 'a;b';\nREGISTRY PULL google v1.0.4";
    const entries = parseScript(src);
    assert.deepEqual(
      entries.map((e) =>
        e.ok ? e.statement.kind : `error@${e.error.position?.line}:${e.error.position?.column}`,
      ),
      ['show', 'error@2:16', 'other', 'registryPull'],
    );
    const bad = entries[1];
    assert.ok(!bad.ok);
    assert.equal(bad.text, 'SHOW RESOURCES google');
    assert.equal(bad.start, 16);
    assert.equal(
      bad.error.message,
      "syntax error at line 2, column 16: expected IN or FROM after SHOW RESOURCES, found 'google'",
    );
    const third = entries[2];
    assert.ok(third.ok);
    assert.deepEqual(third.statement, {
      kind: 'other',
      verb: 'SELECT',
      hints: [],
      text: "SELECT 'a;b'",
      start: 39,
    });
  });

  test('an error in the 2nd statement reports line 2 with the right excerpt', () => {
    const src = 'SHOW PROVIDERS;\n  SHOW METHODS IN google.compute;';
    const [, second] = parseScript(src);
    assert.ok(!second.ok);
    assert.deepEqual(second.error.position, { line: 2, column: 19, offset: 34 });
    assert.equal(
      excerpt(src, second.error.position ?? { line: 0, column: 0 }),
      '  SHOW METHODS IN google.compute;\n                  ^',
    );
  });

  test('an unterminated string in the last statement is reported at its start', () => {
    const entries = parseScript("SHOW PROVIDERS;\nSELECT 'oops; SHOW VERSION");
    assert.equal(entries.length, 2);
    const last = entries[1];
    assert.ok(!last.ok);
    assert.equal(last.error.message, 'unterminated string literal starting at line 2, column 8');
    assert.deepEqual(last.error.position, { line: 2, column: 8, offset: 23 });
  });
});

describe('excerpt', () => {
  test('puts a caret under the column', () => {
    assert.equal(
      excerpt('SELECT 1;\nSHOW RESOURCES google', { line: 2, column: 16 }),
      'SHOW RESOURCES google\n               ^',
    );
  });

  test('keeps tabs so the caret lines up, and drops \\r', () => {
    assert.equal(excerpt('\tSHOW x\r\n', { line: 1, column: 7 }), '\tSHOW x\n\t     ^');
  });

  test('cuts long lines to a window around the column', () => {
    const line = `SELECT ${'x, '.repeat(100)}#`;
    const out = excerpt(line, { line: 1, column: line.length });
    const [text, caret] = out.split('\n');
    assert.ok(text.startsWith('...'));
    assert.equal(text[caret.length - 1], '#');
  });

  test('returns empty for a line that does not exist', () => {
    assert.equal(excerpt('x', { line: 5, column: 1 }), '');
  });
});
