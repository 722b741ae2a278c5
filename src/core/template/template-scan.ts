import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { TemplatePos } from './template-ast.js';

/** An action: its text between the delimiters (trim markers removed) and where that text starts. */
export interface Action {
  readonly body: string;
  /** Offset of `body` in the source. */
  readonly offset: number;
  /** Offset of its `{{`. */
  readonly open: number;
}

export type ScanItem = string | Action;

/** A TEMPLATE_ERROR at `pos`. */
export function templateError(pos: TemplatePos, detail: string, hint?: string): SkyqlError {
  return new SkyqlError(
    'TEMPLATE_ERROR',
    `template error at line ${pos.line}, column ${pos.column}: ${detail}`,
    {
      hint:
        hint ??
        'templates use Go text/template syntax: {{ .name }}, {{ if }}…{{ else }}…{{ end }}, {{ range .list }}…{{ end }}, {{ printf "%s" .x }}',
    },
  );
}

/** Line and column of offsets in one source. */
export class SourcePositions {
  private readonly starts: number[] = [0];
  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): TemplatePos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

const SPACE = /[ \t\r\n]/;

/** Index of the `}}` closing the action whose text starts at `i`, skipping quoted text and comments. */
function closeOf(source: string, i: number): number {
  if (source.startsWith('/*', i)) {
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? -1 : source.indexOf('}}', end + 2);
  }
  let quote = '';
  for (; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && source[i + 1] === '}') return i;
  }
  return -1;
}

/**
 * Splits a template into text and actions, applying Go's trim markers: `{{- ` removes the white
 * space before the action, ` -}}` the white space after it (the marker needs the space).
 */
export function scanTemplate(source: string, positions: SourcePositions): ScanItem[] {
  const items: ScanItem[] = [];
  let pos = 0;
  let trimNext = false;
  for (let open = source.indexOf('{{', pos); open >= 0; open = source.indexOf('{{', pos)) {
    let text = source.slice(pos, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    let start = open + 2;
    const trimLeft = source[start] === '-' && SPACE.test(source[start + 1] ?? '');
    if (trimLeft) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    if (text) items.push(text);
    while (SPACE.test(source[start] ?? '') && !source.startsWith('/*', start)) start++;
    const close = closeOf(source, start);
    if (close < 0) throw templateError(positions.at(open), "'{{' is not closed by '}}'");
    let end = close;
    trimNext = source[close - 1] === '-' && SPACE.test(source[close - 2] ?? '');
    if (trimNext) end = close - 2;
    items.push({ body: source.slice(start, end).trimEnd(), offset: start, open });
    pos = close + 2;
  }
  let rest = source.slice(pos);
  if (trimNext) rest = rest.replace(/^[ \t\r\n]+/, '');
  if (rest) items.push(rest);
  return items;
}
