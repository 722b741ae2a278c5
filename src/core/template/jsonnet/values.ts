import type { Assert, Bind, Loc, Node, Param, Visibility } from './ast.js';

/**
 * Run-time values. Jsonnet is lazy: array elements, object fields, locals and arguments are
 * {@link Thunk}s evaluated at most once, on first use. Objects are stacks of layers so that
 * `a + b` is cheap and `super` means "the layers below the one that defined this field".
 */
export type Value = null | boolean | number | string | Thunk[] | JObject | JFunction;

/** Variables in scope. A child scope is `Object.create(parent)`; `self`, `super` and `$` are keywords, so those keys never clash with a variable. */
export type Env = { [name: string]: Thunk };

/** Set by the evaluator (this module cannot import it: the evaluator imports this one). */
export const hooks: {
  evaluate: (node: Node, env: Env) => Value;
  /** Binary `+` (for `f+: e` fields). */
  plus: (a: Value, b: Value, loc: Loc) => Value;
  /** std.toString: a string as is, anything else as one-line JSON. */
  toString: (v: Value, loc: Loc) => string;
} = {
  evaluate: () => {
    throw new Error('jsonnet evaluator not loaded');
  },
  plus: () => {
    throw new Error('jsonnet evaluator not loaded');
  },
  toString: () => {
    throw new Error('jsonnet evaluator not loaded');
  },
};

export class Thunk {
  private v: Value | undefined;
  private node: Node | null;
  private env: Env | null;
  private fn: (() => Value) | null;

  constructor(node: Node | null, env: Env | null, fn: (() => Value) | null = null) {
    this.node = node;
    this.env = env;
    this.fn = fn;
    this.v = undefined;
  }

  static of(v: Value): Thunk {
    const t = new Thunk(null, null);
    t.v = v;
    return t;
  }

  static lazy(fn: () => Value): Thunk {
    return new Thunk(null, null, fn);
  }

  get(): Value {
    if (this.v !== undefined) return this.v;
    const v = this.fn ? this.fn() : hooks.evaluate(this.node as Node, this.env as Env);
    this.v = v;
    this.node = null;
    this.env = null;
    this.fn = null;
    return v;
  }
}

/** The variables an object literal (or one comprehension iteration) closes over. */
export interface Scope {
  readonly env: Env;
  readonly locals: readonly Bind[];
  /** The outermost object of a file binds `$`. */
  readonly outermost: boolean;
}

export interface FieldDef {
  readonly hide: Visibility;
  readonly plus: boolean;
  /** The field's expression and where it is evaluated, or `value` for natively built fields. */
  readonly body: Node | null;
  readonly scope: Scope | null;
  readonly value: Thunk | null;
}

export interface Layer {
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly asserts: readonly { readonly assert: Assert; readonly scope: Scope }[];
}

export class JObject {
  /** Field values looked up from the top (self.f), by name. */
  readonly cache = new Map<string, Value>();
  /** Scopes with `self`/`super` bound for this object, by layer and then by the literal's scope (a layer can appear twice: `A + A`). */
  readonly envs: (Map<Scope, Env> | undefined)[] = [];
  /** 0: asserts not run, 1: running, 2: passed. */
  assertState = 0;
  private visible: Map<string, boolean> | null = null;

  constructor(readonly layers: readonly Layer[]) {}

  /** Every field name with whether it is visible (the topmost `::` or `:::` decides; else visible). */
  visibility(): Map<string, boolean> {
    if (this.visible) return this.visible;
    const decided = new Map<string, boolean>();
    const seen = new Set<string>();
    for (let i = this.layers.length - 1; i >= 0; i--) {
      for (const [name, f] of this.layers[i].fields) {
        seen.add(name);
        if (!decided.has(name) && f.hide !== 'inherit') decided.set(name, f.hide === 'visible');
      }
    }
    const out = new Map<string, boolean>();
    for (const name of seen) out.set(name, decided.get(name) ?? true);
    this.visible = out;
    return out;
  }
}

/** A closure (`params`, `body`, `env`) or a native builtin (`native`). */
export class JFunction {
  constructor(
    readonly name: string,
    readonly params: readonly Param[],
    readonly body: Node | null,
    readonly env: Env | null,
    readonly native: ((args: Thunk[], loc: Loc) => Value) | null = null,
  ) {}
}

export function typeOf(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof JObject) return 'object';
  return 'function';
}
