import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { Cell, ColumnType, ResultSet } from '../../../../src/base/result/result-set.js';
import { formatTable, looksNumeric } from '../../../../src/front/output/table-writer.js';
import { wrapString } from '../../../../src/front/output/word-wrap.js';

function rs(names: string[], rows: Cell[][], type: ColumnType = 'text'): ResultSet {
  return { columns: names.map((name) => ({ name, type })), rows };
}
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

test('section 9.1 example, byte for byte (numbers right-aligned)', () => {
  const out = formatTable(
    rs(['kind', 'name', 'maximumCardsPerInstance'], [['compute#acceleratorType', 'nvidia-tesla-t4-vws', 4]]),
  );
  assert.equal(
    out,
    lines(
      '|-------------------------|---------------------|-------------------------|',
      '|          kind           |        name         | maximumCardsPerInstance |',
      '|-------------------------|---------------------|-------------------------|',
      '| compute#acceleratorType | nvidia-tesla-t4-vws |                       4 |',
      '|-------------------------|---------------------|-------------------------|',
    ),
  );
});

test('headers are centred with the odd space on the right', () => {
  assert.equal(
    formatTable(rs(['ab', 'x'], [['abcde', 'wxyz']])),
    lines('|-------|------|', '|  ab   |  x   |', '|-------|------|', '| abcde | wxyz |', '|-------|------|'),
  );
});

test('empty result: top border, header and border only', () => {
  assert.equal(formatTable(rs(['a', 'bb'], [])), lines('|---|----|', '| a | bb |', '|---|----|'));
});

test('NULL, booleans and numbers; numeric-looking text right-aligned as tablewriter does', () => {
  const out = formatTable(rs(['value'], [[null], [true], [-12], [2.5], [12n], ['1,000'], ['1e5'], ['.5']]));
  assert.equal(
    out,
    lines(
      '|-------|',
      '| value |',
      '|-------|',
      '| null  |',
      '|-------|',
      '| true  |',
      '|-------|',
      '|   -12 |',
      '|-------|',
      '|   2.5 |',
      '|-------|',
      '|    12 |',
      '|-------|',
      '| 1,000 |',
      '|-------|',
      '| 1e5   |',
      '|-------|',
      '|    .5 |',
      '|-------|',
    ),
  );
  assert.ok(looksNumeric(' 42 ') && looksNumeric('-3.') && !looksNumeric('v1') && !looksNumeric('1.2.3'));
});

// The column keeps tablewriter's width of 30 even though no wrapped line is that long.
test('a sentence over 30 characters wraps at spaces within its row, other columns blank', () => {
  const out = formatTable(
    rs(
      ['name', 'description', 'n'],
      [['sa-1', 'a service account used by the compute engine default instances', 7]],
    ),
  );
  assert.equal(
    out,
    lines(
      '|------|--------------------------------|---|',
      '| name |          description           | n |',
      '|------|--------------------------------|---|',
      '| sa-1 | a service account used by      | 7 |',
      '|      | the compute engine default     |   |',
      '|      | instances                      |   |',
      '|------|--------------------------------|---|',
    ),
  );
});

test('wrapping minimises raggedness (not greedy), like tablewriter WrapWords', () => {
  assert.deepEqual(wrapString('a service account used by the compute engine default instances', 30), [
    'a service account used by',
    'the compute engine default',
    'instances',
  ]);
  assert.deepEqual(wrapString('short', 30), ['short']);
  assert.deepEqual(wrapString('a\nb', 1), ['a', 'b']);
});

test('long unbroken strings are not wrapped', () => {
  const url = 'https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b';
  const json = '{"items":["a","b","c"],"kind":"compute#x","more":true}';
  const out = formatTable(rs(['selfLink', 'j'], [[url, json]])).split('\n');
  assert.equal(out.length, 6); // 5 lines + final newline: one line per row
  assert.equal(out[3], `| ${url} | ${json} |`);
  assert.equal(out[0], `|${'-'.repeat(url.length + 2)}|${'-'.repeat(json.length + 2)}|`);
});

