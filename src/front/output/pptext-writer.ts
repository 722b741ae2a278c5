import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { cellText } from './cell-text.js';
import { isJsonSpace } from './json-values.js';
import { type TextStream, wholeText } from './text-stream.js';
import { joinedLines, type TextOptions } from './text-writer.js';

/**
 * `pptext` output: like `text`, but a cell holding a JSON object or array is pretty printed as
 * StackQL does with Go's json.Indent(cell, "", "  "): newline and two-space indent per level,
 * `": "` after keys, empty `{}`/`[]` kept on one line, and tokens (numbers, escapes) copied exactly
 * as held. Cells that are not valid JSON are printed unchanged.
 */
export function formatPrettyText(result: ResultSet, options: TextOptions = {}): string {
  return wholeText(prettyTextStream(result.columns, options), result);
}

/** {@link formatPrettyText} batch by batch. */
export function prettyTextStream(columns: readonly ResultColumn[], options: TextOptions = {}): TextStream {
  return joinedLines(columns, options, prettyCell);
}

function prettyCell(cell: Cell | undefined): string {
  const text = cellText(cell);
  if (typeof cell !== 'string') return text;
  let i = 0;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  if (first !== 0x7b && first !== 0x5b) return text; // only objects and arrays change
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  return indentJson(text);
}

/** Go's json.Indent with prefix "" and indent "  " on text already known to be valid JSON. */
export function indentJson(text: string): string {
  let out = '';
  let depth = 0;
  let needIndent = false;
  let end = text.length;
  while (end > 0 && isJsonSpace(text.charCodeAt(end - 1))) end--;
  let i = 0;
  while (i < end) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (isJsonSpace(c)) {
      i++;
      continue;
    }
    const closing = c === 0x7d || c === 0x5d;
    if (needIndent && !closing) {
      needIndent = false;
      depth++;
      out += newline(depth);
    }
    if (c === 0x22) {
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      needIndent = true;
      out += ch;
    } else if (c === 0x2c) {
      out += `,${newline(depth)}`;
    } else if (c === 0x3a) {
      out += ': ';
    } else if (closing) {
      if (needIndent) needIndent = false;
      else out += newline(--depth);
      out += ch;
    } else {
      out += ch;
    }
    i++;
  }
  return out + text.slice(end); // Go keeps trailing space
}

function newline(depth: number): string {
  return `\n${'  '.repeat(depth)}`;
}
