import type { Branch, Command, Operand, Pipeline, TemplateNode, TemplatePos } from './template-ast.js';
import { TEMPLATE_FUNCS } from './template-funcs.js';
import { ActionLexError, type ActionToken, lexAction } from './template-lexer.js';
import { MAX_TEMPLATE_DEPTH } from './template-limits.js';
import { type Action, SourcePositions, scanTemplate, templateError } from './template-scan.js';

export { templateError } from './template-scan.js';

const UNSUPPORTED = new Set(['define', 'template', 'block']);

/** Parser state: the source positions and Go's parse-time variable scopes. */
class TemplateParser {
  private readonly positions: SourcePositions;
  private readonly items: ReturnType<typeof scanTemplate>;
  private k = 0;
  /** Declared variable names; `$` is always there. Blocks pop back to their mark. */
  private readonly vars: string[] = [''];
  private rangeDepth = 0;
  /** Blocks and parentheses open around the part being parsed. */
  private depth = 0;

  constructor(private readonly source: string) {
    this.positions = new SourcePositions(source);
    this.items = scanTemplate(source, this.positions);
  }

  parse(): TemplateNode[] {
    return this.block([]).nodes;
  }

  /** Runs a nested part (a block's body, a parenthesised pipeline), at most MAX_TEMPLATE_DEPTH deep. */
  private nested<T>(offset: number, part: () => T): T {
    if (this.depth >= MAX_TEMPLATE_DEPTH)
      this.error(offset, `blocks and parentheses are nested more than ${MAX_TEMPLATE_DEPTH} deep`);
    this.depth++;
    try {
      return part();
    } finally {
      this.depth--;
    }
  }

  private error(offset: number, detail: string): never {
    throw templateError(this.positions.at(offset), detail);
  }

  /** Nodes up to one of `closers` (`end`, `else`), which is returned with the action that closed it. */
  private block(closers: readonly string[]): {
    nodes: TemplateNode[];
    closer: string;
    at?: Action;
    rest?: ActionToken[];
  } {
    const nodes: TemplateNode[] = [];
    while (this.k < this.items.length) {
      const item = this.items[this.k++];
      if (typeof item === 'string') {
        nodes.push({ kind: 'text', text: item });
        continue;
      }
      if (item.body.startsWith('/*')) {
        if (!item.body.endsWith('*/')) this.error(item.offset, 'comment ends before closing delimiter');
        continue;
      }
      const tokens = this.lex(item);
      const head = tokens[0];
      const word = head?.kind === 'ident' && head.steps.length === 0 ? head.name : '';
      if (word === 'end' || word === 'else') {
        if (!closers.includes(word)) this.error(item.open, `unexpected {{ ${word} }}`);
        if (word === 'end' && tokens.length > 1) this.error(item.offset, 'unexpected words after end');
        return { nodes, closer: word, at: item, rest: tokens.slice(1) };
      }
      nodes.push(this.action(item, word, tokens));
    }
    if (closers.length > 0) this.error(this.source.length, 'missing {{ end }}');
    return { nodes, closer: '' };
  }

  private lex(item: Action): ActionToken[] {
    try {
      const tokens = lexAction(item.body);
      if (tokens.length === 0) this.error(item.open, 'missing value in {{ }}');
      return tokens;
    } catch (err) {
      if (err instanceof ActionLexError) this.error(item.offset + err.offset, err.message);
      throw err;
    }
  }

