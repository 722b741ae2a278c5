import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textResult } from '../../../../src/base/result/result-set.js';
import { likeMatcher } from '../../../../src/core/engine/like-pattern.js';
import { filterLike } from '../../../../src/core/engine/row-filter.js';

test("LIKE as StackQL's SHOW: anchored, case-sensitive, % the only wildcard (_ is itself)", () => {
  const cases: Array<[string, string, boolean]> = [
    ['comp%', 'compute', true],
    ['%pute', 'compute', true],
    ['comp', 'compute', false], // anchored: no % means the whole name
    ['compute', 'compute', true],
    ['c_mpute', 'compute', false], // `_` is not a wildcard
    ['healthcar_', 'healthcare', false],
    ['series_%', 'series_series', true],
    ['series_%', 'seriesx', false],
    ['%', '', true],
    ['', '', true],
    ['', 'a', false],
    ['COMP%', 'compute', false], // case-sensitive
    ['Comp%', 'Compute', true],
    ['%p%e', 'compute', true],
    ['%p%e', 'computer', false],
    ['a%b%c', 'abc', true],
    ['a%b%c', 'acb', false],
    ['%ab%ab%', 'abab', true],
    ['%ab%ab%', 'aba', false],
    ['ab%ba', 'aba', false], // the two ends may not overlap
    ['x.y*', 'x.y*', true],
    ['x.y*', 'xzy*', false],
    ['%😀b', 'a😀b', true],
  ];
  for (const [pattern, text, expected] of cases)
    assert.equal(likeMatcher(pattern)(text), expected, `'${text}' LIKE '${pattern}'`);
});

test('filterLike keeps a row when any of the given columns matches', () => {
  const rows = textResult(
    ['name', 'id'],
    [
      ['instances', 'google.compute.instances'],
      ['disks', 'google.compute.disks'],
    ],
  );
  assert.deepEqual(filterLike(rows, ['id', 'name'], 'google.compute.inst%').rows, [rows.rows[0]]);
  assert.deepEqual(filterLike(rows, ['id', 'name'], 'disks').rows, [rows.rows[1]]);
  assert.deepEqual(filterLike(rows, ['name'], 'google.%').rows, []);
});

test('a pattern of many %s against long names answers at once (no backtracking)', { timeout: 10_000 }, () => {
  const names = Array.from({ length: 2_000 }, (_, i) => `${'a'.repeat(200)}${i}`);
  const rows = filterLike(
    textResult(
      ['name'],
      names.map((n) => [n]),
    ),
    ['name'],
    '%%%%%%%%%%%%%%x',
  );
  assert.equal(rows.rows.length, 0);
  const many = `${'%a'.repeat(30)}%b`;
  assert.equal(likeMatcher(many)('a'.repeat(5_000)), false);
  assert.equal(likeMatcher(many)(`${'a'.repeat(5_000)}b`), true);
});
