import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
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
  /**
   * Cells keep their line breaks and are not wrapped (tablewriter would join the lines and wrap at
   * 30 columns): for text read as written, such as the rendered script `--dryrun` prints.
   */
  readonly keepLineBreaks?: boolean;
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
  // Cell (r, c) is at r * n + c: its one line (with its width) or its wrapped lines (width -1).
  const cells: Array<string | string[]> = new Array(rows.length * n);
  const cellWidths = new Int32Array(rows.length * n);
  const heights = new Int32Array(rows.length).fill(1);
  for (let r = 0, k = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < n; c++, k++) {
      if (options.keepLineBreaks) {
        const lines = asWritten(cellText(row[c])).map(clip);
        for (const line of lines) cs[c] = Math.max(cs[c], displayWidth(line));
        if (lines.length > heights[r]) heights[r] = lines.length;
        cells[k] = lines;
        cellWidths[k] = -1;
        continue;
      }
      const text = clip(cellText(row[c]));
      const width = displayWidth(text);
      if (cs[c] < width && cs[c] < WRAP_WIDTH) cs[c] = Math.min(width, WRAP_WIDTH);
      if (width <= cs[c] && !text.includes('\n')) {
        cells[k] = text;
        cellWidths[k] = width;
        continue;
      }
      const lines = wrapString(text, cs[c]);
      for (const line of lines) cs[c] = Math.max(cs[c], displayWidth(line));
      if (lines.length > heights[r]) heights[r] = lines.length;
      cells[k] = lines;
      cellWidths[k] = -1;
    }
  }

  const widths = cs.map((w, c) => Math.max(w, headerWidths[c]));
  // space + pad, and pad + space + border, made once per gap used (a table of every gap up to the
  // widest column was quadratic: an 80 KB cell took 3 GB)
  const padL = memo((k) => ' '.repeat(k + 1));
  const padR = memo((k) => `${' '.repeat(k)} |`);
  const blanks = widths.map((w) => padL(w) + padR(0));
  const border = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`;
  let header = '|';
  for (let c = 0; c < n; c++) {
    const gap = widths[c] - headerWidths[c];
    header += padL(gap >> 1) + headers[c] + padR(gap - (gap >> 1));
  }
  const out: string[] = [border, `${header}\n`, border];
  for (let r = 0; r < rows.length; r++) {
    for (let x = 0; x < heights[r]; x++) {
      let line = '|';
      for (let c = 0, k = r * n; c < n; c++, k++) {
        const cell = cells[k];
        let text: string;
        let gap: number;
        if (typeof cell === 'string' && x === 0) {
          text = cell;
          gap = widths[c] - cellWidths[k];
        } else if (typeof cell !== 'string' && x < cell.length) {
          text = cell[x];
          gap = Math.max(0, widths[c] - displayWidth(text));
        } else {
          line += blanks[c]; // a continuation line of a shorter cell
          continue;
        }
        line += looksNumeric(text) ? `${padL(gap)}${text} |` : ` ${text}${padR(gap)}`;
      }
      out.push(`${line}\n`);
    }
    out.push(border);
  }
  return out.join('');
}

/** `make(k)`, made once per `k`. */
function memo(make: (k: number) => string): (k: number) => string {
  const made = new Map<number, string>();
  return (k) => {
    let s = made.get(k);
    if (s === undefined) {
      s = make(k);
      made.set(k, s);
    }
    return s;
  };
}

/** The lines of a cell kept as written: tabs as spaces to the next multiple of 4, no trailing blank lines. */
function asWritten(text: string): string[] {
  const lines = text.trimEnd().split(/\r?\n/);
  return lines.map((line) =>
    line.includes('\t')
      ? line.replace(/([^\t]*)\t/g, (_, run: string) => run.padEnd((run.length >> 2) * 4 + 4))
      : line,
  );
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