  private action(item: Action, word: string, tokens: ActionToken[]): TemplateNode {
    const rest = tokens.slice(1);
    if (word === 'break' || word === 'continue') {
      if (this.rangeDepth === 0) this.error(item.open, `{{ ${word} }} outside {{ range }}`);
      if (rest.length > 0) this.error(item.offset, `unexpected words after ${word}`);
      return { kind: word, pos: this.positions.at(item.open) };
    }
    if (UNSUPPORTED.has(word))
      this.error(item.open, `{{ ${word} }} is not supported (named templates); inline the text instead`);
    const mark = this.vars.length;
    if (word === 'if' || word === 'with') {
      const node = this.nested(item.open, () => this.conditional(word, item, rest));
      this.vars.length = mark;
      return node;
    }
    if (word === 'range') {
      const pipeline = this.pipeline(item, rest, 'range');
      this.rangeDepth++;
      const body = this.nested(item.open, () => this.block(['else', 'end']));
      this.rangeDepth--;
      if (body.closer === 'else' && (body.rest?.length ?? 0) > 0)
        this.error(body.at?.offset ?? 0, 'unexpected words after else');
      const otherwise = body.closer === 'end' ? [] : this.nested(item.open, () => this.block(['end'])).nodes;
      this.vars.length = mark;
      return { kind: 'range', pipeline, body: body.nodes, otherwise };
    }
    return { kind: 'output', pipeline: this.pipeline(item, tokens, 'action') };
  }

  /** `if`/`with` with its `else if`/`else with` branches and `else`. */
  private conditional(word: 'if' | 'with', item: Action, rest: ActionToken[]): TemplateNode {
    const branches: Branch[] = [];
    let cond = this.pipeline(item, rest, word);
    for (;;) {
      const b = this.block(['else', 'end']);
      branches.push({ cond, body: b.nodes });
      if (b.closer === 'end') return { kind: word, branches, otherwise: [] };
      const after = b.rest ?? [];
      if (after.length === 0) return { kind: word, branches, otherwise: this.block(['end']).nodes };
      const next = after[0];
      if (next.kind !== 'ident' || next.name !== word || next.steps.length > 0)
        this.error(b.at?.offset ?? 0, `expected {{ else }} or {{ else ${word} ... }}`);
      cond = this.pipeline(b.at as Action, after.slice(1), word);
    }
  }

  private pos(item: Action, t: ActionToken | undefined): TemplatePos {
    return this.positions.at(t ? item.offset + t.start : item.offset);
  }

  /** `[decl] command (| command)*`; `context` says what may be declared. */
  private pipeline(item: Action, tokens: ActionToken[], context: string): Pipeline {
    const pos = this.pos(item, tokens[0]);
    let i = 0;
    let decl: Pipeline['decl'];
    const v0 = tokens[0];
    const isVar = (t: ActionToken | undefined) => t?.kind === 'var' && t.steps.length === 0 && t.name !== '';
    if (isVar(v0) && (tokens[1]?.kind === 'declare' || tokens[1]?.kind === 'assign')) {
      decl = { names: [(v0 as { name: string }).name], assign: tokens[1].kind === 'assign' };
      i = 2;
    } else if (
      context === 'range' &&
      isVar(v0) &&
      tokens[1]?.kind === 'comma' &&
      isVar(tokens[2]) &&
      tokens[3]?.kind === 'declare'
    ) {
      decl = { names: [(v0 as { name: string }).name, (tokens[2] as { name: string }).name], assign: false };
      i = 4;
    } else if (isVar(v0) && tokens[1]?.kind === 'comma') {
      this.error(item.offset + (tokens[1]?.start ?? 0), `too many declarations in ${context}`);
    }
    const { pipeline, next } = this.commands(item, tokens, i, pos, decl);
    if (next < tokens.length) this.error(item.offset + tokens[next].start, 'unexpected ) in operand');
    if (decl) {
      for (const name of decl.names) {
        if (decl.assign && !this.vars.includes(name))
          this.error(item.offset + (v0?.start ?? 0), `undefined variable "$${name}"`);
        if (!decl.assign) this.vars.push(name);
      }
    }
    return pipeline;
  }

