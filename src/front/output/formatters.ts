import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import { formatCsv } from './csv-writer.js';
import { formatJson, jsonChunks } from './json-writer.js';
import { formatJsonl, jsonlChunks } from './jsonl-writer.js';
import { formatPrettyText } from './pptext-writer.js';
import { formatTable } from './table-writer.js';
import { formatText } from './text-writer.js';

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

type Writer = (result: ResultSet, options: FormatOptions) => string;

/**
 * The registry of output writers: an explicit map from format name to writer, so the set of
 * formats is visible in one place and importing a writer has no side effects.
 */
const WRITERS: Readonly<Record<OutputFormat, Writer>> = {
  table: formatTable,
  csv: formatCsv,
  text: formatText,
  json: formatJson,
  jsonl: formatJsonl,
  pptext: formatPrettyText,
};

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
 * One statement's output in pieces to write one after another: json and jsonl a thousand rows at
 * a time (a large result never becomes one string), the other formats whole.
 */
export function formatResultChunks(
  format: OutputFormat,
  result: ResultSet,
  options: FormatOptions = {},
): Iterable<string> {
  if (format === 'json') return jsonChunks(result);
  if (format === 'jsonl') return jsonlChunks(result);
  return [formatResult(format, result, options)];
}

/** The complete output text of one statement's result in `format`. */
export function formatResult(format: OutputFormat, result: ResultSet, options: FormatOptions = {}): string {
  return WRITERS[format](result, options);
}
