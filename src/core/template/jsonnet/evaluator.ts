import type { Assert, CompSpec, Loc, Node, NodeOf } from './ast.js';
import { compareValues, equalValues } from './compare.js';
import { manifestJson } from './manifest.js';
import { checkAsserts, getField, hasField, hasFieldBelow, lookupFrom } from './objects.js';
import { depth, limits, MAX_DEPTH, runtimeError, stack, stackOverflow } from './runtime.js';
import { cpChars, cpLength, hasSurrogates } from './strings.js';
import {
  type Env,
  type FieldDef,
  hooks,
  JFunction,
  JObject,
  type Layer,
  type Scope,
  Thunk,
  typeOf,
  type Value,
} from './values.js';

/**
 * The tree-walking evaluator. `evaluate` loops instead of recursing for the expressions whose value
 * is the value of a sub-expression (`local`, `if`, `assert` and every function call), so JS stack
 * stays flat. As in jsonnet, only `tailstrict` calls are free: other calls, and all other nesting,
 * count against MAX_DEPTH and end as "max stack frames exceeded.".
 */

/** How files are imported (see imports.ts); set per evaluation. */
export interface Importer {
  importCode(path: string, from: Loc): Value;
  importString(path: string, from: Loc): string;
  importBytes(path: string, from: Loc): number[];
}

/** The evaluation in progress: its importer, and the standard library (for `%`, which is std.mod). */
export const context: { importer: Importer | null; std: JObject | null } = { importer: null, std: null };

const NULL_LIT: Node = { k: 'lit', v: null, loc: { file: '', line: 0, col: 0 } };

export function evaluate(nodeIn: Node, envIn: Env): Value {
  let node = nodeIn;
  let env = envIn;
  let tailFrames = 0;
  if (stack.length + depth.tail >= MAX_DEPTH) throw stackOverflow(node.loc);
  stack.push(node.loc);
  try {
    while (true) {
      switch (node.k) {
        case 'lit':
          return node.v;
        case 'var': {
          const t = env[node.name];
          if (t === undefined) throw runtimeError(`Unknown variable: ${node.name}`, node.loc);
          return t.get();
        }
        case 'self':
          return env.self.get();
        case 'dollar':
          return env.$.get();
        case 'local': {
          const e = Object.create(env) as Env;
          for (const b of node.binds) e[b.name] = thunkFor(b.body, e);
          env = e;
          node = node.body;
          continue;
        }
        case 'if': {
          const c = evaluate(node.cond, env);
          if (typeof c !== 'boolean')
            throw runtimeError(`Condition must be boolean, got ${typeOf(c)}.`, node.cond.loc);
          node = c ? node.then : (node.else ?? NULL_LIT);
          continue;
        }
        case 'assert':
          runAssert(node.assert, env);
          node = node.rest;
          continue;
        case 'apply': {
          const f = evaluate(node.fn, env);
          if (!(f instanceof JFunction))
            throw runtimeError(`only functions can be called, got ${typeOf(f)}`, node.loc);
          const strict = node.tailstrict;
          const args = node.args.map((a) => (strict ? Thunk.of(evaluate(a, env)) : thunkFor(a, env)));
          const named = node.named.map((b) => ({
            name: b.name,
            value: strict ? Thunk.of(evaluate(b.body, env)) : thunkFor(b.body, env),
          }));
          stack[stack.length - 1] = node.loc;
          if (f.native) return f.native(bindNative(f, args, named, node.loc), node.loc);
          if (strict) {
            if (++depth.tailstrict > limits.tailstrict)
              throw runtimeError(
                `more than ${limits.tailstrict} tailstrict calls: runaway recursion?`,
                node.loc,
              );
          } else {
            tailFrames++;
            if (stack.length + ++depth.tail >= MAX_DEPTH) throw stackOverflow(node.loc);
          }
          env = bindArgs(f, args, named, node.loc);
          node = f.body as Node;
          continue;
        }
        default:
          return evalOther(node, env);
      }
    }
  } catch (err) {
    // Node's own stack ran out first: report it like the depth limit, at the deepest position.
    if (err instanceof RangeError) throw stackOverflow(node.loc);
    throw err;
  } finally {
    stack.pop();
    depth.tail -= tailFrames;
  }
}

