import { SkyqlError, type SourcePosition } from '../../../base/errors/skyql-error.js';
import type { Token } from '../lexer/token.js';

/**
 * A PARSE_ERROR at `token`: `syntax error at line L, column C: <detail>`, with the token's
 * position (for {@link excerpt}) and an optional hint.
 */
export function syntaxError(
  token: Pick<Token, 'line' | 'column' | 'start'>,
  detail: string,
  hint?: string,
): SkyqlError {
  const position: SourcePosition = { line: token.line, column: token.column, offset: token.start };
  return new SkyqlError(
    'PARSE_ERROR',
    `syntax error at line ${position.line}, column ${position.column}: ${detail}`,
    {
      position,
      ...(hint === undefined ? {} : { hint }),
    },
  );
}
