import type { PathStep } from './template-ast.js';

/**
 * Tokens of one action's text (between `{{` and `}}`), as Go's text/template lexes them: fields,
 * variables, identifiers, constants, `|`, `(`, `)`, `:=`, `=`, `,`. Paths also take `[n]` index
 * steps, a skyql extension that StackQL's generated templates (`.values.data__access[0].role`) use.
 */
export type ActionToken =
  | { readonly kind: 'dot'; readonly start: number }
  | {
      readonly kind: 'field';
      readonly steps: readonly PathStep[];
      readonly start: number;
      readonly text: string;
    }
  | {
      readonly kind: 'var';
      readonly name: string;
      readonly steps: readonly PathStep[];
      readonly start: number;
      readonly text: string;
    }
  | {
      readonly kind: 'ident';
      readonly name: string;
      readonly steps: readonly PathStep[];
      readonly start: number;
      readonly text: string;
    }
  | {
      readonly kind: 'chain';
      readonly steps: readonly PathStep[];
      readonly start: number;
      readonly text: string;
    }
  | { readonly kind: 'string' | 'number'; readonly value: string | number; readonly start: number }
  | {
      readonly kind: 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma';
      readonly start: number;
    };

/** A lexing problem at `offset` in the action text. */
export class ActionLexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*/u;
const STEPS = /^(?:\.[\p{L}_][\p{L}\p{N}_]*|\[\d+\])*/u;
const NUMBER =
  /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)/;

function stepsOf(text: string): PathStep[] {
  const out: PathStep[] = [];
  for (const m of text.matchAll(/\.([\p{L}_][\p{L}\p{N}_]*)|\[(\d+)\]/gu)) out.push(m[1] ?? Number(m[2]));
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Reads a Go-quoted string or character body from `i` (after the quote) to `quote`; returns the text and the index after it. */
function readQuoted(src: string, i: number, quote: string): { text: string; end: number } {
  let text = '';
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === quote) return { text, end: k + 1 };
    if (c === '\n') break;
    if (c !== '\\') {
      text += c;
      continue;
    }
    const e = src[++k];
    if (e !== undefined && ESCAPES[e] !== undefined) text += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = src.slice(k + 1, k + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex))
        throw new ActionLexError('bad escape in quoted text', k - 1);
      text += String.fromCodePoint(Number.parseInt(hex, 16));
      k += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = src.slice(k, k + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new ActionLexError('bad escape in quoted text', k - 1);
      text += String.fromCodePoint(Number.parseInt(oct, 8));
      k += 2;
    } else throw new ActionLexError(`unknown escape sequence \\${e ?? ''}`, k - 1);
  }
  throw new ActionLexError(
    quote === "'" ? 'unterminated character constant' : 'unterminated quoted string',
    i - 1,
  );
}

function numberValue(text: string): number {
  const t = text.replaceAll('_', '');
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = Number.parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = Number.parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = Number.parseInt(body.slice(2), 2);
  else if (/^0\d+$/.test(body)) n = Number.parseInt(body, 8);
  else n = Number(body);
  return neg ? -n : n;
}

/** Tokenizes an action's text. Throws ActionLexError with the offset of what it could not read. */
export function lexAction(src: string): ActionToken[] {
  const out: ActionToken[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === ':' && src[i + 1] === '=') {
      out.push({ kind: 'declare', start });
      i += 2;
    } else if (c === '=' || c === '|' || c === '(' || c === ',') {
      const kind = c === '=' ? 'assign' : c === '|' ? 'pipe' : c === '(' ? 'lparen' : 'comma';
      out.push({ kind, start });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'rparen', start });
      i++;
      const chain = STEPS.exec(src.slice(i))?.[0] ?? '';
      if (chain.startsWith('.')) {
        out.push({ kind: 'chain', steps: stepsOf(chain), start: i, text: chain });
        i += chain.length;
      }
    } else if (c === '"' || c === "'") {
      const { text, end } = readQuoted(src, i + 1, c);
      if (c === "'" && [...text].length !== 1)
        throw new ActionLexError('malformed character constant', start);
      out.push(
        c === '"'
          ? { kind: 'string', value: text, start }
          : { kind: 'number', value: text.codePointAt(0) as number, start },
      );
      i = end;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ActionLexError('unterminated raw quoted string', start);
      out.push({ kind: 'string', value: src.slice(i + 1, end), start });
      i = end + 1;
    } else if (
      NUMBER.test(rest) &&
      (c !== '.' || /^\.\d/.test(rest)) &&
      (!/[+-]/.test(c) || /^[+-][.\d]/.test(rest))
    ) {
      const text = (NUMBER.exec(rest) as RegExpExecArray)[0];
      out.push({ kind: 'number', value: numberValue(text), start });
      i += text.length;
    } else if (c === '.') {
      const steps = STEPS.exec(rest)?.[0] ?? '';
      if (steps === '') {
        out.push({ kind: 'dot', start });
        i++;
      } else {
        out.push({ kind: 'field', steps: stepsOf(steps), start, text: steps });
        i += steps.length;
      }
    } else if (c === '$') {
      const name = IDENT.exec(src.slice(i + 1))?.[0] ?? '';
      const steps = STEPS.exec(src.slice(i + 1 + name.length))?.[0] ?? '';
      const text = `$${name}${steps}`;
      out.push({ kind: 'var', name, steps: stepsOf(steps), start, text });
      i += text.length;
    } else if (IDENT.test(rest)) {
      const name = (IDENT.exec(rest) as RegExpExecArray)[0];
      const steps = STEPS.exec(src.slice(i + name.length))?.[0] ?? '';
      const text = name + steps;
      out.push({ kind: 'ident', name, steps: stepsOf(steps), start, text });
      i += text.length;
    } else throw new ActionLexError(`unexpected ${JSON.stringify(c)} in command`, start);
  }
  return out;
}
