import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  escapeMdx,
  flattenLines,
  indefiniteArticle,
  jsString,
} from '../../../../src/tools/docs/markdown-escape.js';

test('escapeMdx: braces become numeric entities, angle brackets &lt;/&gt; (inside backticks too)', () => {
  assert.equal(escapeMdx('message X { int a = 1; }'), 'message X &#123; int a = 1; &#125;');
  assert.equal(escapeMdx('must be >= 0 and <= 365'), 'must be &gt;= 0 and &lt;= 365');
  assert.equal(escapeMdx('separated by `" > "`'), 'separated by `" &gt; "`');
  assert.equal(escapeMdx('{a}_{b}'), '&#123;a&#125;&#95;&#123;b&#125;');
});

test('escapeMdx: pipes, ampersands, backticks and links are left alone; line breaks become <br />', () => {
  assert.equal(escapeMdx('a | b & `c` [d](https://e)'), 'a | b & `c` [d](https://e)');
  assert.equal(escapeMdx('one\ntwo\r\nthree'), 'one<br />two<br />three');
});

test('flattenLines, jsString', () => {
  assert.equal(flattenLines('forms: \n- a \n- b'), 'forms:  - a  - b');
  assert.equal(jsString('x'), 'x');
  assert.equal(jsString(false), 'false');
  assert.equal(jsString([1, 'a', null]), '1,a,');
  assert.equal(jsString({ a: 1 }), '[object Object]');
});

test('indefiniteArticle follows the generator: vowels take "an", "u" only before "n"', () => {
  assert.equal(indefiniteArticle('accelerator_types'), 'an');
  assert.equal(indefiniteArticle('instances'), 'an');
  assert.equal(indefiniteArticle('user_data_mappings'), 'a');
  assert.equal(indefiniteArticle('unicorns'), 'an');
  assert.equal(indefiniteArticle('hours'), 'an');
  assert.equal(indefiniteArticle('series_series'), 'a');
});
