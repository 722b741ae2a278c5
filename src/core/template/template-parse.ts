import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Branch, PathExpr, TemplateExpr, TemplateNode, TemplatePos } from './template-ast.js';

interface Action {
  readonly body: string;
  readonly pos: TemplatePos;
}
type Item = string | Action;

/** A TEMPLATE_ERROR at `pos`. */
export function templateError(pos: TemplatePos, detail: string, hint?: string): SkyqlError {
  return new SkyqlError(
    'TEMPLATE_ERROR',
    `template error at line ${pos.line}, column ${pos.column}: ${detail}`,
    {
      hint:
        hint ??
        'templates use {{ .name }} (or {{ name }}), {{ range .list }}…{{ end }}, {{ if .x }}…{{ else }}…{{ end }}',
    },
  );
}

function posAt(source: string, offset: number): TemplatePos {
  let line = 1;
  let last = -1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** Splits the source into text and `{{ actions }}`, applying `{{-` / `-}}` whitespace trimming. */
function scan(source: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let trimNext = false;
  for (let open = source.indexOf('{{', pos); open >= 0; open = source.indexOf('{{', pos)) {
    let text = source.slice(pos, open);
    if (trimNext) text = text.trimStart();
    const trimLeft = /^\{\{-\s/.test(source.slice(open, open + 4));
    if (trimLeft) text = text.trimEnd();
    if (text) items.push(text);
    let i = open + 2;
    let quote = '';
    for (; i < source.length; i++) {
      const c = source[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`') quote = c;
      else if (c === '}' && source[i + 1] === '}') break;
    }
    if (i >= source.length) throw templateError(posAt(source, open), "'{{' is not closed by '}}'");
    let body = source.slice(open + 2, i);
    if (trimLeft) body = body.slice(1);
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    items.push({ body: body.trim(), pos: posAt(source, open) });
    pos = i + 2;
  }
  let rest = source.slice(pos);
  if (trimNext) rest = rest.trimStart();
  if (rest) items.push(rest);
  return items;
}

const STEP_RE = /\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]/g;

/** `.a[0].b` → `['a', 0, 'b']`, or undefined when `text` is not only such steps. */
function stepsOf(text: string): (string | number)[] | undefined {
  const parts = text.match(STEP_RE) ?? [];
  if (parts.join('') !== text) return undefined;
  return parts.map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s.slice(1)));
}

/** Parses one operand: a path (`.`, `.a.b[0]`, `$`, `$.a`, `$x.a`, `a.b`) or a literal. */
function parseExpr(text: string, pos: TemplatePos): TemplateExpr {
  if (text === '') throw templateError(pos, 'missing value in {{ }}');
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return { kind: 'literal', value: JSON.parse(text) as string };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'literal', value: Number(text) };
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (text === 'nil') return { kind: 'literal', value: null };
  const path = (from: PathExpr['from'], rest: string, head: (string | number)[] = [], name?: string) => {
    const steps = rest === '.' && from === 'dot' ? [] : stepsOf(rest);
    return steps
      ? ({ kind: 'path', from, steps: [...head, ...steps], text, pos, name } as PathExpr)
      : undefined;
  };
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(text);
  const bare = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(text);
  const expr = text.startsWith('.')
    ? path('dot', text)
    : text === '$' || text.startsWith('$.')
      ? path('root', text.slice(1))
      : variable
        ? path('var', variable[2], [], variable[1])
        : bare
          ? path('bare', bare[2], [bare[1]])
          : undefined;
  if (expr) return expr;
  const why = /[\s|(]/.test(text) ? 'functions and pipelines are not supported' : 'not a value reference';
  throw templateError(pos, `'${text}': ${why}`);
}

/** `$i, $v := rest` or `$v := rest` at the start of a range. */
const RANGE_VARS_RE = /^\$([A-Za-z_]\w*)\s*(?:,\s*\$([A-Za-z_]\w*)\s*)?:=\s*(.*)$/s;

const KEYWORD_RE = /^(if|else|end|range|with)\b\s*(.*)$/s;

/**
 * Parses a template of the Go text/template subset: `{{ value }}`, `{{ if }}`/`{{ else if }}`/
 * `{{ else }}`/`{{ end }}`, `{{ range [$i, $v :=] }}` and `{{ with }}` (each with an optional `{{ else }}`),
 * `{{/* comments *\/}}` and `{{-`/`-}}` trimming. Throws TEMPLATE_ERROR with the position.
 */
export function parseTemplate(source: string): TemplateNode[] {
  const items = scan(source);
  let k = 0;
  const block = (closers: readonly string[]): { nodes: TemplateNode[]; closer: string; at?: Action } => {
    const nodes: TemplateNode[] = [];
    for (; k < items.length; ) {
      const item = items[k++];
      if (typeof item === 'string') {
        nodes.push({ kind: 'text', text: item });
        continue;
      }
      if (item.body.startsWith('/*')) continue;
      const m = KEYWORD_RE.exec(item.body);
      if (!m) {
        nodes.push({ kind: 'output', expr: parseExpr(item.body, item.pos) });
        continue;
      }
      const [, word, rest] = m;
      if (word === 'end' || word === 'else') {
        if (!closers.includes(word)) throw templateError(item.pos, `unexpected {{ ${word} }}`);
        return { nodes, closer: word === 'else' && rest.startsWith('if') ? 'elseif' : word, at: item };
      }
      const vars = word === 'range' ? RANGE_VARS_RE.exec(rest) : null;
      if (!vars && /:=/.test(rest)) throw templateError(item.pos, 'variables are only supported in range');
      if (word === 'if') nodes.push(ifNode(parseExpr(rest, item.pos)));
      else {
        const expr = parseExpr(vars ? vars[3].trim() : rest, item.pos);
        const names = vars
          ? vars[2]
            ? { indexVar: vars[1], valueVar: vars[2] }
            : { valueVar: vars[1] }
          : {};
        nodes.push({ ...loopNode(word, expr), ...names });
      }
    }
    if (closers.length > 0) throw templateError(posAt(source, source.length), 'missing {{ end }}');
    return { nodes, closer: '' };
  };
  const ifNode = (first: TemplateExpr): TemplateNode => {
    const branches: Branch[] = [];
    let cond = first;
    for (;;) {
      const b = block(['else', 'end']);
      branches.push({ cond, body: b.nodes });
      if (b.closer === 'end') return { kind: 'if', branches, otherwise: [] };
      if (b.closer === 'elseif' && b.at) {
        cond = parseExpr(b.at.body.replace(/^else\s+if\b\s*/, ''), b.at.pos);
        continue;
      }
      return { kind: 'if', branches, otherwise: block(['end']).nodes };
    }
  };
  const loopNode = (word: string, expr: TemplateExpr) => {
    const body = block(['else', 'end']);
    const otherwise = body.closer === 'end' ? [] : block(['end']).nodes;
    return { kind: word as 'range' | 'with', expr, body: body.nodes, otherwise };
  };
  return block([]).nodes;
}
