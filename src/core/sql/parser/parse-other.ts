import type { OtherStatement, OtherVerb } from '../ast/other-statement.js';
import type { TokenCursor } from './token-cursor.js';

/**
 * Builds an {@link OtherStatement} for a statement whose verb later stages parse (the cursor is on
 * the verb keyword). Picks up a `/*+ ... *\/` hint directly after the verb.
 */
export function parseOther(c: TokenCursor, verb: OtherVerb): OtherStatement {
  c.next();
  const tok = c.peek();
  const hints = tok.kind === 'hint' ? tok.value : [];
  return { kind: 'other', verb, hints, ...c.base };
}
