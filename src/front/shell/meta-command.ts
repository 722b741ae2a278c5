import { OUTPUT_FORMATS, type OutputFormat, parseOutputFormat } from '../output/formatters.js';

/** A shell command that is not SQL: a line starting with `.` (sqlite3 style) or `exit`/`quit`. */
export type MetaCommand =
  | { readonly kind: 'quit' }
  | { readonly kind: 'help' }
  | { readonly kind: 'output'; readonly format: OutputFormat | undefined }
  | { readonly kind: 'unknown'; readonly text: string };

/** The help text of the shell. */
export const SHELL_HELP = `Statements end with ';' and may span lines. Tab completes keywords, providers,
services, resources, methods and columns. Ctrl-C cancels the running statement (or clears the
input); Ctrl-D or .quit exits.

  .output [table|csv|text|json|jsonl|pptext]   show or set the output format
  .help                                        this text
  .quit, .exit, exit, quit                     leave the shell
`;

/**
 * Parses a meta command from a line typed at the main prompt; undefined when it is SQL.
 * `.output` without an argument reports the current format (format undefined).
 * Throws BAD_OUTPUT_FORMAT for an unknown format.
 */
export function parseMetaCommand(line: string): MetaCommand | undefined {
  const text = line.trim().replace(/;$/, '').trim();
  const lower = text.toLowerCase();
  if (lower === 'exit' || lower === 'quit' || lower === '\\q') return { kind: 'quit' };
  if (!text.startsWith('.')) return undefined;
  const [word, arg] = text.slice(1).split(/\s+/, 2);
  switch (word.toLowerCase()) {
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    case 'help':
      return { kind: 'help' };
    case 'output':
    case 'mode':
      return { kind: 'output', format: arg ? parseOutputFormat(arg) : undefined };
    default:
      return { kind: 'unknown', text };
  }
}

/** The formats `.output` accepts, for messages. */
export const FORMAT_LIST = OUTPUT_FORMATS.join(', ');
