import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { tokenize } from '../../../../src/core/sql/lexer/lexer.js';
import { LineMap } from '../../../../src/core/sql/lexer/line-map.js';
import { parseScript } from '../../../../src/core/sql/parser/parse-script.js';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { analyzeSelect } from '../../../../src/core/sql/select/analyze-select.js';
import { DEFAULT_MAX_STATEMENT_BYTES } from '../../../../src/core/sql/statement-size.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

/**
 * Attacker review (N4): a 15 MiB `SELECT 1,1,1,…` held srv's thread for a minute and ended in
 * "Maximum call stack size exceeded" (the select list was spread into push() as arguments). A
 * statement's text is now refused past a size before it is lexed, and a flat list up to that size
 * is read without a stack overflow. (How fast is bench territory: `npm run bench`.)
 */

const tooLarge = (e: unknown) => isSkyqlError(e) && e.code === 'STATEMENT_TOO_LARGE';
/** `SELECT 1,1,1,…` of just under `bytes`. */
const flatList = (bytes: number) => `SELECT 1${',1'.repeat((bytes - 8) >> 1)}`;

test('a statement over the limit is refused before it is lexed, with where it starts and the flag to raise', () => {
  // an unterminated string: a PARSE_ERROR if the lexer ever read it
  const text = `SELECT '${'x'.repeat(200)}`;
  assert.throws(
    () => parseStatement(text, undefined, 'sqlite', 100),
    (e: unknown) => {
      assert.ok(tooLarge(e));
      assert.match(
        (e as Error).message,
        /^statement at line 1, column 1 is 208 bytes, more than the 100 bytes a statement may hold$/,
      );
      assert.match((e as { hint?: string }).hint ?? '', /--execution\.maxStatementBytes/);
      return true;
    },
  );
  assert.throws(() => parseStatement(text, undefined, 'sqlite', 300), /unterminated string literal/);
  // bytes, not characters: 40 euro signs are 120 bytes
  assert.throws(() => parseStatement(`SELECT '${'€'.repeat(40)}'`, undefined, 'sqlite', 100), tooLarge);
  assert.equal(parseStatement(`SELECT '${'e'.repeat(40)}'`, undefined, 'sqlite', 100).kind, 'other');
  // the default
  assert.throws(() => parseStatement(flatList(DEFAULT_MAX_STATEMENT_BYTES + 10)), tooLarge);
});

test('in a script, only the statement over the limit is refused, positioned in the script', () => {
  const entries = parseScript(`SELECT 1;\nSELECT '${'x'.repeat(200)}';\nSELECT 2`, 'sqlite', 100);
  assert.deepEqual(
    entries.map((e) => e.ok),
    [true, false, true],
  );
  const bad = entries[1];
  assert.ok(!bad.ok && tooLarge(bad.error));
  assert.deepEqual(bad.error.position, { line: 2, column: 1, offset: 10 });
});

test('a flat list of a million tokens is lexed and analysed without a stack overflow', () => {
  const text = flatList(DEFAULT_MAX_STATEMENT_BYTES - 100);
  const items = (text.length - 6) >> 1;
  assert.equal(tokenize(text).length, 2 * items + 1); // SELECT, the 1s and commas, eof
  assert.equal(parseStatement(text).kind, 'other');
  assert.equal(analyzeSelect(text).scopes[0].items.length, items);
  // the same list in parentheses, as one AND term, and as the values of one IN list
  const n = 150_000;
  const anded = `SELECT 1 FROM t WHERE (${Array(n).fill('a = 1').join(' AND ')})`;
  assert.equal(
    analyzeSelect(anded).scopes[0].filters.length + analyzeSelect(anded).scopes[0].conjuncts.length,
    n,
  );
  const listed = `SELECT 1 FROM google.compute.instances WHERE zone IN (${Array(n).fill("'z'").join(',')})`;
  assert.equal(analyzeSelect(listed).scopes[0].conjuncts[0].values.length, n);
  const ored = `SELECT 1 FROM google.compute.instances WHERE ${Array(n).fill("zone = 'z'").join(' OR ')}`;
  assert.equal(analyzeSelect(ored).scopes[0].conjuncts[0].values.length, n);
});

test("tokens on many lines get their lines and columns (the lexer finds each token's line going forward)", () => {
  const text = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i % 7)}x${i}`).join('\n');
  const tokens = tokenize(text, { line: 3, column: 5, offset: 100 });
  const lines = new LineMap(text, { line: 3, column: 5, offset: 100 });
  for (const t of tokens.slice(0, -1)) {
    const at = lines.positionAt(t.start - 100);
    assert.deepEqual([t.line, t.column], [at.line, at.column]);
  }
  assert.deepEqual([tokens[0].line, tokens[0].column], [3, 5]);
  assert.deepEqual([tokens[8].line, tokens[8].column], [11, 2]);
  // a lookup behind the last one still finds its line
  assert.equal(lines.lineIndexAt(0, 4000), 0);
  assert.equal(lines.lineIndexAt(text.length, 0), 4999);
});

test('a session refuses a statement over its --execution.maxStatementBytes and runs the others', async () => {
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    maxStatementBytes: 1000,
  });
  try {
    const outcomes = [];
    for await (const o of session.run(`SELECT 1 AS a; SELECT 1${',1'.repeat(600)}; SELECT 2 AS b`))
      outcomes.push(o.ok ? o.result?.rows : o.error.code);
    assert.deepEqual(outcomes, [[[1]], 'STATEMENT_TOO_LARGE', [[2]]]);
    await assert.rejects(session.executeText(`SELECT '${'x'.repeat(2000)}`), tooLarge);
  } finally {
    await session.close();
  }
});

test('a 1 MiB flat select list runs to SQLite, whose limit answers, not a stack overflow', async () => {
  const session = createSession({ registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT) });
  try {
    const outcomes = [];
    for await (const o of session.run(flatList(DEFAULT_MAX_STATEMENT_BYTES - 100)))
      outcomes.push(o.ok ? 'ok' : `${o.error.code}: ${o.error.message}`);
    assert.deepEqual(outcomes, ['LOCAL_SQL_ERROR: SQL error: too many columns in result set']);
  } finally {
    await session.close();
  }
});
