import type { QualifiedName } from '../ast/qualified-name.js';
import { isNameToken, isSymbol, nameOf } from '../lexer/token.js';
import type { TokenCursor } from './token-cursor.js';

/**
 * Parses a dotted name (`google.compute.instances`, `google.container."a.b"`, `` `x`.y ``). Each
 * part is an identifier, a quoted identifier or a keyword used as a name. `what` describes the
 * expected name for the error when none is there, e.g. `<provider>.<service>`.
 */
export function parseQualifiedName(c: TokenCursor, what: string, hint?: string): QualifiedName {
  const first = c.peek();
  if (!isNameToken(first)) c.fail(what, hint);
  c.next();
  const parts = [nameOf(first)];
  let end = first.end;
  while (isSymbol(c.peek(), '.')) {
    c.next();
    const part = c.peek();
    if (!isNameToken(part)) c.fail(`a name after '.'`, hint);
    c.next();
    parts.push(nameOf(part));
    end = part.end;
  }
  return { parts, start: first.start, end };
}
