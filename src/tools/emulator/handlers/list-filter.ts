/**
 * The `filter` of list methods: AIP-160 (`status != TERMINATED`, `labels.env = prod`,
 * `name = "web-*"`, `labels.owner:*`, `(a = 1) (b = 2)`, `a = 1 OR a = 2`, `NOT a = 1`, `-a = 1`)
 * and, for Compute, its regular-expression form (`name eq web-.*`, `(zone ne .*b) (name eq a.*)`).
 * Anything else — global text search, functions, mixing `eq`/`ne` with AIP-160 comparators — is a
 * {@link FilterError}, which the list answers as Google's 400 rather than ignoring the filter.
 */

/** A comparison operator: AIP-160's, or Compute's regular-expression `eq`/`ne`. */
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':' | 'eq' | 'ne';

/** A parsed filter. */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly items: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly item: FilterNode }
  | {
      readonly kind: 'compare';
      readonly field: readonly string[];
      readonly op: Comparator;
      readonly value: string;
    };

/** Which filter language a list speaks. */
export type FilterDialect = 'aip160' | 'compute';

/** A filter the emulator cannot evaluate; the message says why. */
export class FilterError extends Error {}

type Tok = { readonly kind: 'word' | 'string' | 'op' | 'open' | 'close'; readonly text: string };

const OPS = ['<=', '>=', '!=', '=', '<', '>', ':'];
const WORD_END = /[\s()"'=<>!:]/;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else if (c === '"' || c === "'") {
      let s = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++)
        s += text[j] === '\\' && j + 1 < text.length ? text[++j] : text[j];
      if (j >= text.length) throw new FilterError(`unterminated string starting at position ${i + 1}`);
      out.push({ kind: 'string', text: s });
      i = j + 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        out.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let j = i;
      while (j < text.length && !WORD_END.test(text[j])) j++;
      if (j === i) throw new FilterError(`unexpected '${c}' at position ${i + 1}`);
      out.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;

/** Recursive descent over AIP-160's grammar: AND of sequences, a sequence is implicit AND of factors, a factor is OR of terms. */
class FilterParser {
  private i = 0;
  readonly ops = new Set<Comparator>();

  constructor(
    private readonly toks: readonly Tok[],
    private readonly dialect: FilterDialect,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isWord(w: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === w;
  }

  parse(): FilterNode {
    const node = this.expression();
    const rest = this.peek();
    if (rest) throw new FilterError(`unexpected '${rest.text}'`);
    return node;
  }

  /** `next` items joined by `word` into one node. */
  private joined(word: 'AND' | 'OR', next: () => FilterNode): FilterNode {
    const items = [next()];
    while (this.isWord(word)) {
      this.i++;
      items.push(next());
    }
    return items.length === 1 ? items[0] : { kind: word === 'AND' ? 'and' : 'or', items };
  }

  private expression(): FilterNode {
    return this.joined('AND', () => this.sequence());
  }

  private sequence(): FilterNode {
    const items = [this.factor()];
    for (let t = this.peek(); t && t.kind !== 'close' && !this.isWord('AND'); t = this.peek())
      items.push(this.factor());
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private factor(): FilterNode {
    return this.joined('OR', () => this.term());
  }

  private term(): FilterNode {
    if (this.isWord('NOT')) {
      this.i++;
      return { kind: 'not', item: this.simple() };
    }
    const t = this.peek();
    if (t?.kind === 'word' && t.text.length > 1 && t.text.startsWith('-')) {
      this.i++;
      return { kind: 'not', item: this.restriction(t.text.slice(1)) };
    }
    return this.simple();
  }

  private simple(): FilterNode {
    const t = this.peek();
    if (!t) throw new FilterError('the expression ends too early');
    if (t.kind === 'open') {
      this.i++;
      const inner = this.expression();
      if (this.peek()?.kind !== 'close') throw new FilterError("missing ')'");
      this.i++;
      return inner;
    }
    if (t.kind !== 'word') throw new FilterError(`expected a field name, found '${t.text}'`);
    this.i++;
    return this.restriction(t.text);
  }

  private restriction(field: string): FilterNode {
    const next = this.peek();
    if (next?.kind === 'open') throw new FilterError(`functions such as ${field}() are not supported`);
    if (!FIELD.test(field)) throw new FilterError(`'${field}' is not a field name`);
    let op: Comparator;
    if (next?.kind === 'op') op = next.text as Comparator;
    else if (
      this.dialect === 'compute' &&
      next?.kind === 'word' &&
      (next.text === 'eq' || next.text === 'ne')
    )
      op = next.text;
    else throw new FilterError(`'${field}' needs a comparison (=, !=, <, <=, >, >=, :)`);
    this.i++;
    const value = this.peek();
    if (!value || (value.kind !== 'word' && value.kind !== 'string'))
      throw new FilterError(`'${field} ${op}' needs a value`);
    this.i++;
    this.ops.add(op);
    return { kind: 'compare', field: field.split('.'), op, value: value.text };
  }
}

/** Parses a filter; undefined for an empty one. Throws {@link FilterError}. */
export function parseFilter(text: string, dialect: FilterDialect): FilterNode | undefined {
  const toks = tokenize(text);
  if (toks.length === 0) return undefined;
  const parser = new FilterParser(toks, dialect);
  const node = parser.parse();
  const regex = parser.ops.has('eq') || parser.ops.has('ne');
  if (regex && [...parser.ops].some((o) => o !== 'eq' && o !== 'ne'))
    throw new FilterError('regular-expression (eq, ne) and comparison expressions cannot be mixed');
  if (regex) for (const v of regexValues(node)) compileRegex(v);
  return node;
}

function* regexValues(node: FilterNode): Generator<string> {
  if (node.kind === 'compare') yield node.value;
  else if (node.kind === 'not') yield* regexValues(node.item);
  else for (const n of node.items) yield* regexValues(n);
}

function compileRegex(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new FilterError(`'${pattern}' is not a valid regular expression`);
  }
}

/** The values at a dotted path; lists along the way contribute each element. */
export function valuesAt(data: unknown, path: readonly string[]): unknown[] {
  let cur: unknown[] = [data];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of cur.flatMap((x) => (Array.isArray(x) ? x : [x])))
      if (v !== null && typeof v === 'object' && key in v) next.push((v as Record<string, unknown>)[key]);
    cur = next;
  }
  return cur.flatMap((x) => (Array.isArray(x) ? x : [x])).filter((x) => x !== null && x !== undefined);
}

