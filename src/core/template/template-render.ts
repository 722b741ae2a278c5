import { SkyqlError } from '../../base/errors/skyql-error.js';
import { goTypeName, isInt, isObject, MISSING, present, sortedKeys, truth } from './go-values.js';
import type {
  Command,
  Operand,
  PathExpr,
  PathStep,
  Pipeline,
  TemplateNode,
  TemplatePos,
} from './template-ast.js';
import { FuncError, TEMPLATE_FUNCS } from './template-funcs.js';
import { MAX_RANGE_ITERATIONS, MAX_TEMPLATE_OUTPUT, TemplateLimitError } from './template-limits.js';
import { parseTemplate, templateError } from './template-parse.js';

/** Template data: what JSON decodes to. */
export type TemplateValue = unknown;

function step(value: unknown, key: PathStep): unknown {
  if (typeof key === 'number') return Array.isArray(value) && key < value.length ? value[key] : MISSING;
  if (isObject(value) && Object.hasOwn(value, key)) return value[key];
  return MISSING;
}

function walk(start: unknown, steps: readonly PathStep[]): unknown {
  let v = start;
  for (const s of steps) {
    v = step(v, s);
    if (v === MISSING) return MISSING;
  }
  return v;
}

/** How a value is written: strings as they are, lists and maps as compact JSON, nil as nothing. */
function formatOutput(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** What a pipeline's last command reads (`.a.b`, `$x`, `(...).c`), for messages; '' for others. */
function pipelineName(p: Pipeline): string {
  const last = p.commands[p.commands.length - 1].args[0];
  return last.kind === 'path' ? last.text : last.kind === 'sub' ? `(...).${last.steps.join('.')}` : '';
}

/** `{{ break }}` and `{{ continue }}` unwind to their range. */
class LoopControl {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Renders parsed nodes: the dot, the root (`$`) and the variable stack of Go's executor. */
class Renderer {
  private readonly vars: Array<{ name: string; value: unknown }> = [];
  /** Characters written and range iterations run so far, against the bounds of template-limits.ts. */
  private written = 0;
  private iterations = 0;
  /** The action being run, for the position of an output-size error (text has none of its own). */
  private at: TemplatePos = { line: 1, column: 1 };
  constructor(private readonly root: unknown) {}

  run(nodes: readonly TemplateNode[], dot: unknown, out: string[]): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          this.write(out, node.text);
          break;
        case 'output': {
          this.at = node.pipeline.pos;
          const v = this.pipeline(node.pipeline, dot);
          if (!node.pipeline.decl) this.write(out, formatOutput(this.printable(v, node.pipeline)));
          break;
        }
        case 'if':
        case 'with':
          this.conditional(node, dot, out);
          break;
        case 'range':
          this.range(node, dot, out);
          break;
        case 'break':
        case 'continue':
          throw new LoopControl(node.kind);
      }
    }
  }

  private write(out: string[], text: string): void {
    this.written += text.length;
    if (this.written > MAX_TEMPLATE_OUTPUT)
      throw templateError(this.at, `the rendered text passes ${MAX_TEMPLATE_OUTPUT} characters`);
    out.push(text);
  }

  /** Counts `n` more range iterations; past the bound the template fails at the range. */
  private iterate(n: number, pos: TemplatePos): void {
    this.iterations += n;
    if (this.iterations > MAX_RANGE_ITERATIONS)
      throw templateError(pos, `ranges run more than ${MAX_RANGE_ITERATIONS} iterations in all`);
  }

  /** A missing value printed on its own is an error naming it (Go prints `<no value>`). */
  private printable(v: unknown, p: Pipeline): unknown {
    if (v !== MISSING) return v;
    const name = pipelineName(p);
    const parts = name.replace(/^[.$]+/, '').split(/[.[]/);
    // `--var` sets top-level strings only: suggested just for a top-level name
    throw templateError(
      p.commands[p.commands.length - 1].args[0].pos,
      `variable ${name} is not set`,
      parts.length === 1 && parts[0] !== ''
        ? `give it in --iqldata, a <<<json ... >>> block or --var ${parts[0]}=...`
        : `give it in a JSON data file (--iqldata vars.json) or a <<<json ... >>> block (--var sets top-level strings only)`,
    );
  }

  private conditional(
    node: Extract<TemplateNode, { kind: 'if' | 'with' }>,
    dot: unknown,
    out: string[],
  ): void {
    const mark = this.vars.length;
    try {
      for (const b of node.branches) {
        const v = this.pipeline(b.cond, dot);
        if (truth(v)) {
          this.run(b.body, node.kind === 'with' ? v : dot, out);
          return;
        }
      }
      this.run(node.otherwise, dot, out);
    } finally {
      this.vars.length = mark;
    }
  }

  private range(node: Extract<TemplateNode, { kind: 'range' }>, dot: unknown, out: string[]): void {
    const mark = this.vars.length;
    try {
      const value = present(this.pipeline(node.pipeline, dot, true));
      const names = node.pipeline.decl?.names ?? [];
      let items: Array<[unknown, unknown]>;
      if (Array.isArray(value)) items = value.map((x, i) => [i, x]);
      else if (isObject(value)) items = sortedKeys(value).map((k) => [k, value[k]]);
      else if (value === null) items = [];
      else if (isInt(value) && value >= 0) {
        if (names.length > 1)
          throw templateError(
            node.pipeline.pos,
            `can't use $${names[0]}, $${names[1]} to iterate over an integer`,
          );
        this.iterate(value, node.pipeline.pos); // before the list is built
        items = Array.from({ length: value }, (_, i) => [i, i]);
      } else {
        // the type and the path, never the value: data may hold keys and passwords
        const name = pipelineName(node.pipeline) || 'the value';
        throw templateError(node.pipeline.pos, `range can't iterate over ${name} (a ${goTypeName(value)})`);
      }
      if (items.length === 0) {
        this.run(node.otherwise, dot, out);
        return;
      }
      if (!isInt(value)) this.iterate(items.length, node.pipeline.pos);
      this.at = node.pipeline.pos;
      const base = this.vars.length;
      for (const [key, item] of items) {
        if (names.length === 2)
          this.vars.push({ name: names[0], value: key }, { name: names[1], value: item });
        else if (names.length === 1) this.vars.push({ name: names[0], value: item });
        try {
          this.run(node.body, item, out);
        } catch (err) {
          if (!(err instanceof LoopControl)) throw err;
          if (err.kind === 'break') break;
        } finally {
          this.vars.length = base;
        }
      }
    } finally {
      this.vars.length = mark;
    }
  }

  /** A pipeline's value; a declaration binds it (a range's declares its loop variables instead). */
  private pipeline(p: Pipeline, dot: unknown, isRange = false): unknown {
    let value: unknown;
    let piped = false;
    for (const cmd of p.commands) {
      value = this.command(cmd, dot, piped ? [value] : []);
      piped = true;
    }
    if (p.decl && !isRange) {
      const name = p.decl.names[0];
      if (p.decl.assign) this.assign(name, value, p.pos);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private assign(name: string, value: unknown, pos: TemplatePos): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    throw templateError(pos, `variable $${name} is not defined`);
  }

  private command(cmd: Command, dot: unknown, piped: unknown[]): unknown {
    const [head, ...rest] = cmd.args;
    if (head.kind === 'func') return this.call(head.name, head.pos, rest, dot, piped);
    if (rest.length > 0 || piped.length > 0) {
      const what = head.kind === 'path' ? head.text : head.kind === 'literal' ? String(head.value) : '(...)';
      throw templateError(cmd.pos, `can't give argument to non-function ${what}`);
    }
    return this.operand(head, dot);
  }

  private call(
    name: string,
    pos: TemplatePos,
    args: readonly Operand[],
    dot: unknown,
    piped: unknown[],
  ): unknown {
    const fn = TEMPLATE_FUNCS[name];
    const count = args.length + piped.length;
    const max = fn.max === undefined ? fn.min : fn.max;
    if (count < fn.min || (max >= 0 && count > max)) {
      const want = fn.max === undefined ? `${fn.min}` : `at least ${fn.min}`;
      throw templateError(pos, `wrong number of args for ${name}: want ${want} got ${count}`);
    }
    const arg = (a: Operand) => present(this.operand(a, dot));
    try {
      if (fn.lazy) {
        // and/or: evaluate until the result is decided; a piped value comes last and is already known.
        const values: unknown[] = [];
        for (const a of args) {
          const v = arg(a);
          values.push(v);
          if (truth(v) !== (name === 'and')) return v;
        }
        return fn.call([...values, ...piped.map(present)]);
      }
      const result = fn.call([...args.map(arg), ...piped.map(present)]);
      if (typeof result === 'string' && result.length > MAX_TEMPLATE_OUTPUT)
        throw new TemplateLimitError(`its result passes ${MAX_TEMPLATE_OUTPUT} characters`);
      return result;
    } catch (err) {
      if (err instanceof FuncError || err instanceof TemplateLimitError)
        throw templateError(
          pos,
          `error calling ${name}: ${err.message}`,
          err instanceof FuncError ? err.hint : undefined,
        );
      throw err;
    }
  }

  private operand(a: Operand, dot: unknown): unknown {
    switch (a.kind) {
      case 'literal':
        return a.value;
      case 'func':
        return this.call(a.name, a.pos, [], dot, []);
      case 'sub': {
        const v = this.pipeline(a.pipeline, dot);
        return a.steps.length === 0 ? v : walk(v, a.steps);
      }
      case 'path':
        return this.lookup(a, dot);
    }
  }

  private lookup(expr: PathExpr, dot: unknown): unknown {
    if (expr.from === 'var') {
      for (let i = this.vars.length - 1; i >= 0; i--)
        if (this.vars[i].name === expr.name) return walk(this.vars[i].value, expr.steps);
      throw templateError(expr.pos, `variable $${expr.name} is not defined`);
    }
    if (expr.from === 'root') return walk(this.root, expr.steps);
    if (expr.from === 'dot') return walk(dot, expr.steps);
    const fromDot = walk(dot, expr.steps);
    return fromDot !== MISSING || dot === this.root ? fromDot : walk(this.root, expr.steps);
  }
}

/**
 * Renders `source` with `data` as the root (and initial dot), in Go's text/template language (see
 * template-parse.ts for the syntax and template-funcs.ts for the functions). skyql's differences:
 * `{{ name }}` and `.list[0]` paths work (the provider docs and StackQL's SHOW INSERT use them), a
 * value that is not set is an error naming it rather than `<no value>`, lists and maps print as
 * compact JSON and numbers as written. Errors are TEMPLATE_ERROR with the position.
 */
export function renderTemplate(source: string, data: TemplateValue): string {
  const out: string[] = [];
  const renderer = new Renderer(data);
  try {
    renderer.run(parseTemplate(source), data, out);
  } catch (err) {
    if (err instanceof LoopControl) throw new SkyqlError('INTERNAL', `{{ ${err.kind} }} outside {{ range }}`);
    throw err;
  }
  return out.join('');
}
