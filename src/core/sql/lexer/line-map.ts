import type { SourcePosition } from '../../../base/errors/skyql-error.js';

/** Where a piece of text starts inside the whole source: line 1, column 1, offset 0 for a whole script. */
export type SourceOrigin = SourcePosition;

/** The origin of a text that is the whole source. */
export const START_OF_SOURCE: SourceOrigin = { line: 1, column: 1, offset: 0 };

/**
 * Maps offsets inside `text` to positions in the whole source, given where `text` starts in it.
 * Lines end at `\n` (a `\r\n` pair counts as one line break); columns count UTF-16 code units.
 */
export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(
    text: string,
    private readonly origin: SourceOrigin = START_OF_SOURCE,
  ) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** The position of `offset` (relative to the start of the text) in the whole source. */
  positionAt(offset: number): SourcePosition {
    const lo = this.lineIndexAt(offset);
    return { line: this.lineAt(lo), column: this.columnAt(offset, lo), offset: this.origin.offset + offset };
  }

  /**
   * The 0-based index of the line holding `offset` in the text. `from`: a line index known to start
   * at or before `offset` (a reader going forward passes the last one, so reading a text costs one
   * step per line break, not a binary search per token).
   */
  lineIndexAt(offset: number, from = 0): number {
    const starts = this.lineStarts;
    let lo = from;
    if (lo > 0 && starts[lo] > offset) lo = 0;
    if (lo + 1 < starts.length && starts[lo + 1] <= offset) {
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    return lo;
  }

  /** The line number in the whole source of the text's line `index` (from {@link lineIndexAt}). */
  lineAt(index: number): number {
    return this.origin.line + index;
  }

  /** The column in the whole source of `offset`, on the text's line `index`. */
  columnAt(offset: number, index: number): number {
    const column = offset - this.lineStarts[index] + 1;
    return index === 0 ? this.origin.column + column - 1 : column;
  }

  /** Offset of the text's start in the whole source. */
  get originOffset(): number {
    return this.origin.offset;
  }
}

/** The position of `offset` in `source` (a whole script). */
export function positionInSource(source: string, offset: number): SourcePosition {
  return new LineMap(source.slice(0, offset)).positionAt(offset);
}
