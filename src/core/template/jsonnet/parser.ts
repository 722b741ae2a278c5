import type {
  Assert,
  BinaryOp,
  Bind,
  CompSpec,
  Field,
  Loc,
  Node,
  Param,
  UnaryOp,
  Visibility,
} from './ast.js';
import { staticError } from './errors.js';
import { lex, type Token } from './lexer.js';
import { unescapeString } from './strings.js';

/** Binary operator precedences (lower binds tighter), as in jsonnet's parser. */
const PRECEDENCE: Record<string, number> = {
  '*': 5,
  '/': 5,
  '%': 5,
  '+': 6,
  '-': 6,
  '<<': 7,
  '>>': 7,
  '<': 8,
  '<=': 8,
  '>': 8,
  '>=': 8,
  in: 8,
  '==': 9,
  '!=': 9,
  '&': 10,
  '^': 11,
  '|': 12,
  '&&': 13,
  '||': 14,
};
const APPLY_PRECEDENCE = 2;
const UNARY_PRECEDENCE = 4;
const MAX_PRECEDENCE = 15;

/** The name the parser's own rewrites use for the standard library (users cannot shadow it). */
export const STD_VAR = '$std';

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'str') return `string ${JSON.stringify(t.value)}`;
  if (t.kind === 'kw' || t.kind === 'id') return t.value;
  return JSON.stringify(t.value);
}

