import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, truncateToWidth } from '../../../../src/front/output/display-width.js';

test('displayWidth counts wide characters as 2 and combining marks as 0', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth(''), 0);
  assert.equal(displayWidth('日本語'), 6);
  assert.equal(displayWidth('한국어'), 6);
  assert.equal(displayWidth('ｆｕｌｌ'), 8);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('🚀'), 2);
  assert.equal(displayWidth('👍🏽'), 2); // skin-tone modifier adds nothing
  assert.equal(displayWidth('👨\u200d👩\u200d👧'), 2); // ZWJ family is one cluster
  assert.equal(displayWidth('✔\ufe0f'), 1);
  assert.equal(displayWidth('a\tb'), 2); // control characters take no column
});

test('ANSI colour escapes take no columns, like tablewriter DisplayWidth', () => {
  assert.equal(displayWidth('\u001b[31mred\u001b[0m'), 3);
  assert.equal(displayWidth('\u001b[1;32mok\u001b[K'), 2);
});

test('truncateToWidth cuts by display width and ends with …', () => {
  assert.equal(truncateToWidth('hello', 5), 'hello');
  assert.equal(truncateToWidth('hello world', 5), 'hell…');
  assert.equal(truncateToWidth('日本語テキスト', 5), '日本…');
  assert.equal(truncateToWidth('日本語', 4), '日…');
  assert.equal(truncateToWidth('abc', 1), '…');
});