function wildcard(literal: string): RegExp {
  return new RegExp(
    `^${literal
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function numeric(s: string): number | undefined {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : undefined;
}

function equals(v: unknown, literal: string): boolean {
  if (typeof v === 'boolean') return literal.toLowerCase() === String(v);
  if (typeof v === 'number') return numeric(literal) === v;
  if (typeof v !== 'string') return false;
  return literal.includes('*') ? wildcard(literal).test(v) : v === literal;
}

/** -1, 0, 1 comparing a value with a literal: numerically when both are numbers, else as text. */
function order(v: unknown, literal: string): number | undefined {
  const n = numeric(literal);
  const x = typeof v === 'number' ? v : typeof v === 'string' && n !== undefined ? numeric(v) : undefined;
  if (x !== undefined && n !== undefined) return Math.sign(x - n);
  if (typeof v !== 'string') return undefined;
  return v < literal ? -1 : v > literal ? 1 : 0;
}

function compare(node: Extract<FilterNode, { kind: 'compare' }>, data: unknown): boolean {
  const values = valuesAt(data, node.field);
  const { op, value } = node;
  switch (op) {
    case '=':
      return values.some((v) => equals(v, value));
    case '!=':
      return !values.some((v) => equals(v, value));
    case ':':
      if (value === '*') return values.length > 0;
      return values.some((v) =>
        v !== null && typeof v === 'object' ? value in (v as object) : equals(v, value),
      );
    case 'eq':
    case 'ne': {
      const re = compileRegex(value);
      const hit = values.some((v) => typeof v !== 'object' && re.test(String(v)));
      return op === 'eq' ? hit : !hit;
    }
    default: {
      const want = { '<': [-1], '<=': [-1, 0], '>': [1], '>=': [1, 0] }[op];
      return values.some((v) => want.includes(order(v, value) ?? 2));
    }
  }
}

/** True when a resource's JSON satisfies the filter. */
export function matchesFilter(node: FilterNode, data: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => matchesFilter(n, data));
    case 'or':
      return node.items.some((n) => matchesFilter(n, data));
    case 'not':
      return !matchesFilter(node.item, data);
    case 'compare':
      return compare(node, data);
  }
}