/** Parses one Jsonnet file into a tree (see ast.ts), throwing a static JsonnetError on bad syntax. */
export function parseJsonnet(file: string, src: string, firstLine = 1): Node {
  return new Parser(lex(file, src, firstLine)).parseFile();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseFile(): Node {
    const node = this.parse(MAX_PRECEDENCE);
    const t = this.peek();
    if (t.kind !== 'eof') throw staticError(`did not expect: ${describe(t)}`, t.loc);
    return node;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }
  private pop(): Token {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  private is(kind: Token['kind'], value?: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === kind && (value === undefined || t.value === value);
  }
  private expect(kind: Token['kind'], value: string, context: string): Token {
    const t = this.pop();
    if (t.kind !== kind || t.value !== value) {
      if (t.kind === 'eof') throw staticError('unexpected end of file.', t.loc);
      throw staticError(`expected token ${value} but got ${describe(t)} while ${context}`, t.loc);
    }
    return t;
  }
  private unexpected(t: Token, context: string): never {
    if (t.kind === 'eof') throw staticError('unexpected end of file.', t.loc);
    throw staticError(`unexpected: ${describe(t)} while ${context}`, t.loc);
  }
  private ident(context: string): string {
    const t = this.pop();
    if (t.kind !== 'id') this.unexpected(t, context);
    return t.value;
  }

  private parse(maxPrec: number): Node {
    const greedy = this.maybeGreedy();
    if (greedy) return greedy;
    const lhs = this.parseTerminalOrUnary();
    return this.parseInfix(lhs, maxPrec);
  }

  /** Constructs that extend as far right as possible: local, if, function, assert, error, import. */
  private maybeGreedy(): Node | null {
    const t = this.peek();
    if (t.kind !== 'kw') return null;
    const loc = t.loc;
    switch (t.value) {
      case 'assert': {
        this.pop();
        const a = this.parseAssertBody(loc);
        this.expect('punct', ';', 'parsing assert');
        return { k: 'assert', assert: a, rest: this.parse(MAX_PRECEDENCE), loc };
      }
      case 'error':
        this.pop();
        return { k: 'error', expr: this.parse(MAX_PRECEDENCE), loc };
      case 'if': {
        this.pop();
        const cond = this.parse(MAX_PRECEDENCE);
        this.expect('kw', 'then', 'parsing if');
        const then = this.parse(MAX_PRECEDENCE);
        let els: Node | null = null;
        if (this.is('kw', 'else')) {
          this.pop();
          els = this.parse(MAX_PRECEDENCE);
        }
        return { k: 'if', cond, then, else: els, loc };
      }
      case 'function': {
        this.pop();
        this.expect('punct', '(', 'parsing function');
        const params = this.parseParams();
        return { k: 'function', params, body: this.parse(MAX_PRECEDENCE), loc };
      }
      case 'import':
      case 'importstr':
      case 'importbin': {
        this.pop();
        const body = this.parse(MAX_PRECEDENCE);
        if (body.k !== 'lit' || typeof body.v !== 'string')
          throw staticError('computed imports are not allowed.', body.loc);
        if (this.tokens.some((x) => x.loc === body.loc && x.str === 'block'))
          throw staticError('Cannot use text blocks in import statements.', body.loc);
        return { k: 'import', kind: t.value, path: body.v, loc };
      }
      case 'local': {
        this.pop();
        const binds: Bind[] = [this.parseBind([])];
        while (this.is('punct', ',')) {
          this.pop();
          binds.push(this.parseBind(binds));
        }
        this.expect('punct', ';', 'parsing local');
        return { k: 'local', binds, body: this.parse(MAX_PRECEDENCE), loc };
      }
      default:
        return null;
    }
  }

  private parseAssertBody(loc: Loc): Assert {
    const cond = this.parse(MAX_PRECEDENCE);
    let msg: Node | null = null;
    if (this.is('op', ':')) {
      this.pop();
      msg = this.parse(MAX_PRECEDENCE);
    }
    return { cond, msg, loc };
  }

  /** `x = e` or `f(params) = e`; `seen` are the other binds of the same `local`, for duplicates. */
  private parseBind(seen: readonly Bind[]): Bind {
    const t = this.peek();
    const name = this.ident('parsing local');
    if (seen.some((b) => b.name === name)) throw staticError(`Duplicate local var: ${name}`, t.loc);
    if (this.is('punct', '(')) {
      this.pop();
      const params = this.parseParams();
      this.expect('op', '=', 'parsing local');
      return { name, body: { k: 'function', params, body: this.parse(MAX_PRECEDENCE), loc: t.loc } };
    }
    this.expect('op', '=', 'parsing local');
    return { name, body: this.parse(MAX_PRECEDENCE) };
  }

  /** Parameters after `(`, up to and including `)`. */
  private parseParams(): Param[] {
    const params: Param[] = [];
    while (!this.is('punct', ')')) {
      const t = this.peek();
      const name = this.ident('parsing function parameters');
      if (params.some((p) => p.name === name))
        throw staticError(`Duplicate function parameter: ${name}`, t.loc);
      let def: Node | null = null;
      if (this.is('op', '=')) {
        this.pop();
        def = this.parse(MAX_PRECEDENCE);
      }
      params.push({ name, def });
      if (this.is('punct', ',')) this.pop();
      else if (!this.is('punct', ')')) this.unexpected(this.peek(), 'parsing function parameters');
    }
    this.pop();
    return params;
  }

  private parseTerminalOrUnary(): Node {
    const t = this.pop();
    const loc = t.loc;
    switch (t.kind) {
      case 'eof':
        throw staticError('unexpected end of file.', loc);
      case 'num': {
        const v = Number(t.value);
        if (Number.isFinite(v)) return { k: 'lit', v, loc };
        return { k: 'error', expr: { k: 'lit', v: 'overflow', loc }, loc };
      }
      case 'str':
        return {
          k: 'lit',
          v: t.str === 'double' || t.str === 'single' ? unescapeString(t.value, loc) : t.value,
          loc,
        };
      case 'id':
        return { k: 'var', name: t.value, loc };
      case 'op': {
        if (t.value === '-' || t.value === '+' || t.value === '!' || t.value === '~') {
          const expr = this.parse(UNARY_PRECEDENCE);
          return { k: 'unary', op: t.value as UnaryOp, expr, loc };
        }
        throw staticError(`not a unary operator: ${t.value}`, loc);
      }
      case 'punct':
        if (t.value === '{') return this.parseObject(loc);
        if (t.value === '[') return this.parseArray(loc);
        if (t.value === '(') {
          const inner = this.parse(MAX_PRECEDENCE);
          this.expect('punct', ')', 'parsing parenthesised expression');
          return inner;
        }
        return this.unexpected(t, 'parsing terminal');
      case 'kw':
        switch (t.value) {
          case 'null':
            return { k: 'lit', v: null, loc };
          case 'true':
            return { k: 'lit', v: true, loc };
          case 'false':
            return { k: 'lit', v: false, loc };
          case 'self':
            return { k: 'self', loc };
          case '$':
            return { k: 'dollar', loc };
          case 'super': {
            const next = this.pop();
            if (next.kind === 'punct' && next.value === '.') {
              const name = this.ident('parsing super');
              return { k: 'superIndex', index: { k: 'lit', v: name, loc }, loc };
            }
            if (next.kind === 'punct' && next.value === '[') {
              const index = this.parse(MAX_PRECEDENCE);
              this.expect('punct', ']', 'parsing super index');
              return { k: 'superIndex', index, loc };
            }
            throw staticError('expected . or [ after super.', next.loc);
          }
        }
        return this.unexpected(t, 'parsing terminal');
    }
  }

  private parseInfix(lhsIn: Node, maxPrec: number): Node {
    let lhs = lhsIn;
    while (true) {
      const t = this.peek();
      let prec: number;
      if (t.kind === 'op' || (t.kind === 'kw' && t.value === 'in')) {
        if (t.value === ':' || t.value === '::') return lhs;
        prec = PRECEDENCE[t.value];
        if (prec === undefined) throw staticError(`not a binary operator: ${t.value}`, t.loc);
      } else if (
        t.kind === 'punct' &&
        (t.value === '.' || t.value === '[' || t.value === '(' || t.value === '{')
      )
        prec = APPLY_PRECEDENCE;
      else return lhs;
      if (prec >= maxPrec) return lhs;
      this.pop();
      const loc = lhs.loc;
      if (t.kind === 'punct') {
        if (t.value === '.') {
          const name = this.ident('parsing field access');
          lhs = { k: 'index', target: lhs, index: { k: 'lit', v: name, loc: t.loc }, loc: t.loc };
        } else if (t.value === '[') lhs = this.parseIndexOrSlice(lhs, loc);
        else if (t.value === '(') lhs = this.parseCall(lhs, loc);
        else lhs = { k: 'binary', op: '+', left: lhs, right: this.parseObject(t.loc), loc: t.loc };
      } else if (t.value === 'in' && this.is('kw', 'super')) {
        this.pop();
        lhs = { k: 'inSuper', key: lhs, loc };
      } else {
        const right = this.parse(prec);
        lhs = { k: 'binary', op: t.value as BinaryOp, left: lhs, right, loc: t.loc };
      }
    }
  }

  private parseIndexOrSlice(target: Node, loc: Loc): Node {
    if (this.is('punct', ']')) this.unexpected(this.pop(), 'parsing index');
    const parts: (Node | null)[] = [null, null, null];
    let slice = false;
    if (!this.is('op', ':') && !this.is('op', '::')) parts[0] = this.parse(MAX_PRECEDENCE);
    if (this.is('op', '::')) {
      slice = true;
      this.pop();
      if (!this.is('punct', ']')) parts[2] = this.parse(MAX_PRECEDENCE);
    } else if (!this.is('punct', ']')) {
      slice = true;
      const d = this.pop();
      if (d.value !== ':') this.unexpected(d, 'parsing slice');
      if (!this.is('op', ':') && !this.is('punct', ']')) parts[1] = this.parse(MAX_PRECEDENCE);
      if (!this.is('punct', ']')) {
        const d2 = this.pop();
        if (d2.value !== ':') this.unexpected(d2, 'parsing slice');
        if (!this.is('punct', ']')) parts[2] = this.parse(MAX_PRECEDENCE);
      }
    }
    this.expect('punct', ']', 'parsing index');
    if (!slice) return { k: 'index', target, index: parts[0] as Node, loc };
    const lit = (n: Node | null): Node => n ?? { k: 'lit', v: null, loc };
    return stdCall('slice', [target, lit(parts[0]), lit(parts[1]), lit(parts[2])], loc);
  }

  private parseCall(fn: Node, loc: Loc): Node {
    const args: Node[] = [];
    const named: Bind[] = [];
    while (!this.is('punct', ')')) {
      if (this.is('id') && this.is('op', '=', 1)) {
        const name = this.pop().value;
        this.pop();
        named.push({ name, body: this.parse(MAX_PRECEDENCE) });
      } else {
        const arg = this.parse(MAX_PRECEDENCE);
        if (named.length > 0)
          throw staticError('Positional argument after a named argument is not allowed', arg.loc);
        args.push(arg);
      }
      if (this.is('punct', ',')) this.pop();
      else if (!this.is('punct', ')')) {
        const t = this.peek();
        if (t.kind === 'eof') throw staticError('unexpected end of file.', t.loc);
        throw staticError('expected a comma before next function argument.', t.loc);
      }
    }
    this.pop();
    let tailstrict = false;
    if (this.is('kw', 'tailstrict')) {
      this.pop();
      tailstrict = true;
    }
    return { k: 'apply', fn, args, named, tailstrict, loc };
  }

  private parseArray(loc: Loc): Node {
    const elems: Node[] = [];
    let comma = true;
    while (!this.is('punct', ']')) {
      if (!comma) {
        const t = this.peek();
        if (t.kind === 'eof') throw staticError('unexpected end of file.', t.loc);
        throw staticError('expected a comma before next array element.', t.loc);
      }
      const e = this.parse(MAX_PRECEDENCE);
      if (this.is('kw', 'for') && elems.length === 0) {
        const specs = this.parseCompSpecs(']');
        this.pop();
        return { k: 'arrcomp', body: e, specs, loc };
      }
      elems.push(e);
      comma = this.is('punct', ',');
      if (comma) {
        this.pop();
        if (this.is('kw', 'for') && elems.length === 1) {
          const specs = this.parseCompSpecs(']');
          this.pop();
          return { k: 'arrcomp', body: e, specs, loc };
        }
      }
    }
    this.pop();
    return { k: 'array', elems, loc };
  }

  /** `for x in e` followed by any `for`/`if`, up to (not including) the closing bracket. */
  private parseCompSpecs(close: string): CompSpec[] {
    const specs: CompSpec[] = [];
    while (true) {
      if (this.is('kw', 'for')) {
        this.pop();
        const name = this.ident('parsing comprehension');
        this.expect('kw', 'in', 'parsing comprehension');
        specs.push({ k: 'for', name, expr: this.parse(MAX_PRECEDENCE) });
      } else if (this.is('kw', 'if')) {
        this.pop();
        specs.push({ k: 'if', cond: this.parse(MAX_PRECEDENCE) });
      } else if (this.is('punct', close)) return specs;
      else this.unexpected(this.peek(), 'parsing comprehension');
    }
  }

  private parseObject(loc: Loc): Node {
    const fields: Field[] = [];
    const asserts: Assert[] = [];
    const locals: Bind[] = [];
    let computedCount = 0;
    let comma = true;
    while (!this.is('punct', '}')) {
      if (!comma) {
        const t = this.peek();
        if (t.kind === 'eof') throw staticError('unexpected end of file.', t.loc);
        throw staticError('expected a comma before next field.', t.loc);
      }
      const t = this.peek();
      if (t.kind === 'kw' && t.value === 'local') {
        this.pop();
        const bindTok = this.peek();
        const b = this.parseBind([]);
        if (locals.some((x) => x.name === b.name))
          throw staticError(`duplicate local var: ${b.name}`, bindTok.loc);
        locals.push(b);
      } else if (t.kind === 'kw' && t.value === 'assert') {
        this.pop();
        asserts.push(this.parseAssertBody(t.loc));
      } else {
        if (this.is('punct', '[')) computedCount++;
        const f = this.parseField();
        fields.push(f);
      }
      if (this.is('kw', 'for')) {
        if (fields.length !== 1 || asserts.length > 0 || computedCount !== 1)
          throw staticError('Object comprehension can only have one field.', this.peek().loc);
        const specs = this.parseCompSpecs('}');
        this.pop();
        const f = fields[0];
        if (f.hide !== 'inherit')
          throw staticError('Object comprehensions cannot have hidden fields.', f.loc);
        return { k: 'objcomp', locals, key: f.name, value: f.body, plus: f.plus, specs, loc };
      }
      comma = this.is('punct', ',');
      if (comma) {
        this.pop();
        if (this.is('kw', 'for')) {
          const f = fields[0];
          if (fields.length !== 1 || asserts.length > 0 || computedCount !== 1)
            throw staticError('Object comprehension can only have one field.', this.peek().loc);
          const specs = this.parseCompSpecs('}');
          this.pop();
          return { k: 'objcomp', locals, key: f.name, value: f.body, plus: f.plus, specs, loc };
        }
      }
    }
    this.pop();
    const names = new Set<string>();
    for (const f of fields) {
      if (f.name.k === 'lit' && typeof f.name.v === 'string') {
        if (names.has(f.name.v)) throw staticError(`duplicate field: ${f.name.v}`, f.loc);
        names.add(f.name.v);
      }
    }
    return { k: 'object', fields, asserts, locals, loc };
  }

  private parseField(): Field {
    const t = this.pop();
    const loc = t.loc;
    let name: Node;
    if (t.kind === 'id') name = { k: 'lit', v: t.value, loc };
    else if (t.kind === 'str')
      name = {
        k: 'lit',
        v: t.str === 'double' || t.str === 'single' ? unescapeString(t.value, loc) : t.value,
        loc,
      };
    else if (t.kind === 'punct' && t.value === '[') {
      name = this.parse(MAX_PRECEDENCE);
      this.expect('punct', ']', 'parsing field definition');
    } else return this.unexpected(t, 'parsing field definition');
    let params: Param[] | null = null;
    if (this.is('punct', '(')) {
      this.pop();
      params = this.parseParams();
    }
    const op = this.pop();
    const m = op.kind === 'op' ? /^(\+?)(:{1,3})$/.exec(op.value) : null;
    if (!m) this.unexpected(op, 'parsing field definition');
    const plus = m[1] === '+';
    if (plus && params) {
      const fieldName = name.k === 'lit' ? String(name.v) : '<computed>';
      throw staticError(`cannot use +: syntax sugar in a method: ${fieldName}`, op.loc);
    }
    const hide: Visibility = m[2] === ':' ? 'inherit' : m[2] === '::' ? 'hidden' : 'visible';
    let body = this.parse(MAX_PRECEDENCE);
    if (params) body = { k: 'function', params, body, loc };
    return { name, hide, plus, body, loc };
  }
}

/** `$std.name(args...)`: how sugar that the standard library implements is spelled. */
export function stdCall(name: string, args: Node[], loc: Loc): Node {
  return {
    k: 'apply',
    fn: { k: 'index', target: { k: 'var', name: STD_VAR, loc }, index: { k: 'lit', v: name, loc }, loc },
    args,
    named: [],
    tailstrict: false,
    loc,
  };
}