/** A thunk for `node` in `env`; literals and variables need no new closure. */
export function thunkFor(node: Node, env: Env): Thunk {
  if (node.k === 'lit') return Thunk.of(node.v);
  if (node.k === 'var') {
    const t = env[node.name];
    if (t !== undefined) return t;
  }
  return new Thunk(node, env);
}

function runAssert(a: Assert, env: Env): void {
  const ok = evaluate(a.cond, env);
  if (ok === true) return;
  if (typeof ok !== 'boolean') throw runtimeError('assertion condition was not a boolean', a.loc);
  let msg = 'Assertion failed.';
  if (a.msg) msg = toStringValue(evaluate(a.msg, env), a.loc);
  throw runtimeError(msg, a.loc);
}

function evalOther(node: Node, env: Env): Value {
  switch (node.k) {
    case 'array':
      return node.elems.map((e) => thunkFor(e, env));
    case 'object':
      return buildObject(node, env);
    case 'objcomp':
      return buildComprehensionObject(node, env);
    case 'arrcomp': {
      const out: Thunk[] = [];
      const body = node.body;
      forEachSpec(node.specs, 0, env, (e) => out.push(thunkFor(body, e)));
      return out;
    }
    case 'function':
      return new JFunction('anonymous', node.params, node.body, env);
    case 'index':
      return indexValue(evaluate(node.target, env), evaluate(node.index, env), node.loc);
    case 'superIndex': {
      const name = evaluate(node.index, env);
      const self = env.self.get() as JObject;
      const top = env.super.get() as number;
      if (typeof name !== 'string')
        throw runtimeError(`super index must be string, got ${typeOf(name)}.`, node.loc);
      const v = lookupFrom(self, name, top, node.loc);
      if (v === undefined) throw runtimeError(`field does not exist: ${name}`, node.loc);
      return v;
    }
    case 'inSuper': {
      const name = evaluate(node.key, env);
      if (typeof name !== 'string')
        throw runtimeError(
          `the left hand side of the 'in' operator should be a string,  got ${typeOf(name)}`,
          node.loc,
        );
      return hasFieldBelow(env.self.get() as JObject, name, env.super.get() as number);
    }
    case 'binary':
      return binary(node, env);
    case 'unary':
      return unary(node.op, evaluate(node.expr, env), node.loc);
    case 'error': {
      const v = evaluate(node.expr, env);
      throw runtimeError(toStringValue(v, node.loc), node.loc);
    }
    case 'import': {
      const imp = context.importer;
      if (!imp) throw runtimeError('imports are not available here', node.loc);
      if (node.kind === 'import') return imp.importCode(node.path, node.loc);
      if (node.kind === 'importstr') return imp.importString(node.path, node.loc);
      return imp.importBytes(node.path, node.loc).map((b) => Thunk.of(b));
    }
    default:
      return evaluate(node, env);
  }
}

/** Calls a function value with already-made argument thunks (for builtins such as std.makeArray). */
export function callFunction(f: Value, args: Thunk[], loc: Loc, named: readonly NamedArg[] = []): Value {
  if (!(f instanceof JFunction)) throw runtimeError(`only functions can be called, got ${typeOf(f)}`, loc);
  if (f.native) return f.native(bindNative(f, args, named, loc), loc);
  return evaluate(f.body as Node, bindArgs(f, args, named, loc));
}

interface NamedArg {
  readonly name: string;
  readonly value: Thunk;
}

