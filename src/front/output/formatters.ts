import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { csvStream } from './csv-writer.js';
import { jsonStream } from './json-writer.js';
import { jsonlStream } from './jsonl-writer.js';
import { prettyTextStream } from './pptext-writer.js';
import { formatTable } from './table-writer.js';
import { type TextStream, wholeText } from './text-stream.js';
import { textStream } from './text-writer.js';

/** The `--output` formats. `ndjson` is accepted as another name for `jsonl`. */
export type OutputFormat = 'table' | 'csv' | 'text' | 'json' | 'jsonl' | 'pptext';

/** Options shared by the writers; each writer reads the ones that apply to it. */
export interface FormatOptions {
  /** `-H`: no header row (csv, text, pptext). */
  hideHeaders?: boolean;
  /** `-d`: csv field delimiter (its first character). */
  delimiter?: string;
  /** table only, off by default: cut cells to this many display columns with `…`. */
  maxColumnWidth?: number;
  /** table only: cells keep their line breaks and are not wrapped (`--dryrun`'s rendered script). */
  keepLineBreaks?: boolean;
}

type StreamWriter = (columns: readonly ResultColumn[], options: FormatOptions) => TextStream;

/**
 * The registry of output writers: an explicit map from format name to writer, so the set of
 * formats is visible in one place and importing a writer has no side effects. Each writes batch
 * by batch (see {@link TextStream}); the table keeps its rows until the end to size its columns.
 */
const WRITERS: Readonly<Record<OutputFormat, StreamWriter>> = {
  table: (columns, options) => bufferedStream(columns, (result) => formatTable(result, options)),
  csv: csvStream,
  text: textStream,
  json: jsonStream,
  jsonl: jsonlStream,
  pptext: prettyTextStream,
};

/** A stream that keeps every row and formats them all at the end. */
function bufferedStream(columns: readonly ResultColumn[], format: (result: ResultSet) => string): TextStream {
  const rows: Array<readonly Cell[]> = [];
  return {
    rows(batch) {
      for (const row of batch) rows.push(row);
      return [];
    },
    end: () => format({ columns, rows }),
  };
}

/** All output formats, in the order help text lists them. */
export const OUTPUT_FORMATS = Object.keys(WRITERS) as readonly OutputFormat[];

/** Reads an `--output` value, case-insensitively; `ndjson` means `jsonl`. Throws BAD_OUTPUT_FORMAT. */
export function parseOutputFormat(s: string): OutputFormat {
  const name = s.trim().toLowerCase();
  if (name === 'ndjson') return 'jsonl';
  if (Object.hasOwn(WRITERS, name)) return name as OutputFormat;
  throw new SkyqlError('BAD_OUTPUT_FORMAT', `unable to create output writer for output format = '${s}'`, {
    hint: `use one of ${OUTPUT_FORMATS.join(', ')}`,
  });
}

/**
 * One statement's output written as its rows come (`skyql exec`): the text of each batch, then
 * the end. Options are checked here (a bad csv delimiter throws), before any text.
 */
export function openTextStream(
  format: OutputFormat,
  columns: readonly ResultColumn[],
  options: FormatOptions = {},
): TextStream {
  return WRITERS[format](columns, options);
}

/** The complete output text of one statement's result in `format`. */
export function formatResult(format: OutputFormat, result: ResultSet, options: FormatOptions = {}): string {
  if (format === 'table') return formatTable(result, options);
  return wholeText(openTextStream(format, result.columns, options), result);
}
