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
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.lineStarts[lo] + 1;
    return {
      line: this.origin.line + lo,
      column: lo === 0 ? this.origin.column + column - 1 : column,
      offset: this.origin.offset + offset,
    };
  }
}

/** The position of `offset` in `source` (a whole script). */
export function positionInSource(source: string, offset: number): SourcePosition {
  return new LineMap(source.slice(0, offset)).positionAt(offset);
}
