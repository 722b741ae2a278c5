import type { Cell, ResultSet } from '../../base/result/result-set.js';

/**
 * A result being written as text: the text of each batch of rows as it comes, then the closing
 * text. The writers that can (json, jsonl, csv, text, pptext) emit each batch at once, so a large
 * result is written while it is read and never held whole; the table writer keeps the rows until
 * `end()`, since its column widths depend on every row. Nothing is emitted before the first batch
 * or `end()`, so a query that fails on its first batch writes nothing.
 *
 * A batch's text comes as pieces (about one per row), never as one string: V8 builds a string
 * grown by `+=` as a rope, and flattening a rope of thousands of pieces for output cost more than
 * making the text (P2w, issue 13); `utf8Text` (base/util) encodes pieces straight into one buffer.
 */
export interface TextStream {
  /** The text of `batch`: the concatenation of the pieces, in order. */
  rows(batch: ReadonlyArray<readonly Cell[]>): string[];
  end(): string;
}

/** The whole text of a finished result through a {@link TextStream}. */
export function wholeText(stream: TextStream, result: ResultSet): string {
  return result.rows.length === 0 ? stream.end() : stream.rows(result.rows).join('') + stream.end();
}

/**
 * A header line (unless hidden) then one line per row, each line ending in `\n` (csv, text,
 * pptext): `line` makes a row's line without its line end.
 */
export function lineStream(header: string | undefined, line: (row: readonly Cell[]) => string): TextStream {
  let pending = header === undefined ? '' : `${header}\n`;
  const take = () => {
    const s = pending;
    pending = '';
    return s;
  };
  return {
    rows(batch) {
      const out: string[] = [take()];
      for (const row of batch) out.push(`${line(row)}\n`);
      return out;
    },
    end: take,
  };
}
