import type { CompSpec, Node } from './ast.js';
import { staticError } from './errors.js';

/** Names in scope (prototype chain of parent scopes) and whether self/super are available. */
interface Ctx {
  readonly names: Record<string, true>;
  readonly inObject: boolean;
}

function withNames(ctx: Ctx, names: readonly string[], inObject = ctx.inObject): Ctx {
  const n = Object.create(ctx.names) as Record<string, true>;
  for (const name of names) n[name] = true;
  return { names: n, inObject };
}

/**
 * jsonnet's static analysis, run before evaluation: every variable must be bound, and self, super
 * and `$` may only appear inside an object. `globals` are the names bound outside the file (std).
 */
export function staticCheck(node: Node, globals: readonly string[]): void {
  check(node, withNames({ names: Object.create(null) as Record<string, true>, inObject: false }, globals));
}

function checkSpecs(specs: readonly CompSpec[], ctx: Ctx): Ctx {
  let c = ctx;
  for (const s of specs) {
    if (s.k === 'for') {
      check(s.expr, c);
      c = withNames(c, [s.name]);
    } else check(s.cond, c);
  }
  return c;
}

function check(node: Node, ctx: Ctx): void {
  switch (node.k) {
    case 'lit':
    case 'import':
      return;
    case 'var':
      if (!(node.name in ctx.names)) throw staticError(`Unknown variable: ${node.name}`, node.loc);
      return;
    case 'self':
      if (!ctx.inObject) throw staticError("Can't use self outside of an object.", node.loc);
      return;
    case 'dollar':
      if (!ctx.inObject) throw staticError("Can't use $ outside of an object.", node.loc);
      return;
    case 'superIndex':
      if (!ctx.inObject) throw staticError("Can't use super outside of an object.", node.loc);
      check(node.index, ctx);
      return;
    case 'inSuper':
      if (!ctx.inObject) throw staticError("Can't use super outside of an object.", node.loc);
      check(node.key, ctx);
      return;
    case 'array':
      for (const e of node.elems) check(e, ctx);
      return;
    case 'object': {
      for (const f of node.fields) if (f.name.k !== 'lit') check(f.name, ctx);
      const inner = withNames(
        ctx,
        node.locals.map((b) => b.name),
        true,
      );
      for (const b of node.locals) check(b.body, inner);
      for (const f of node.fields) check(f.body, inner);
      for (const a of node.asserts) {
        check(a.cond, inner);
        if (a.msg) check(a.msg, inner);
      }
      return;
    }
    case 'objcomp': {
      const c = checkSpecs(node.specs, ctx);
      check(node.key, c);
      const inner = withNames(
        c,
        node.locals.map((b) => b.name),
        true,
      );
      for (const b of node.locals) check(b.body, inner);
      check(node.value, inner);
      return;
    }
    case 'arrcomp':
      check(node.body, checkSpecs(node.specs, ctx));
      return;
    case 'index':
      check(node.target, ctx);
      check(node.index, ctx);
      return;
    case 'apply':
      check(node.fn, ctx);
      for (const a of node.args) check(a, ctx);
      for (const b of node.named) check(b.body, ctx);
      return;
    case 'function': {
      const inner = withNames(
        ctx,
        node.params.map((p) => p.name),
      );
      for (const p of node.params) if (p.def) check(p.def, inner);
      check(node.body, inner);
      return;
    }
    case 'local': {
      const inner = withNames(
        ctx,
        node.binds.map((b) => b.name),
      );
      for (const b of node.binds) check(b.body, inner);
      check(node.body, inner);
      return;
    }
    case 'if':
      check(node.cond, ctx);
      check(node.then, ctx);
      if (node.else) check(node.else, ctx);
      return;
    case 'binary':
      check(node.left, ctx);
      check(node.right, ctx);
      return;
    case 'unary':
    case 'error':
      check(node.expr, ctx);
      return;
    case 'assert':
      check(node.assert.cond, ctx);
      if (node.assert.msg) check(node.assert.msg, ctx);
      check(node.rest, ctx);
      return;
  }
}
