import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultSet } from '../../../../src/base/result/result-set.js';
import { isJsonNumber, minifyJson, uniqueKeys } from '../../../../src/front/output/json-values.js';
import { formatJson } from '../../../../src/front/output/json-writer.js';
import { createJsonlRowFormatter, formatJsonl } from '../../../../src/front/output/jsonl-writer.js';

const typed: ResultSet = {
  columns: [
    { name: 'name', type: 'text' },
    { name: 'id', type: 'integer' },
    { name: 'size', type: 'real' },
    { name: 'on', type: 'boolean' },
    { name: 'labels', type: 'json' },
  ],
  rows: [
    ['b', 9007199254740993n, 1.5, true, '{"env":"prod","n":12345678901234567890}'],
    ['a', '42', 0.25, 0, '[1, 2]'],
    [null, null, null, null, null],
    ['c', 'n/a', 'NaN', 'yes', 'not json'],
  ],
};

test('json: one array per statement, keys in projection order, typed values, trailing newline', () => {
  assert.equal(
    formatJson(typed),
    '[{"name":"b","id":9007199254740993,"size":1.5,"on":true,"labels":{"env":"prod","n":12345678901234567890}},' +
      '{"name":"a","id":42,"size":0.25,"on":false,"labels":[1,2]},' +
      '{"name":null,"id":null,"size":null,"on":null,"labels":null},' +
      '{"name":"c","id":"n/a","size":"NaN","on":"yes","labels":"not json"}]\n',
  );
  assert.equal(formatJson({ columns: typed.columns, rows: [] }), '[]\n');
});

test('json: duplicate column names get _1, _2 so no value is lost', () => {
  const out = formatJson({
    columns: ['id', 'id', 'id', 'id_1'].map((name) => ({ name, type: 'integer' as const })),
    rows: [[1, 2, 3, 4]],
  });
  assert.equal(out, '[{"id":1,"id_2":2,"id_3":3,"id_1":4}]\n');
  assert.deepEqual(uniqueKeys(['a', 'a', 'b', 'a']), ['a', 'a_1', 'b', 'a_2']);
});

test('jsonl: one compact object per row, formatter usable row by row', () => {
  const format = createJsonlRowFormatter(typed.columns);
  assert.equal(format(typed.rows[1]), '{"name":"a","id":42,"size":0.25,"on":false,"labels":[1,2]}\n');
  const out = formatJsonl(typed);
  assert.equal(out.split('\n').length, 5);
  assert.deepEqual(JSON.parse(out.split('\n')[2]), {
    name: null,
    id: null,
    size: null,
    on: null,
    labels: null,
  });
  assert.equal(formatJsonl({ columns: typed.columns, rows: [] }), '');
});

test('helpers: JSON number grammar and minifying', () => {
  assert.ok(isJsonNumber('-0.5e+10') && isJsonNumber('0') && isJsonNumber('12345678901234567890'));
  assert.ok(
    !isJsonNumber('01') &&
      !isJsonNumber('1.') &&
      !isJsonNumber('') &&
      !isJsonNumber('-') &&
      !isJsonNumber(' 1'),
  );
  assert.equal(minifyJson('{ "a b" : [1, 2],\n "c":"\\" x" }'), '{"a b":[1,2],"c":"\\" x"}');
});
