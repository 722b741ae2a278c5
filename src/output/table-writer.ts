import type { ResultSet } from '../engine/result-set.js';
import { SkyqlError } from '../errors/skyql-error.js';
import { cellText, isGoSpace } from './cell-text.js';
import { displayWidth, truncateToWidth } from './display-width.js';
import { wrapString } from './word-wrap.js';

/** Options of the table writer. */
export interface TableOptions {
  /**
   * skyql improvement (off by default, so output matches StackQL): cut every cell and header to at
   * most this many display columns, ending cut text with `…`. A whole number >= 1.
   */
  readonly maxColumnWidth?: number;
}

/** tablewriter's MAX_ROW_WIDTH: cells wider than this wrap (at spaces only). */
const WRAP_WIDTH = 30;

/**
 * The default `table` output, byte for byte what StackQL prints with olekukonko/tablewriter
 * (b8a9be0, configured with `|` junctions, a line after every row and headers as given):
 * `|---|---|` borders, one space of padding each side, headers centred (the odd space on the right),
 * numeric-looking lines (tablewriter's `^-*\d*\.?\d*$`) right-aligned and the rest left-aligned,
 * NULL as `null`, and a final newline. An empty result prints the top border, header and border.
 *
 * Wrapping follows tablewriter: each cell in turn widens its column to min(width, 30) and is then
 * wrapped (see {@link wrapString}) at the column's width so far — so a wide unbroken value in an
 * earlier row raises the wrap width of later rows. A wrapped row prints one line per text line with
 * the other columns blank. Widths are display widths (wide characters 2, combining marks 0).
 *
 * Two deliberate differences, both where tablewriter prints a misaligned table: a header wider than
 * 30 with no wider cell widens its column instead of overflowing it, and blank continuation lines
 * of 1-column-wide columns are padded to the column's width instead of tablewriter's two spaces.
 */
export function formatTable(result: ResultSet, options: TableOptions = {}): string {
  const { columns, rows } = result;
  const n = columns.length;
  if (n === 0) return '';
  const max = checkMaxColumnWidth(options.maxColumnWidth);
  const clip = max === undefined ? (s: string) => s : (s: string) => truncateToWidth(s, max);

  const headers = columns.map((c) => clip(c.name));
  const headerWidths = headers.map(displayWidth);
  const cs = headerWidths.map((w) => Math.min(w, WRAP_WIDTH)); // tablewriter's running widths
  const cells: Array<Array<string | string[]>> = new Array(rows.length);
  const heights = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const out: Array<string | string[]> = new Array(n);
    let height = 1;
    for (let c = 0; c < n; c++) {
      const text = clip(cellText(row[c]));
      const width = displayWidth(text);
      if (cs[c] < width && cs[c] < WRAP_WIDTH) cs[c] = Math.min(width, WRAP_WIDTH);
      if (width <= cs[c] && !text.includes('\n')) {
        out[c] = text;
        continue;
      }
      const lines = wrapString(text, cs[c]);
      for (const line of lines) cs[c] = Math.max(cs[c], displayWidth(line));
      if (lines.length > height) height = lines.length;
      out[c] = lines.length === 1 ? lines[0] : lines;
    }
    cells[r] = out;
    heights[r] = height;
  }

  const widths = cs.map((w, c) => Math.max(w, headerWidths[c]));
  const blank = ' '.repeat(Math.max(...widths));
  const border = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  let header = '|';
  for (let c = 0; c < n; c++) {
    const gap = widths[c] - headerWidths[c];
    const left = gap >> 1;
    header += ` ${blank.slice(0, left)}${headers[c]}${blank.slice(0, gap - left)} |`;
  }
  const out: string[] = [border, header, border];
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    for (let x = 0; x < heights[r]; x++) {
      let line = '|';
      for (let c = 0; c < n; c++) {
        const cell = row[c];
        const text = typeof cell === 'string' ? (x === 0 ? cell : '') : (cell[x] ?? '');
        const pad = blank.slice(0, Math.max(0, widths[c] - displayWidth(text)));
        line += looksNumeric(text) ? ` ${pad}${text} |` : ` ${text}${pad} |`;
      }
      out.push(line);
    }
    out.push(border);
  }
  out.push('');
  return out.join('\n');
}

/** tablewriter's alignment test: `^-*\d*\.?\d*$` on the text without surrounding spaces. */
export function looksNumeric(s: string): boolean {
  let i = 0;
  let end = s.length;
  while (i < end && isGoSpace(s.charCodeAt(i))) i++;
  while (end > i && isGoSpace(s.charCodeAt(end - 1))) end--;
  while (i < end && s.charCodeAt(i) === 0x2d) i++;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (i < end && s.charCodeAt(i) === 0x2e) i++;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i === end;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function checkMaxColumnWidth(v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) {
    throw new SkyqlError('BAD_FLAG', `invalid maximum column width '${v}'`, {
      hint: 'use a whole number of columns, 1 or more',
    });
  }
  return v;
}