function bindArgs(f: JFunction, args: Thunk[], named: readonly NamedArg[], loc: Loc): Env {
  const params = f.params;
  if (args.length > params.length)
    throw runtimeError(`too many args, function has ${params.length} parameter(s)`, loc);
  const env = Object.create(f.env) as Env;
  for (let i = 0; i < args.length; i++) env[params[i].name] = args[i];
  for (const a of named) {
    const idx = params.findIndex((p) => p.name === a.name);
    if (idx < 0) throw runtimeError(`function has no parameter ${a.name}`, loc);
    if (Object.hasOwn(env, a.name)) throw runtimeError(`binding parameter a second time: ${a.name}`, loc);
    env[a.name] = a.value;
  }
  if (args.length + named.length < params.length) {
    for (const p of params) {
      if (Object.hasOwn(env, p.name)) continue;
      if (p.def === null) throw runtimeError(`function parameter ${p.name} not bound in call.`, loc);
      env[p.name] = thunkFor(p.def, env);
    }
  }
  return env;
}

/** Positional thunks for a builtin, named arguments put in their place. */
function bindNative(f: JFunction, args: Thunk[], named: readonly NamedArg[], loc: Loc): Thunk[] {
  const params = f.params;
  if (args.length > params.length)
    throw runtimeError(`too many args, function has ${params.length} parameter(s)`, loc);
  if (named.length === 0 && args.length === params.length) return args;
  const out: (Thunk | undefined)[] = [...args];
  for (const a of named) {
    const idx = params.findIndex((p) => p.name === a.name);
    if (idx < 0) throw runtimeError(`function has no parameter ${a.name}`, loc);
    if (out[idx] !== undefined) throw runtimeError(`binding parameter a second time: ${a.name}`, loc);
    out[idx] = a.value;
  }
  for (let i = 0; i < params.length; i++) {
    if (out[i] !== undefined) continue;
    const def = params[i].def;
    if (def?.k !== 'lit') throw runtimeError(`function parameter ${params[i].name} not bound in call.`, loc);
    out[i] = Thunk.of(def.v);
  }
  return out as Thunk[];
}

function scopeOf(env: Env, locals: Scope['locals']): Scope {
  return { env, locals, outermost: env.$ === undefined };
}

function buildObject(node: NodeOf<'object'>, env: Env): JObject {
  const scope = scopeOf(env, node.locals);
  const fields = new Map<string, FieldDef>();
  for (const f of node.fields) {
    let name: Value;
    if (f.name.k === 'lit') {
      name = f.name.v;
      if (name === null) continue;
    } else {
      name = evaluate(f.name, env);
      if (name === null) continue;
      if (typeof name !== 'string')
        throw runtimeError(`field name must be string, got ${typeOf(name)}`, f.loc);
      if (fields.has(name)) throw runtimeError(`duplicate field name: "${name}"`, f.loc);
    }
    fields.set(name as string, { hide: f.hide, plus: f.plus, body: f.body, scope, value: null });
  }
  const layer: Layer = { fields, asserts: node.asserts.map((assert) => ({ assert, scope })) };
  return new JObject([layer]);
}

function buildComprehensionObject(node: NodeOf<'objcomp'>, env: Env): JObject {
  const fields = new Map<string, FieldDef>();
  const outermost = env.$ === undefined;
  forEachSpec(node.specs, 0, env, (e) => {
    const name = evaluate(node.key, e);
    if (name === null) return;
    if (typeof name !== 'string') throw runtimeError(`field must be string, got: ${typeOf(name)}`, node.loc);
    if (fields.has(name)) throw runtimeError(`duplicate field name: "${name}"`, node.loc);
    const scope: Scope = { env: e, locals: node.locals, outermost };
    fields.set(name, { hide: 'inherit', plus: node.plus, body: node.value, scope, value: null });
  });
  return new JObject([{ fields, asserts: [] }]);
}