  /** Commands from `i` up to the end or an unmatched `)`. */
  private commands(
    item: Action,
    tokens: ActionToken[],
    start: number,
    pos: TemplatePos,
    decl?: Pipeline['decl'],
  ): { pipeline: Pipeline; next: number } {
    const commands: Command[] = [];
    let i = start;
    for (;;) {
      const args: Operand[] = [];
      const cmdPos = this.pos(item, tokens[i]);
      const piped = commands.length > 0;
      while (i < tokens.length && tokens[i].kind !== 'pipe' && tokens[i].kind !== 'rparen') {
        const { operand, next } = this.operand(item, tokens, i, args.length === 0, piped);
        args.push(operand);
        i = next;
      }
      if (args.length === 0)
        this.error(item.offset + (tokens[i]?.start ?? item.body.length), 'missing value for command');
      commands.push({ args, pos: cmdPos });
      if (tokens[i]?.kind !== 'pipe') break;
      i++;
    }
    return { pipeline: { decl, commands, pos }, next: i };
  }

  private operand(
    item: Action,
    tokens: ActionToken[],
    i: number,
    head: boolean,
    piped: boolean,
  ): { operand: Operand; next: number } {
    const t = tokens[i];
    const pos = this.pos(item, t);
    switch (t.kind) {
      case 'dot':
        return { operand: { kind: 'path', from: 'dot', steps: [], text: '.', pos }, next: i + 1 };
      case 'field':
        return { operand: { kind: 'path', from: 'dot', steps: t.steps, text: t.text, pos }, next: i + 1 };
      case 'var': {
        if (!this.vars.includes(t.name)) this.error(item.offset + t.start, `undefined variable "$${t.name}"`);
        const from = t.name === '' ? 'root' : 'var';
        return {
          operand: { kind: 'path', from, name: t.name, steps: t.steps, text: t.text, pos },
          next: i + 1,
        };
      }
      case 'string':
      case 'number':
        return { operand: { kind: 'literal', value: t.value, pos }, next: i + 1 };
      case 'ident':
        return { operand: this.identifier(item, tokens, i, head, piped), next: i + 1 };
      case 'lparen': {
        const { pipeline, next } = this.nested(item.offset + t.start, () =>
          this.commands(item, tokens, i + 1, this.pos(item, tokens[i + 1])),
        );
        if (tokens[next]?.kind !== 'rparen') this.error(item.offset + t.start, 'unclosed left paren');
        const chain = tokens[next + 1];
        if (chain?.kind === 'chain')
          return { operand: { kind: 'sub', pipeline, steps: chain.steps, pos }, next: next + 2 };
        return { operand: { kind: 'sub', pipeline, steps: [], pos }, next: next + 1 };
      }
      default:
        return this.error(
          item.offset + t.start,
          `unexpected ${t.kind === 'declare' ? ':=' : t.kind === 'assign' ? '=' : t.kind} in operand`,
        );
    }
  }

  /** `true`/`false`/`nil`, a function, or (skyql) a bare path such as `project` or `global.region`. */
  private identifier(item: Action, tokens: ActionToken[], i: number, head: boolean, piped: boolean): Operand {
    const t = tokens[i] as Extract<ActionToken, { kind: 'ident' }>;
    const pos = this.pos(item, t);
    if (t.steps.length === 0) {
      if (t.name === 'true' || t.name === 'false') return { kind: 'literal', value: t.name === 'true', pos };
      if (t.name === 'nil') return { kind: 'literal', value: null, pos };
      if (Object.hasOwn(TEMPLATE_FUNCS, t.name)) return { kind: 'func', name: t.name, pos };
      const more = tokens[i + 1];
      const takesArgs = piped || (more !== undefined && more.kind !== 'pipe' && more.kind !== 'rparen');
      if (head && takesArgs) this.error(item.offset + t.start, `function "${t.name}" not defined`);
    }
    return { kind: 'path', from: 'bare', steps: [t.name, ...t.steps], text: t.text, pos };
  }
}

/**
 * Parses a template in Go's text/template language: actions with pipelines (`{{ .x | printf "%q" }}`),
 * functions, variables (`$x := …`, `$x = …`, scoped to their block), `if`/`else if`/`else`,
 * `range` (with `$i, $v :=`, `break`, `continue`), `with`/`else with`, comments and trim markers.
 * Throws TEMPLATE_ERROR with the position, as Go's parser fails before anything runs.
 */
export function parseTemplate(source: string): TemplateNode[] {
  return new TemplateParser(source).parse();
}
