import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MAX_TEMPLATE_OUTPUT } from '../template-limits.js';
import type { Loc } from './ast.js';
import { JsonnetError } from './errors.js';
import { callFunction, context, evaluate, type Importer } from './evaluator.js';
import { manifestJson, toJs } from './manifest.js';
import { parseJsonnet, STD_VAR } from './parser.js';
import { DEFAULT_MAX_TAILSTRICT_CALLS, limits, resetStack, runtimeError } from './runtime.js';
import { staticCheck } from './static-check.js';
import { current, fileEnv, loadStd } from './stdlib.js';
import { JFunction, Thunk, type Value } from './values.js';

export { JsonnetError };

/**
 * Evaluating a Jsonnet program: parse, static check, evaluate with `std`, ext vars and imports
 * relative to the importing file, then output as JSON text or JS values. Errors are JsonnetErrors
 * (a JS stack overflow becomes "max stack frames exceeded." too).
 */
export interface JsonnetOptions {
  /** The program's name in messages and std.thisFile. */
  readonly file: string;
  /** Line number of the program's first line (a block inside a larger script); default 1. */
  readonly firstLine?: number;
  /**
   * Folder that import paths are resolved against (default: the working folder). A file's imports
   * are named relative to the importing file's name, as jsonnet names them (`lib/a.libsonnet`).
   */
  readonly baseDir?: string;
  /** `std.extVar` values given as strings. */
  readonly extVars?: ReadonlyMap<string, string>;
  /** `std.extVar` values given as Jsonnet code. */
  readonly extCode?: ReadonlyMap<string, string>;
  /** Top-level arguments (strings) when the program is a function; it is called with none otherwise. */
  readonly tlaVars?: ReadonlyMap<string, string>;
  /** Top-level arguments given as Jsonnet code. */
  readonly tlaCode?: ReadonlyMap<string, string>;
  /** `tailstrict` calls allowed before the evaluation is stopped as runaway (default 10 million). */
  readonly maxTailstrictCalls?: number;
  /** Characters of JSON the value read by evaluateToJs may have (default MAX_TEMPLATE_OUTPUT, 64 MB). */
  readonly maxOutput?: number;
  /** Receives each std.trace line (`TRACE: file:line message`); default: ignored. */
  readonly trace?: (line: string) => void;
}

const TOP: Loc = { file: '<top>', line: 1, col: 1 };

class FileImporter implements Importer {
  private readonly code = new Map<string, Thunk>();
  private readonly text = new Map<string, string>();

  constructor(private readonly baseDir: string) {}

  /** The path as jsonnet names it (joined to the importing file's directory) and as read. */
  private find(path: string, from: Loc): { name: string; abs: string; content: string } {
    if (path === '')
      throw runtimeError(`couldn't open import "": the empty string is not a valid filename`, from);
    const dir = dirname(from.file);
    const name = isAbsolute(path) || dir === '.' ? path : join(dir, path);
    const abs = resolve(this.baseDir, name);
    const cached = this.text.get(abs);
    if (cached !== undefined) return { name, abs, content: cached };
    let content: string;
    try {
      content = readFileSync(abs, 'utf8');
    } catch {
      throw runtimeError(
        `couldn't open import ${JSON.stringify(path)}: no match locally or in the Jsonnet library paths.`,
        from,
      );
    }
    this.text.set(abs, content);
    return { name, abs, content };
  }

  importCode(path: string, from: Loc): Value {
    const { name, abs, content } = this.find(path, from);
    let t = this.code.get(abs);
    if (!t) {
      const ast = parseJsonnet(name, content);
      staticCheck(ast, ['std', STD_VAR]);
      t = new Thunk(ast, fileEnv(name));
      this.code.set(abs, t);
    }
    return t.get();
  }

  importString(path: string, from: Loc): string {
    return this.find(path, from).content;
  }

  importBytes(path: string, from: Loc): number[] {
    const { abs } = this.find(path, from);
    return [...readFileSync(abs)];
  }
}

/** A top-level function is called with the top-level arguments, by name. */
function callTopLevel(f: JFunction, opts: JsonnetOptions): Value {
  const named: { name: string; value: Thunk }[] = [];
  for (const [name, v] of opts.tlaVars ?? []) named.push({ name, value: Thunk.of(v) });
  for (const [name, code] of opts.tlaCode ?? [])
    named.push({ name, value: codeThunk(`<tla:${name}>`, code) });
  return callFunction(f, [], TOP, named);
}

function codeThunk(file: string, code: string): Thunk {
  const node = parseJsonnet(file, code);
  staticCheck(node, ['std', STD_VAR]);
  return new Thunk(node, fileEnv(file));
}

function run<T>(text: string, opts: JsonnetOptions, out: (v: Value) => T): T {
  const { std } = loadStd();
  const ast = parseJsonnet(opts.file, text, opts.firstLine);
  staticCheck(ast, ['std', STD_VAR]);
  const codeVars = new Map<string, Thunk>();
  current.extVar = (name, loc) => {
    const s = opts.extVars?.get(name);
    if (s !== undefined) return s;
    const code = opts.extCode?.get(name);
    if (code === undefined) throw runtimeError(`Undefined external variable: ${name}`, loc);
    let t = codeVars.get(name);
    if (!t) {
      t = codeThunk(`<extvar:${name}>`, code);
      codeVars.set(name, t);
    }
    return t.get();
  };
  current.trace = (msg, loc) => opts.trace?.(`TRACE: ${loc.file}:${loc.line} ${msg}`);
  context.importer = new FileImporter(opts.baseDir ?? '.');
  context.std = std;
  resetStack();
  limits.tailstrict = opts.maxTailstrictCalls ?? DEFAULT_MAX_TAILSTRICT_CALLS;
  try {
    let value = evaluate(ast, fileEnv(opts.file));
    if (value instanceof JFunction) value = callTopLevel(value, opts);
    return out(value);
  } catch (err) {
    // Node's stack ran out outside any evaluation (manifesting a deeply nested value).
    if (err instanceof RangeError)
      throw new JsonnetError('runtime', 'max stack frames exceeded.', { file: opts.file, line: 1, col: 1 });
    throw err;
  } finally {
    resetStack();
    context.importer = null;
  }
}

/** The program's value as plain JS (what skyql's templates read). */
export function evaluateToJs(text: string, opts: JsonnetOptions): unknown {
  const max = opts.maxOutput ?? MAX_TEMPLATE_OUTPUT;
  return run(text, opts, (v) => toJs(v, TOP, { max, left: max }));
}

/** The program's value as the JSON text the jsonnet command prints. */
export function evaluateToJson(text: string, opts: JsonnetOptions): string {
  return run(text, opts, (v) => manifestJson(v, true, '', TOP));
}
