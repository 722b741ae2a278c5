import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuiltinContext, builtinLayer } from './builtins.js';
import { STD_FILE } from './errors.js';
import { evaluate } from './evaluator.js';
import { lookupFrom } from './objects.js';
import { parseJsonnet, STD_VAR } from './parser.js';
import { staticCheck } from './static-check.js';
import { type Env, JObject, Thunk } from './values.js';

/**
 * The standard library: jsonnet's own std.jsonnet (vendored in third_party/jsonnet/, Apache-2.0)
 * evaluated once per process, with the native builtins (builtins.ts) layered over it. Each file
 * sees it extended by `thisFile`.
 */

/** Where third_party/jsonnet/std.jsonnet is: the first ancestor of this module that holds it. */
export function stdPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (true) {
    const p = join(dir, 'third_party', 'jsonnet', 'std.jsonnet');
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) throw new Error('third_party/jsonnet/std.jsonnet not found next to skyql');
    dir = up;
  }
}

/** The builtins' view of the evaluation in progress (ext vars, trace output), set per evaluation. */
export const current: Pick<BuiltinContext, 'extVar' | 'trace'> = {
  extVar: () => null,
  trace: () => {},
};

let loaded: { std: JObject; root: Env } | null = null;

/** The std object and the environment std.jsonnet's functions close over, built on first use. */
export function loadStd(): { std: JObject; root: Env } {
  if (loaded) return loaded;
  const ast = parseJsonnet(STD_FILE, readFileSync(stdPath(), 'utf8'));
  staticCheck(ast, ['std', STD_VAR]);
  const root = Object.create(null) as Env;
  let std: JObject | null = null;
  const self = Thunk.lazy(() => std);
  root.std = self;
  root[STD_VAR] = self;
  const base = evaluate(ast, root) as JObject;
  std = new JObject([
    ...base.layers,
    builtinLayer({
      extVar: (n, l) => current.extVar(n, l),
      trace: (m, l) => current.trace(m, l),
      // std.jsonnet's functions see std as `self` (its `local std = self`): look below the builtins.
      jsonnetVersion: (n, l) => lookupFrom(std as JObject, n, base.layers.length, l) ?? null,
    }),
  ]);
  loaded = { std, root };
  return loaded;
}

/** The top-level environment of one file: `std` with `std.thisFile` = file. */
export function fileEnv(file: string): Env {
  const { std, root } = loadStd();
  const env = Object.create(root) as Env;
  const fields = new Map([
    ['thisFile', { hide: 'hidden' as const, plus: false, body: null, scope: null, value: Thunk.of(file) }],
  ]);
  const own = Thunk.of(new JObject([...std.layers, { fields, asserts: [] }]));
  env.std = own;
  env[STD_VAR] = own;
  return env;
}
