import type { Loc } from './ast.js';
import { runtimeError } from './runtime.js';
import { cpCompare } from './strings.js';
import { type Env, type FieldDef, hooks, type JObject, type Scope, Thunk, type Value } from './values.js';

/**
 * Object semantics: field lookup through the layers (`self.f` from the top, `super.f` from below
 * the defining layer), `+:` fields, visibility, and asserts (run once, before the first field of
 * the object is read or it is output).
 */

/** The scope of `scope`'s fields with `self` = obj, `super` = layers below `layer`, and its locals. */
export function envFor(obj: JObject, layer: number, scope: Scope): Env {
  let byScope = obj.envs[layer];
  if (!byScope) {
    byScope = new Map();
    obj.envs[layer] = byScope;
  }
  let env = byScope.get(scope);
  if (env) return env;
  env = Object.create(scope.env) as Env;
  const self = Thunk.of(obj);
  env.self = self;
  env.super = Thunk.of(layer);
  if (scope.outermost) env.$ = self;
  for (const b of scope.locals) env[b.name] = new Thunk(b.body, env);
  byScope.set(scope, env);
  return env;
}

function evalField(obj: JObject, layer: number, f: FieldDef, name: string, loc: Loc): Value {
  const v = f.value
    ? f.value.get()
    : hooks.evaluate(f.body as NonNullable<FieldDef['body']>, envFor(obj, layer, f.scope as Scope));
  if (!f.plus) return v;
  const below = lookupFrom(obj, name, layer, loc);
  return below === undefined ? v : hooks.plus(below, v, loc);
}

/** The field as seen from layer `top` down (`top` = layers.length for self), or undefined. */
export function lookupFrom(obj: JObject, name: string, top: number, loc: Loc): Value | undefined {
  for (let i = top - 1; i >= 0; i--) {
    const f = obj.layers[i].fields.get(name);
    if (f) return evalField(obj, i, f, name, loc);
  }
  return undefined;
}

/** `obj.name` / `obj[name]`. */
export function getField(obj: JObject, name: string, loc: Loc): Value {
  const cached = obj.cache.get(name);
  if (cached !== undefined) return cached;
  checkAsserts(obj);
  const v = lookupFrom(obj, name, obj.layers.length, loc);
  if (v === undefined) throw runtimeError(`field does not exist: ${name}`, loc);
  obj.cache.set(name, v);
  return v;
}

/** Whether some layer below `top` defines the field. */
export function hasFieldBelow(obj: JObject, name: string, top: number): boolean {
  for (let i = top - 1; i >= 0; i--) if (obj.layers[i].fields.has(name)) return true;
  return false;
}

export function hasField(obj: JObject, name: string, includeHidden: boolean): boolean {
  const vis = obj.visibility().get(name);
  return vis !== undefined && (includeHidden || vis);
}

/** Field names in jsonnet's order (by code point). */
export function fieldNames(obj: JObject, includeHidden: boolean): string[] {
  const out: string[] = [];
  for (const [name, vis] of obj.visibility()) if (includeHidden || vis) out.push(name);
  return out.sort(cpCompare);
}

/** Runs every layer's asserts once (self = the whole object). */
export function checkAsserts(obj: JObject): void {
  if (obj.assertState !== 0) return;
  obj.assertState = 1;
  try {
    for (let i = 0; i < obj.layers.length; i++) {
      for (const { assert, scope } of obj.layers[i].asserts) {
        const env = envFor(obj, i, scope);
        const ok = hooks.evaluate(assert.cond, env);
        if (ok === true) continue;
        if (typeof ok !== 'boolean') throw runtimeError(`assertion condition was not a boolean`, assert.loc);
        let msg = 'Object assertion failed.';
        if (assert.msg) {
          const m = hooks.evaluate(assert.msg, env);
          msg = typeof m === 'string' ? m : hooks.toString(m, assert.loc);
        }
        throw runtimeError(msg, assert.loc);
      }
    }
    obj.assertState = 2;
  } catch (err) {
    obj.assertState = 0;
    throw err;
  }
}
