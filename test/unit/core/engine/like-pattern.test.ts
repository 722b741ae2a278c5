import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textResult } from '../../../../src/base/result/result-set.js';
import { likeMatcher } from '../../../../src/core/engine/like-pattern.js';
import { filterLike } from '../../../../src/core/engine/row-filter.js';

test('LIKE as SQLite: % any run, _ one character, ASCII case-insensitive', () => {
  const cases: Array<[string, string, boolean]> = [
    ['comp%', 'compute', true],
    ['%pute', 'compute', true],
    ['c_mpute', 'compute', true],
    ['c_mpute', 'cmpute', false],
    ['%', '', true],
    ['', '', true],
    ['_', '', false],
    ['COMP%', 'compute', true],
    ['%p%e', 'compute', true],
    ['%p%e', 'computer', false],
    ['a%b%c', 'abc', true],
    ['a%b%c', 'acb', false],
    ['%ab%ab%', 'abab', true],
    ['%ab%ab%', 'aba', false],
    ['x.y*', 'x.y*', true],
    ['x.y*', 'xzy*', false],
    ['É%', 'é', false], // only ASCII letters fold, as in SQLite
    ['_b', '😀b', true], // `_` is one character, not one UTF-16 unit
  ];
  for (const [pattern, text, expected] of cases)
    assert.equal(likeMatcher(pattern)(text), expected, `'${text}' LIKE '${pattern}'`);
});

test('a pattern of many %s against long names answers at once (no backtracking)', { timeout: 10_000 }, () => {
  const names = Array.from({ length: 2_000 }, (_, i) => `${'a'.repeat(200)}${i}`);
  const rows = filterLike(
    textResult(
      ['name'],
      names.map((n) => [n]),
    ),
    'name',
    '%%%%%%%%%%%%%%x',
  );
  assert.equal(rows.rows.length, 0);
  const many = `${'%a'.repeat(30)}%b`;
  assert.equal(likeMatcher(many)('a'.repeat(5_000)), false);
  assert.equal(likeMatcher(many)(`${'a'.repeat(5_000)}b`), true);
});
