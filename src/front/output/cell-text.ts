import type { Cell } from '../../base/result/result-set.js';

/**
 * The text of a cell as the tabular writers (table, csv, text, pptext) print it — StackQL's one
 * cell encoder: SQL NULL is `null`, booleans `true`/`false`, numbers and bigints in decimal, JSON
 * cells as the compact JSON text they hold, strings as they are. A missing cell (ragged row) is
 * treated as NULL.
 */
export function cellText(cell: Cell | undefined): string {
  if (typeof cell === 'string') return cell;
  if (cell === null || cell === undefined) return 'null';
  return String(cell);
}

/** Go's unicode.IsSpace for one UTF-16 code unit (all Go spaces are in the BMP). */
export function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
