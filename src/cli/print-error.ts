import type { SkyqlError } from '../base/errors/skyql-error.js';
import { excerpt } from '../core/sql/error-excerpt.js';

/**
 * The text printed for a failed statement: the message, the offending line with a caret for parse
 * errors, and the hint. With --verbose, the error's code (`SkyqlError [TOKEN_HOST_NOT_FOUND]: ...`,
 * the codes README names) and the stack.
 */
export function renderError(err: SkyqlError, source: string | undefined, verbose: boolean): string {
  const lines = [err.message];
  if (err.position && source !== undefined) lines.push(excerpt(source, err.position));
  if (err.hint) lines.push(`hint: ${err.hint}`);
  if (verbose) {
    const tagged = `${err.name} [${err.code}]`;
    const stack = err.stack ?? '';
    lines.push(
      stack.startsWith(`${err.name}:`)
        ? tagged + stack.slice(err.name.length)
        : `${tagged}: ${err.message}\n${stack}`.trimEnd(),
    );
  }
  if (verbose && err.cause instanceof Error && err.cause.stack) lines.push(`caused by: ${err.cause.stack}`);
  return `${lines.join('\n')}\n`;
}
