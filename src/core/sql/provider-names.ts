/** String literals and comments, blanked out before looking for names. */
const LITERALS = /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g;

/** `provider.service.resource` (the provider a plain word; later parts may be quoted). */
const THREE_PART =
  /(?<![\w$."`])([A-Za-z_][\w$]*)\s*\.\s*(?:[A-Za-z_][\w$]*|"[^"]*"|`[^`]*`)\s*\.\s*(?:[A-Za-z_][\w$]*|"[^"]*"|`[^`]*`)/g;

/**
 * The providers a statement's text names in three-part names (`google.compute.instances` →
 * `google`), in order of first use. Run before planning so the session can start authenticating
 * with those providers while their documents load, so it is a regular-expression scan rather than
 * the lexer (a cold lexer pass over a 200-value IN list costs several milliseconds). It may
 * over-report (a three-part name in a quoted identifier); that only costs a token request.
 */
export function providersNamed(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(LITERALS, ' ').matchAll(THREE_PART)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}
