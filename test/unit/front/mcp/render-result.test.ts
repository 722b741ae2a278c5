import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultSet } from '../../../../src/base/result/result-set.js';
import { fitAnswer, renderText, tabulate } from '../../../../src/front/mcp/render-result.js';

const rs: ResultSet = {
  columns: [
    { name: 'name', type: 'text' },
    { name: 'n', type: 'integer' },
    { name: 'labels', type: 'json' },
  ],
  rows: [
    ['a|b', 1, '{"env":"prod"}'],
    ['c\nd', BigInt(2) ** BigInt(70), null],
    ['e', 3, '[1,2]'],
  ],
};

test('rows become objects: json cells parsed, huge bigints as text; a markdown table with escapes', () => {
  const t = tabulate('SELECT ...', rs, { rowLimit: 10, maxBytes: 10_000, maxCellBytes: 1000 });
  assert.deepEqual(t.rows[0], { name: 'a|b', n: 1, labels: { env: 'prod' } });
  assert.equal(t.rows[1].n, '1180591620717411303424');
  assert.deepEqual([t.returned, t.total, t.truncated], [3, 3, false]);
  assert.equal(
    renderText([t]),
    '| name | n | labels |\n|---|---|---|\n| a\\|b | 1 | {"env":"prod"} |\n| c d | 1180591620717411303424 | NULL |\n| e | 3 | [1,2] |\n\n3 rows',
  );
});

test('row_limit and the byte cap cut with truncated and the total, and the text says so', () => {
  const byRows = tabulate('q', rs, { rowLimit: 2, maxBytes: 10_000, maxCellBytes: 1000 });
  assert.deepEqual([byRows.returned, byRows.total, byRows.truncated], [2, 3, true]);
  assert.match(
    renderText([byRows]),
    /\n\n2 of 3 rows shown \(truncated: raise row_limit or narrow the query/,
  );
  const byBytes = tabulate('q', rs, { rowLimit: 100, maxBytes: 40, maxCellBytes: 1000 });
  assert.deepEqual([byBytes.returned, byBytes.truncated], [1, true], 'the first row always fits');
});

test('a single wide row is a key/value block; no columns is OK; duplicate names get suffixes', () => {
  const wide: ResultSet = {
    columns: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, type: 'text' as const })),
    rows: [['1', '2', '3', '4', '5']],
  };
  assert.match(
    renderText([tabulate('q', wide, { rowLimit: 5, maxBytes: 1000, maxCellBytes: 1000 })]),
    /^- \*\*a\*\*: 1\n- \*\*b\*\*: 2/,
  );
  assert.equal(
    renderText([
      tabulate('q', { columns: [], rows: [] }, { rowLimit: 5, maxBytes: 1000, maxCellBytes: 1000 }),
    ]),
    'OK (no result rows)',
  );
  const dup: ResultSet = {
    columns: [
      { name: 'x', type: 'text' },
      { name: 'x', type: 'text' },
    ],
    rows: [['1', '2']],
  };
  assert.deepEqual(tabulate('q', dup, { rowLimit: 5, maxBytes: 1000, maxCellBytes: 1000 }).rows[0], {
    x: '1',
    x_2: '2',
  });
});

test('a long text cell is cut to the per-cell cap and says how many bytes were left out', () => {
  const big: ResultSet = { columns: [{ name: 'x', type: 'text' }], rows: [['é'.repeat(5000)], ['ok']] };
  const t = tabulate('q', big, { rowLimit: 10, maxBytes: 100_000, maxCellBytes: 101 });
  assert.equal(t.rows[0].x, `${'é'.repeat(50)}…[truncated 9900 bytes]`, 'cut on a whole character');
  assert.deepEqual([t.returned, t.total, t.truncated, t.cutCells], [2, 2, true, 1]);
  assert.match(renderText([t]), /1 cell cut to the per-cell size cap/);
});

test('a blob is base64 within the cap, never Node Buffer JSON; json cells too long are cut as text', () => {
  const cells: ResultSet = {
    columns: [
      { name: 'b', type: 'text' },
      { name: 'j', type: 'json' },
    ],
    rows: [[Buffer.from([0, 1, 2, 255]) as unknown as string, `[${'1,'.repeat(100)}1]`]],
  };
  const t = tabulate('q', cells, { rowLimit: 10, maxBytes: 100_000, maxCellBytes: 64 });
  assert.equal(t.rows[0].b, 'base64:AAEC/w==');
  assert.equal(t.rows[0].j, `[${'1,'.repeat(31)}1…[truncated 139 bytes]`);
  const blob = tabulate(
    'q',
    { columns: cells.columns.slice(0, 1), rows: [[Buffer.alloc(3000) as unknown as string]] },
    {
      rowLimit: 10,
      maxBytes: 100_000,
      maxCellBytes: 400,
    },
  );
  assert.equal(blob.rows[0].b, `base64:${'A'.repeat(400)}…[truncated 2700 bytes]`);
});

test('many columns share the byte cap, so one row stays within it', () => {
  const wide: ResultSet = {
    columns: Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, type: 'text' as const })),
    rows: [Array.from({ length: 10 }, () => 'x'.repeat(10_000))],
  };
  const t = tabulate('q', wide, { rowLimit: 10, maxBytes: 20_000, maxCellBytes: 32_768 });
  assert.ok(JSON.stringify(t.rows[0]).length < 21_000);
  assert.equal(t.cutCells, 10);
});

test('the size cap is named when it cuts, and caps the whole answer (text and structured rows together)', () => {
  const maxBytes = 256 * 1024;
  const big: ResultSet = {
    columns: [
      { name: 'name', type: 'text' },
      { name: 'body', type: 'text' },
    ],
    rows: Array.from({ length: 2000 }, (_, i) => [`row-${i}`, 'x'.repeat(500)]),
  };
  const cut = tabulate('q', big, { rowLimit: 10_000, maxBytes, maxCellBytes: 32_768 });
  assert.equal(cut.truncatedBy, 'size_cap');
  const { results, text } = fitAnswer([cut], maxBytes);
  const total = Buffer.byteLength(text) + Buffer.byteLength(JSON.stringify(results));
  assert.ok(total <= maxBytes, `answer of ${total} bytes`);
  assert.ok(results[0].returned > 100 && results[0].returned < cut.returned);
  assert.equal(results[0].truncatedBy, 'size_cap');
  assert.match(text, /of 2000 rows shown \(truncated: the answer reached its size cap of 256 KiB/);
  assert.doesNotMatch(text, /raise row_limit/);
  const byRows = tabulate('q', big, { rowLimit: 5, maxBytes, maxCellBytes: 32_768 });
  assert.equal(byRows.truncatedBy, 'row_limit');
  assert.equal(fitAnswer([byRows], maxBytes).results[0].returned, 5, 'a small answer is left whole');
});
