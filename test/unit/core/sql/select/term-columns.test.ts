import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnRefsIn, selectItems } from '../../../../../src/core/sql/select/term-columns.js';
import { TokenWalker } from '../../../../../src/core/sql/select/token-walker.js';

function refs(expr: string): string[] {
  const w = new TokenWalker(expr);
  return columnRefsIn(w, 0, w.length).map((c) => (c.qualifier ? `${c.qualifier}.${c.column}` : c.column));
}

test('column references of a term: arguments yes; functions, types, operators, subqueries and window words no', () => {
  assert.deepEqual(refs("zone LIKE 'us-%'"), ['zone']);
  assert.deepEqual(refs("lower(i.zone) = 'x' AND NOT z.a IS NULL"), ['i.zone', 'z.a']);
  assert.deepEqual(refs('CAST(size AS INTEGER) BETWEEN lo AND hi'), ['size', 'lo', 'hi']);
  assert.deepEqual(refs("CASE WHEN order = 1 THEN 'a' ELSE view END = 'a'"), ['order', 'view']);
  assert.deepEqual(refs('n > (SELECT max(m) FROM t WHERE x = 1) OR TRUE'), ['n']);
  assert.deepEqual(refs('rank() OVER (PARTITION BY zone ORDER BY name) = 1'), ['zone', 'name']);
  assert.deepEqual(refs('google.compute.instances.zone = 1'), ['google.compute.instances.zone']);
});

function items(list: string): Array<[string, boolean, string | undefined]> {
  const sql = `SELECT ${list}`;
  const w = new TokenWalker(sql);
  return selectItems(w, 1, w.length).map((i) => [sql.slice(i.start, i.end), i.named, i.column?.column]);
}

test('select items: aliases (with or without AS), plain columns and stars are named; expressions are not', () => {
  assert.deepEqual(items("DISTINCT name, i.zone, 'x' || i.name, count(*) n, upper(a) AS u, 1, *, i.*"), [
    ['name', true, 'name'],
    ['i.zone', true, 'zone'],
    ["'x' || i.name", false, undefined],
    ['count(*) n', true, undefined],
    ['upper(a) AS u', true, undefined],
    ['1', false, undefined],
    ['*', true, undefined],
    ['i.*', true, undefined],
  ]);
  assert.deepEqual(items("a COLLATE nocase, CASE WHEN a THEN 1 END c, 'lit' l, order"), [
    ['a COLLATE nocase', false, undefined],
    ['CASE WHEN a THEN 1 END c', true, undefined],
    ["'lit' l", true, undefined],
    ['order', true, 'order'],
  ]);
});