function forEachSpec(specs: readonly CompSpec[], i: number, env: Env, emit: (env: Env) => void): void {
  if (i === specs.length) {
    emit(env);
    return;
  }
  const spec = specs[i];
  if (spec.k === 'if') {
    const c = evaluate(spec.cond, env);
    if (typeof c !== 'boolean')
      throw runtimeError(`Condition must be boolean, got ${typeOf(c)}.`, spec.cond.loc);
    if (c) forEachSpec(specs, i + 1, env, emit);
    return;
  }
  const arr = evaluate(spec.expr, env);
  if (!Array.isArray(arr))
    throw runtimeError('In comprehension, can only iterate over array.', spec.expr.loc);
  for (const t of arr) {
    const e = Object.create(env) as Env;
    e[spec.name] = t;
    forEachSpec(specs, i + 1, e, emit);
  }
}

/** `target[index]` for objects, arrays and strings. */
export function indexValue(target: Value, index: Value, loc: Loc): Value {
  if (target instanceof JObject) {
    if (typeof index !== 'string')
      throw runtimeError(`attempted index an object with ${typeOf(index)}.`, loc);
    return getField(target, index, loc);
  }
  if (Array.isArray(target)) {
    if (typeof index !== 'number')
      throw runtimeError(
        typeof index === 'string'
          ? `attempted index an array with string ${JSON.stringify(index)}.`
          : `attempted index an array with ${typeOf(index)}.`,
        loc,
      );
    if (!Number.isInteger(index)) throw runtimeError(`array index was not integer: ${index}`, loc);
    if (index < 0 || index >= target.length)
      throw runtimeError(`array bounds error: ${formatG6(index)} not within [0, ${target.length})`, loc);
    return target[index].get();
  }
  if (typeof target === 'string') {
    if (typeof index !== 'number') throw runtimeError(`attempted index a string with ${typeOf(index)}.`, loc);
    if (!Number.isInteger(index)) throw runtimeError(`string index was not integer: ${index}`, loc);
    if (!hasSurrogates(target)) {
      if (index < 0 || index >= target.length)
        throw runtimeError(`string bounds error: ${index} not within [0, ${target.length})`, loc);
      return target[index];
    }
    const chars = cpChars(target);
    if (index < 0 || index >= chars.length)
      throw runtimeError(`string bounds error: ${index} not within [0, ${chars.length})`, loc);
    return chars[index];
  }
  throw runtimeError(`attempted index a ${typeOf(target)} with ${typeOf(index)}.`, loc);
}

