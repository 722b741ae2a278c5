import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell, ResultSet } from '../../../../src/base/result/result-set.js';
import { utf8Text } from '../../../../src/base/util/utf8-text.js';
import { formatResult, OUTPUT_FORMATS, openTextStream } from '../../../../src/front/output/formatters.js';

/** 2,500 rows of every column type, some cells needing quotes or holding spaced JSON. */
const big: ResultSet = {
  columns: [
    { name: 'name', type: 'text' },
    { name: 'id', type: 'integer' },
    { name: 'on', type: 'boolean' },
    { name: 'meta', type: 'json' },
  ],
  rows: Array.from({ length: 2500 }, (_, i): Cell[] => [
    i % 7 === 0 ? `a, "b" ${i}` : i % 13 === 0 ? `vm-€-😀-é-${i}` : `vm-${i}`,
    i % 5 === 0 ? BigInt(i) * 10n ** 18n : i,
    i % 2 === 0,
    i % 3 === 0 ? `{ "k": [${i}, null] }` : i % 11 === 0 ? 'not json' : `{"k":[${i}]}`,
  ]),
};

function streamed(format: (typeof OUTPUT_FORMATS)[number], result: ResultSet, batch: number, hide = false) {
  const s = openTextStream(format, result.columns, { hideHeaders: hide });
  let out = '';
  for (let i = 0; i < result.rows.length; i += batch)
    out += utf8Text(s.rows(result.rows.slice(i, i + batch))).toString('utf8');
  return out + s.end();
}

test('every format writes the same text batch by batch as whole, with and without rows', () => {
  for (const format of OUTPUT_FORMATS) {
    for (const hide of [false, true]) {
      const whole = formatResult(format, big, { hideHeaders: hide });
      assert.equal(streamed(format, big, 1000, hide), whole, format);
      assert.equal(streamed(format, big, 1, hide), whole, format);
      const empty = { columns: big.columns, rows: [] };
      assert.equal(streamed(format, empty, 1000, hide), formatResult(format, empty, { hideHeaders: hide }));
    }
  }
  assert.equal(streamed('json', { columns: big.columns, rows: [] }, 10), '[]\n');
  assert.ok(JSON.parse(streamed('json', big, 1000)).length === 2500);
});

test('the header comes with the first batch or the end, once', () => {
  const cols = [{ name: 'n', type: 'integer' as const }];
  const csv = openTextStream('csv', cols, {});
  assert.equal(csv.rows([[1]]).join(''), 'n\n1\n');
  assert.equal(csv.rows([[2]]).join(''), '2\n');
  assert.equal(csv.end(), '');
  assert.equal(openTextStream('text', cols, {}).end(), 'n\n');
  assert.equal(openTextStream('text', cols, { hideHeaders: true }).end(), '');
  assert.equal(openTextStream('jsonl', cols, {}).end(), '');
  const table = openTextStream('table', cols, {});
  assert.deepEqual(table.rows([[1]]), []); // the table sizes its columns over every row: written at the end
  assert.equal(table.end(), formatResult('table', { columns: cols, rows: [[1]] }));
});

test('utf8Text encodes pieces as their concatenation would be, growing past multi-byte text', () => {
  const cases: string[][] = [
    [],
    [''],
    ['a', 'bc', ''],
    ['€'.repeat(1000)], // 3 bytes a character: three times the first guess
    ['😀'.repeat(500), 'x', 'é'.repeat(2000), 'ascii '.repeat(100)],
    Array.from({ length: 3000 }, (_, i) => (i % 2 ? `,{"k":"${'ü'.repeat(i % 17)}"}` : `{"n":${i}}`)),
  ];
  for (const pieces of cases) assert.deepEqual(utf8Text(pieces), Buffer.from(pieces.join(''), 'utf8'));
});
