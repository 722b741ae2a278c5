import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { Cell, ResultSet } from '../../../../src/base/result/result-set.js';
import { fieldNeedsQuotes, formatCsv } from '../../../../src/front/output/csv-writer.js';

function rs(names: string[], rows: Cell[][]): ResultSet {
  return { columns: names.map((name) => ({ name, type: 'text' as const })), rows };
}

test('csv quotes fields as Go encoding/csv does, doubling quotes', () => {
  const out = formatCsv(
    rs(
      ['role', 'members'],
      [
        ['roles/viewer', '["user:a"]'],
        ['a,b', 'line1\nline2'],
      ],
    ),
  );
  assert.equal(out, 'role,members\nroles/viewer,"[""user:a""]"\n"a,b","line1\nline2"\n');
});

test('fieldNeedsQuotes: empty never, \\. always, leading space, CR', () => {
  assert.equal(fieldNeedsQuotes('', ','), false);
  assert.equal(fieldNeedsQuotes('\\.', ','), true);
  assert.equal(fieldNeedsQuotes(' x', ','), true);
  assert.equal(fieldNeedsQuotes('\tx', ','), true);
  assert.equal(fieldNeedsQuotes('x ', ','), false);
  assert.equal(fieldNeedsQuotes('a\rb', ','), true);
  assert.equal(fieldNeedsQuotes('a;b', ','), false);
  assert.equal(fieldNeedsQuotes('a;b', ';'), true);
});

test('NULL, numbers, booleans and an empty string', () => {
  assert.equal(formatCsv(rs(['a', 'b', 'c', 'd'], [[null, 42, false, '']])), 'a,b,c,d\nnull,42,false,\n');
});

test('custom delimiter uses its first character', () => {
  const out = formatCsv(rs(['a', 'b'], [['x;y', 'z,w']]), { delimiter: ';|' });
  assert.equal(out, 'a;b\n"x;y";z,w\n');
  assert.equal(formatCsv(rs(['a', 'b'], [['1', '2']]), { delimiter: '\t' }), 'a\tb\n1\t2\n');
  assert.throws(
    () => formatCsv(rs(['a'], []), { delimiter: '"' }),
    (e) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

test('-H leaves out the header; nothing at all for an empty result', () => {
  assert.equal(formatCsv(rs(['a', 'b'], [['1', '2']]), { hideHeaders: true }), '1,2\n');
  assert.equal(formatCsv(rs(['a', 'b'], []), { hideHeaders: true }), '');
  assert.equal(formatCsv(rs(['a', 'b'], [])), 'a,b\n');
});
