import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { JsonnetError } from './jsonnet/errors.js';

/** Where a Jsonnet program comes from: its name in messages and the folder its imports start from. */
export interface JsonnetSource {
  /** Name in messages and `std.thisFile` (the `--iqldata` path, or a label for an inline block). */
  readonly origin: string;
  /** Folder that import paths are resolved against (default: the working folder). */
  readonly baseDir?: string;
  /** Line of the script where the program's first line is (inline blocks), for error positions. */
  readonly firstLine?: number;
}

/**
 * Evaluates Jsonnet with `--var` values as external variables (`std.extVar("k")`), with skyql's own
 * implementation (src/core/template/jsonnet/). It is loaded here, on first use, so statements
 * without Jsonnet never load it. Errors are TEMPLATE_ERRORs `file:line:col message`.
 */
export async function evaluateJsonnet(
  text: string,
  extVars: ReadonlyMap<string, string>,
  source: JsonnetSource,
): Promise<unknown> {
  const { evaluateToJs, JsonnetError } = await import('./jsonnet/engine.js');
  try {
    return evaluateToJs(text, {
      file: source.origin,
      extVars,
      ...(source.baseDir === undefined ? {} : { baseDir: source.baseDir }),
      ...(source.firstLine === undefined ? {} : { firstLine: source.firstLine }),
    });
  } catch (err) {
    if (err instanceof JsonnetError) throw templateError(err);
    throw err;
  }
}

/** A Jsonnet error as skyql reports it: `file:line:col message` (the position in the user's file). */
export function templateError(err: JsonnetError): SkyqlError {
  return new SkyqlError('TEMPLATE_ERROR', `${err.where()} ${err.message}`);
}