/** C's `%g` (6 significant digits), which jsonnet uses in a few messages. */
function formatG6(v: number): string {
  if (Math.abs(v) < 1e6) return String(v);
  const [m, e] = v.toExponential(5).split('e');
  return `${m.replace(/0+$/, '').replace(/\.$/, '')}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** std.toString. */
export function toStringValue(v: Value, loc: Loc): string {
  return typeof v === 'string' ? v : manifestJson(v, false, '', loc);
}

function checkNumber(v: number, loc: Loc): number {
  if (Number.isNaN(v)) throw runtimeError('not a number', loc);
  if (!Number.isFinite(v)) throw runtimeError('overflow', loc);
  return v;
}

export function plus(a: Value, b: Value, loc: Loc): Value {
  if (typeof a === 'string' || typeof b === 'string') return toStringValue(a, loc) + toStringValue(b, loc);
  if (typeof a === 'number' && typeof b === 'number') return checkNumber(a + b, loc);
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  if (a instanceof JObject && b instanceof JObject) return new JObject([...a.layers, ...b.layers]);
  return mismatch('+', a, b, loc);
}

function mismatch(op: string, a: Value, b: Value, loc: Loc): never {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb)
    throw runtimeError(`binary operator ${op} requires matching types, got ${ta} and ${tb}.`, loc);
  throw runtimeError(`binary operator ${op} does not operate on ${ta === 'null' ? 'null' : `${ta}s`}.`, loc);
}

function toInt64(v: number): bigint {
  if (!Number.isFinite(v)) throw runtimeError('overflow', stack[stack.length - 1] ?? null);
  return BigInt.asIntN(64, BigInt(Math.trunc(v)));
}

function binary(node: NodeOf<'binary'>, env: Env): Value {
  const op = node.op;
  const loc = node.loc;
  const a = evaluate(node.left, env);
  if (op === '&&' || op === '||') {
    if (typeof a !== 'boolean') {
      const b = evaluate(node.right, env);
      return mismatch(op, a, b, loc);
    }
    if (op === '&&' ? !a : a) return a;
    const b = evaluate(node.right, env);
    if (typeof b !== 'boolean') return mismatch(op, a, b, loc);
    return b;
  }
  const b = evaluate(node.right, env);
  switch (op) {
    case '+':
      return plus(a, b, loc);
    case '==':
      return equalValues(a, b, loc);
    case '!=':
      return !equalValues(a, b, loc);
    case 'in':
      if (typeof a !== 'string')
        throw runtimeError(
          `the left hand side of the 'in' operator should be a string,  got ${typeOf(a)}`,
          loc,
        );
      if (!(b instanceof JObject))
        throw runtimeError(
          `the right hand side of the 'in' operator should be an object, got ${typeOf(b)}`,
          loc,
        );
      return hasField(b, a, true);
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw runtimeError('division by zero.', loc);
        return checkNumber(a % b, loc);
      }
      return callFunction(getField(context.std as JObject, 'mod', loc), [Thunk.of(a), Thunk.of(b)], loc);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeOf(a) !== typeOf(b) || !(typeof a === 'number' || typeof a === 'string' || Array.isArray(a)))
        return mismatch(op, a, b, loc);
      const c = compareValues(a, b, loc);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
  if (typeof a !== 'number' || typeof b !== 'number') return mismatch(op, a, b, loc);
  switch (op) {
    case '-':
      return checkNumber(a - b, loc);
    case '*':
      return checkNumber(a * b, loc);
    case '/':
      if (b === 0) throw runtimeError('division by zero.', loc);
      return checkNumber(a / b, loc);
    case '<<':
    case '>>': {
      if (b < 0) throw runtimeError('shift by negative exponent.', loc);
      const sh = toInt64(b) % 64n;
      return Number(op === '<<' ? BigInt.asIntN(64, toInt64(a) << sh) : toInt64(a) >> sh);
    }
    case '&':
      return Number(toInt64(a) & toInt64(b));
    case '^':
      return Number(toInt64(a) ^ toInt64(b));
    case '|':
      return Number(toInt64(a) | toInt64(b));
  }
  return mismatch(op, a, b, loc);
}

function unary(op: string, v: Value, loc: Loc): Value {
  switch (op) {
    case '-':
      if (typeof v === 'number') return -v;
      break;
    case '+':
      if (typeof v === 'number') return v;
      break;
    case '!':
      if (typeof v === 'boolean') return !v;
      break;
    case '~':
      if (typeof v === 'number') return Number(~toInt64(v));
      break;
  }
  throw runtimeError(`unary operator ${op} does not operate on type ${typeOf(v)}`, loc);
}

/** Length in jsonnet's sense (code points for strings, visible fields for objects). */
export function lengthOf(v: Value, loc: Loc): number {
  if (typeof v === 'string') return cpLength(v);
  if (Array.isArray(v)) return v.length;
  if (v instanceof JObject) {
    let n = 0;
    for (const vis of v.visibility().values()) if (vis) n++;
    return n;
  }
  if (v instanceof JFunction) return v.params.length;
  throw runtimeError(`length operates on strings, objects, and arrays, got ${typeOf(v)}`, loc);
}

export { checkAsserts };

hooks.evaluate = evaluate;
hooks.plus = plus;
hooks.toString = toStringValue;
