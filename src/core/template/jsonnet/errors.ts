import type { Loc } from './ast.js';

/**
 * An error while parsing (`static`) or evaluating (`runtime`) Jsonnet. `loc` is where it was raised;
 * `trace` the call sites that led there, innermost first, so the caller can point at the user's own
 * file rather than at a line of the standard library.
 */
export class JsonnetError extends Error {
  readonly kind: 'static' | 'runtime';
  readonly loc: Loc | null;
  trace: readonly Loc[];

  constructor(kind: 'static' | 'runtime', message: string, loc: Loc | null, trace: readonly Loc[] = []) {
    super(message);
    this.name = 'JsonnetError';
    this.kind = kind;
    this.loc = loc;
    this.trace = trace;
  }

  /** `file:line:col` of the innermost position outside the standard library (or the first one). */
  where(): string {
    const all = this.loc ? [this.loc, ...this.trace] : [...this.trace];
    const loc = all.find((l) => l.file !== STD_FILE) ?? all[0];
    return loc ? `${loc.file}:${loc.line}:${loc.col}` : '';
  }
}

/** The name the standard library's positions carry. */
export const STD_FILE = 'std.jsonnet';

export function staticError(message: string, loc: Loc): JsonnetError {
  return new JsonnetError('static', message, loc);
}
