import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitStatements } from '../../../../src/core/sql/split-statements.js';

describe('splitStatements', () => {
  test('splits on ; and keeps whole-script offsets, lines and columns', () => {
    const src = 'SHOW PROVIDERS;\n  SHOW SERVICES IN google ;\n\nSELECT 1';
    assert.deepEqual(splitStatements(src), [
      { text: 'SHOW PROVIDERS', start: 0, line: 1, column: 1 },
      { text: 'SHOW SERVICES IN google', start: 18, line: 2, column: 3 },
      { text: 'SELECT 1', start: 45, line: 4, column: 1 },
    ]);
  });

  test('a ; inside strings, quoted identifiers or comments does not split', () => {
    const src = `SELECT 'a;b', "c;d", \`e;f\` -- g;h\n/* i;j */ FROM t; SELECT 2`;
    const parts = splitStatements(src).map((s) => s.text);
    assert.deepEqual(parts, [`SELECT 'a;b', "c;d", \`e;f\` -- g;h\n/* i;j */ FROM t`, 'SELECT 2']);
  });

  test('drops empty and comment-only statements; trims leading comments', () => {
    const src = ';; -- nothing\n; /* still nothing */ ;\n-- lead\nSHOW PROVIDERS -- trail\n;';
    assert.deepEqual(splitStatements(src), [{ text: 'SHOW PROVIDERS', start: 46, line: 4, column: 1 }]);
    assert.deepEqual(splitStatements(''), []);
    assert.deepEqual(splitStatements('  \n -- x'), []);
  });

  test('keeps hints, which are part of the statement', () => {
    assert.deepEqual(
      splitStatements('/*+ AWAIT */;INSERT /*+ AWAIT */ INTO t SELECT 1').map((s) => s.text),
      ['/*+ AWAIT */', 'INSERT /*+ AWAIT */ INTO t SELECT 1'],
    );
  });

  test('an unterminated string swallows the rest of the script without throwing', () => {
    const src = "SELECT 1; SELECT 'x; SELECT 3";
    assert.deepEqual(splitStatements(src), [
      { text: 'SELECT 1', start: 0, line: 1, column: 1 },
      { text: "SELECT 'x; SELECT 3", start: 10, line: 1, column: 11 },
    ]);
  });

  test('CRLF line endings', () => {
    const pieces = splitStatements('SHOW PROVIDERS;\r\nSHOW VERSION;\r\n');
    assert.deepEqual(pieces[1], { text: 'SHOW VERSION', start: 17, line: 2, column: 1 });
  });
});
