import type { PathExpr, TemplateExpr, TemplateNode } from './template-ast.js';
import { parseTemplate, templateError } from './template-parse.js';

/** Template data: what JSON decodes to. */
export type TemplateValue = unknown;

const MISSING = Symbol('missing');

function step(value: unknown, key: string | number): unknown {
  if (typeof key === 'number') return Array.isArray(value) && key < value.length ? value[key] : MISSING;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key))
    return (value as Record<string, unknown>)[key];
  return MISSING;
}

function walk(start: unknown, steps: readonly (string | number)[]): unknown {
  let v = start;
  for (const s of steps) {
    v = step(v, s);
    if (v === MISSING) return MISSING;
  }
  return v;
}

/** The dot, the root and the range variables in scope while rendering. */
interface Scope {
  readonly dot: unknown;
  readonly root: unknown;
  readonly vars: ReadonlyMap<string, unknown>;
}

function lookup(expr: PathExpr, { dot, root, vars }: Scope): unknown {
  if (expr.from === 'var') {
    if (!vars.has(expr.name ?? '')) throw templateError(expr.pos, `variable $${expr.name} is not defined`);
    return walk(vars.get(expr.name ?? ''), expr.steps);
  }
  if (expr.from === 'root') return walk(root, expr.steps);
  if (expr.from === 'dot') return walk(dot, expr.steps);
  const fromDot = walk(dot, expr.steps);
  return fromDot !== MISSING || dot === root ? fromDot : walk(root, expr.steps);
}

function evaluate(expr: TemplateExpr, scope: Scope): unknown {
  return expr.kind === 'literal' ? expr.value : lookup(expr, scope);
}

/** Go's truth: false, 0, "", nil, empty lists and maps (and missing values) are false. */
function truthy(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** How a value is written: strings as they are, lists and maps as compact JSON, nil as nothing. */
function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function entries(v: unknown): Array<[number | string, unknown]> {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (typeof v === 'object' && v !== null)
    return Object.keys(v)
      .sort()
      .map((k) => [k, (v as Record<string, unknown>)[k]]);
  return [];
}

function render(nodes: readonly TemplateNode[], scope: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out.push(node.text);
        break;
      case 'output': {
        const v = evaluate(node.expr, scope);
        if (v === MISSING && node.expr.kind === 'path') {
          const name = node.expr.text;
          const root = name.replace(/^[.$]+/, '').split(/[.[]/)[0];
          throw templateError(
            node.expr.pos,
            `variable ${name} is not set`,
            `give it in --iqldata, a <<<json ... >>> block or --var ${root}=...`,
          );
        }
        out.push(formatValue(v));
        break;
      }
      case 'if': {
        const branch = node.branches.find((b) => truthy(evaluate(b.cond, scope)));
        render(branch ? branch.body : node.otherwise, scope, out);
        break;
      }
      case 'with': {
        const v = evaluate(node.expr, scope);
        if (truthy(v)) render(node.body, { ...scope, dot: v }, out);
        else render(node.otherwise, scope, out);
        break;
      }
      case 'range': {
        const items = entries(evaluate(node.expr, scope));
        if (items.length === 0) render(node.otherwise, scope, out);
        for (const [key, item] of items) {
          const vars = new Map(scope.vars);
          if (node.indexVar) vars.set(node.indexVar, key);
          if (node.valueVar) vars.set(node.valueVar, item);
          render(node.body, { ...scope, dot: item, vars }, out);
        }
        break;
      }
    }
  }
}

/**
 * Renders `source` with `data` as the root (and initial dot): the Go text/template subset of
 * StackQL's templating — `{{ .a.b }}`, `{{ a.b }}` (the provider docs' style), `{{ .list[0].x }}`,
 * `{{ $.root }}`, `range` (with `$i, $v :=`), `with`, `if`/`else if`/`else`. A value that is not set
 * is a TEMPLATE_ERROR naming it.
 */
export function renderTemplate(source: string, data: TemplateValue): string {
  const out: string[] = [];
  render(parseTemplate(source), { dot: data, root: data, vars: new Map() }, out);
  return out.join('');
}
