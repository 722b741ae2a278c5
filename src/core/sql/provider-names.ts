import { tokenize } from './lexer/lexer.js';
import { isSymbol, type Token } from './lexer/token.js';

function name(t: Token | undefined): string | undefined {
  return t && (t.kind === 'ident' || t.kind === 'quotedIdent') ? (t.value as string) : undefined;
}

/** A later part of a name may be spelt like an SQL word (`google.iam.roles`). */
function part(t: Token | undefined): boolean {
  return name(t) !== undefined || t?.kind === 'keyword';
}

/**
 * The providers a statement's text names in three-part names (`google.compute.instances` →
 * `google`), in order of first use. A cheap token scan, run before planning so the session can
 * start authenticating with those providers while their documents load; it may over-report (a
 * CTE's columns are never three-part names, so in practice it does not) and that only costs a token.
 */
export function providersNamed(text: string): string[] {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    return []; // the statement's own parse says what is wrong
  }
  const out: string[] = [];
  for (let i = 0; i + 4 < tokens.length; i++) {
    const first = name(tokens[i]);
    if (first === undefined || (i > 0 && isSymbol(tokens[i - 1], '.'))) continue;
    if (
      isSymbol(tokens[i + 1], '.') &&
      part(tokens[i + 2]) &&
      isSymbol(tokens[i + 3], '.') &&
      part(tokens[i + 4])
    )
      if (!out.includes(first)) out.push(first);
  }
  return out;
}
