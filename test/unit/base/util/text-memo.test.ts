import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextMemo } from '../../../../src/base/util/text-memo.js';
import { tokenize } from '../../../../src/core/sql/lexer/lexer.js';
import { analyzeSelect } from '../../../../src/core/sql/select/analyze-select.js';

test('a text is computed once while remembered; variants and other texts are apart; the oldest goes first', () => {
  const memo = new TextMemo<{ n: number }>(2);
  let runs = 0;
  const f = (text: string, variant = '') => memo.through(text, variant, () => ({ n: ++runs }));
  const a = f('SELECT 1');
  assert.equal(f('SELECT 1'), a);
  assert.equal(f(['SELECT', '1'].join(' ')), a, 'equal texts, not only the same string');
  assert.notEqual(f('SELECT 1', 'postgres'), a);
  f('SELECT 2'); // a third entry: 'SELECT 1' without variant is the oldest and goes
  assert.equal(runs, 3);
  assert.notEqual(f('SELECT 1'), a);
  assert.equal(runs, 4);
});

test('large texts are held weakly: the result lives while used, a new one is made once it is gone', () => {
  const memo = new TextMemo<object>(4, 10);
  const big = 'x'.repeat(20);
  const value = memo.set(big, '', {});
  assert.equal(memo.get(big), value); // held by `value` here
});

test('the stages of one statement share its tokens and its analysis', () => {
  const text = "SELECT name FROM google.compute.instances WHERE project = 'p'";
  assert.equal(tokenize(text), tokenize(text));
  assert.notEqual(tokenize(text, undefined, 'postgres'), tokenize(text));
  assert.notEqual(tokenize(text, { line: 2, column: 1, offset: 10 }), tokenize(text));
  assert.equal(tokenize(text, { line: 2, column: 1, offset: 10 })[0].line, 2);
  assert.equal(analyzeSelect(text, 'postgres'), analyzeSelect(text, 'postgres'));
});