test('an earlier wide value raises the wrap width for later rows (tablewriter order)', () => {
  const sentence = 'one two three four five six seven eight nine';
  const wide = 'x'.repeat(50);
  const late = formatTable(rs(['c'], [[wide], [sentence]])).split('\n');
  assert.equal(late[5], `| ${sentence.padEnd(50)} |`);
  const early = formatTable(rs(['c'], [[sentence], [wide]])).split('\n');
  assert.equal(early[3], `| ${'one two three four five six'.padEnd(50)} |`);
  assert.equal(early[4], `| ${'seven eight nine'.padEnd(50)} |`);
});

test('newlines inside a cell are reflowed as spaces, then wrapped at the column width', () => {
  assert.equal(
    formatTable(rs(['t'], [['abcdefg'], ['ab\ncd']])),
    lines(
      '|---------|',
      '|    t    |',
      '|---------|',
      '| abcdefg |',
      '|---------|',
      '| ab cd   |',
      '|---------|',
    ),
  );
  // alone, the cell's width (4: newlines count 0) is the limit, so it breaks where the newline was
  assert.equal(
    formatTable(rs(['t'], [['ab\ncd']])),
    lines('|------|', '|  t   |', '|------|', '| ab   |', '| cd   |', '|------|'),
  );
});

test("keepLineBreaks (a dry run's script): lines as written, not wrapped; tabs as spaces, trailing blank lines dropped", () => {
  const script = "SELECT name\n\tFROM google.storage.buckets WHERE project = 'p';\n\nSHOW PROVIDERS;\n\n";
  assert.equal(
    formatTable(rs(['query'], [[script]]), { keepLineBreaks: true }),
    lines(
      '|------------------------------------------------------|',
      '|                        query                         |',
      '|------------------------------------------------------|',
      '| SELECT name                                          |',
      "|     FROM google.storage.buckets WHERE project = 'p'; |",
      '|                                                      |',
      '| SHOW PROVIDERS;                                      |',
      '|------------------------------------------------------|',
    ),
  );
  assert.equal(
    formatTable(rs(['query'], [['abcdef\nab']]), { keepLineBreaks: true, maxColumnWidth: 4 }),
    lines('|------|', '| que… |', '|------|', '| abc… |', '| ab   |', '|------|'),
  );
});

test('wide characters and combining marks are aligned by display width', () => {
  const out = formatTable(
    rs(
      ['名前', 'x'],
      [
        ['日本語', 'e\u0301'],
        ['🚀ok', '1'],
      ],
    ),
  );
  assert.equal(
    out,
    lines(
      '|--------|---|',
      '|  名前  | x |',
      '|--------|---|',
      '| 日本語 | e\u0301 |',
      '|--------|---|',
      '| 🚀ok   | 1 |',
      '|--------|---|',
    ),
  );
});

test('a header wider than 30 widens its column instead of overflowing', () => {
  const h = 'shieldedInstanceIntegrityPolicy'; // 31
  assert.equal(
    formatTable(rs([h], [['{}']])),
    lines(
      `|${'-'.repeat(33)}|`,
      `| ${h} |`,
      `|${'-'.repeat(33)}|`,
      `| {}${' '.repeat(29)} |`,
      `|${'-'.repeat(33)}|`,
    ),
  );
});

test('maxColumnWidth (skyql option) truncates cells and headers with …', () => {
  const out = formatTable(rs(['description', 'n'], [['hello world, a long text', 12345678]]), {
    maxColumnWidth: 6,
  });
  assert.equal(
    out,
    lines(
      '|--------|--------|',
      '| descr… |   n    |',
      '|--------|--------|',
      '| hello… | 12345… |',
      '|--------|--------|',
    ),
  );
  assert.throws(
    () => formatTable(rs(['a'], []), { maxColumnWidth: 0 }),
    (e) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

test('a very wide cell costs its own width, not the square of it (an 80 KB cell once took 3 GB)', () => {
  const cell = 'x'.repeat(300_000);
  const out = formatTable(rs(['c'], [[cell], ['y']]));
  const rows = out.split('\n');
  assert.equal(rows[3], `| ${cell} |`);
  assert.equal(rows[5], `| y${' '.repeat(cell.length - 1)} |`);
  assert.equal(out.length, 7 * (cell.length + 5)); // four borders, the header and two rows
});
