import type { SourcePosition } from '../../base/errors/skyql-error.js';

/** Lines longer than this are cut to a window around the column. */
const MAX_WIDTH = 100;

/**
 * The source line of `position` followed by a line with a `^` under its column, for printing under
 * an error message:
 *
 * ```text
 * SHOW RESOURCES google.compute
 *                ^
 * ```
 *
 * `source` is the whole script the position refers to. Tabs before the column are kept in the caret
 * line so the caret lines up; long lines are cut to a window marked with `...`. Returns '' when the
 * line does not exist.
 */
export function excerpt(source: string, position: Pick<SourcePosition, 'line' | 'column'>): string {
  const lines = source.split('\n');
  const raw = lines[position.line - 1];
  if (raw === undefined) return '';
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let col = Math.max(0, Math.min(position.column - 1, line.length));
  if (line.length > MAX_WIDTH) {
    const from = Math.max(0, Math.min(col - MAX_WIDTH / 2, line.length - MAX_WIDTH));
    const head = from > 0 ? '...' : '';
    const tail = from + MAX_WIDTH < line.length ? '...' : '';
    line = head + line.slice(from, from + MAX_WIDTH) + tail;
    col = col - from + head.length;
  }
  const pad = line.slice(0, col).replace(/[^\t]/g, ' ');
  return `${line}\n${pad}^`;
}
