import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell, ResultSet } from '../../../../src/base/result/result-set.js';
import { formatCsv } from '../../../../src/front/output/csv-writer.js';
import { formatTable } from '../../../../src/front/output/table-writer.js';

// Generous bounds (targets: table well under 20 ms, csv under 1 s) so slow CI machines do not
// flake; they catch accidental quadratic behaviour, not small regressions.
function sample(rows: number, cols: number): ResultSet {
  const columns = Array.from({ length: cols }, (_, c) => ({ name: `column_${c}`, type: 'text' as const }));
  const data: Cell[][] = Array.from({ length: rows }, (_, r) =>
    columns.map((_, c) => (c % 3 === 0 ? r * c : c % 3 === 1 ? `value-${r}-${c}` : `a "quoted", text ${r}`)),
  );
  return { columns, rows: data };
}

function time(fn: () => unknown): number {
  fn(); // warm up
  const start = performance.now();
  fn();
  return performance.now() - start;
}

test('1000x10 table formats quickly', () => {
  const rs = sample(1000, 10);
  assert.ok(time(() => formatTable(rs)) < 200);
});

test('100k-row csv formats quickly', () => {
  const rs = sample(100_000, 10);
  assert.ok(time(() => formatCsv(rs)) < 3000);
});

test('a cell with thousands of words wraps without quadratic blow-up', () => {
  const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join(' ');
  assert.ok(time(() => formatTable({ columns: [{ name: 'c', type: 'text' }], rows: [[words]] })) < 2000);
});
