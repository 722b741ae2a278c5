import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell, ColumnType, ResultSet } from '../../../../src/base/result/result-set.js';
import { formatPrettyText, indentJson } from '../../../../src/front/output/pptext-writer.js';
import { formatText } from '../../../../src/front/output/text-writer.js';

function rs(names: string[], rows: Cell[][], type: ColumnType = 'text'): ResultSet {
  return { columns: names.map((name) => ({ name, type })), rows };
}

test('text joins with commas and never quotes', () => {
  const out = formatText(
    rs(
      ['name', 'members'],
      [
        ['a,b', '["user:a"]'],
        [null, 3],
      ],
    ),
  );
  assert.equal(out, 'name,members\na,b,["user:a"]\nnull,3\n');
  assert.equal(formatText(rs(['x'], [['1']]), { hideHeaders: true }), '1\n');
  assert.equal(formatText(rs(['x'], [])), 'x\n');
});

test('pptext pretty prints JSON objects and arrays with two-space indent', () => {
  const out = formatPrettyText(
    rs(
      ['name', 'labels'],
      [
        ['vm1', '{"env":"prod","tags":["a","b"],"empty":{},"none":[]}'],
        ['vm2', 'not {json'],
      ],
    ),
  );
  assert.equal(
    out,
    'name,labels\nvm1,{\n  "env": "prod",\n  "tags": [\n    "a",\n    "b"\n  ],\n  "empty": {},\n  "none": []\n}\nvm2,not {json\n',
  );
});

test('indentJson keeps tokens exactly as held (Go json.Indent)', () => {
  assert.equal(
    indentJson('[1.50,"a\\"b,c:d",{"k" : 12345678901234567890}]'),
    '[\n  1.50,\n  "a\\"b,c:d",\n  {\n    "k": 12345678901234567890\n  }\n]',
  );
  assert.equal(indentJson(' { } '), '{} ');
});
