import type { RegistryListStatement, RegistryPullStatement } from '../ast/registry-statement.js';
import { isNameToken, nameOf, type Token } from '../lexer/token.js';
import type { TokenCursor } from './token-cursor.js';

const LIST_USAGE = 'write REGISTRY LIST [<provider>]';
const PULL_USAGE = 'write REGISTRY PULL <provider> [<version>], e.g. REGISTRY PULL google v1.0.4';

/** Parses `REGISTRY LIST [<provider>]` and `REGISTRY PULL <provider> [<version>]` (cursor on REGISTRY). */
export function parseRegistry(c: TokenCursor): RegistryListStatement | RegistryPullStatement {
  c.next();
  if (c.acceptKeyword('LIST')) {
    if (c.atEnd()) return { kind: 'registryList', ...c.base };
    const provider = parseProvider(c, 'REGISTRY LIST', LIST_USAGE);
    c.expectEnd(`REGISTRY LIST ${provider}`, LIST_USAGE);
    return { kind: 'registryList', provider, ...c.base };
  }
  if (c.acceptKeyword('PULL')) {
    const provider = parseProvider(c, 'REGISTRY PULL', PULL_USAGE);
    const version = parseVersion(c);
    return { kind: 'registryPull', provider, ...(version === undefined ? {} : { version }), ...c.base };
  }
  return c.fail(
    'LIST or PULL after REGISTRY',
    'write REGISTRY LIST [<provider>] or REGISTRY PULL <provider> [<version>]',
  );
}

/** A provider name: a word, a quoted identifier or a string. */
function parseProvider(c: TokenCursor, label: string, usage: string): string {
  const tok = c.peek();
  if (tok.kind === 'string') {
    c.next();
    return tok.value;
  }
  if (!isNameToken(tok)) c.fail(`a provider name after ${label}`, usage);
  c.next();
  return nameOf(tok);
}

/**
 * The optional version: a quoted string, or bare text such as `v1.0.4` / `v25.07.00000` which the
 * lexer splits into several tokens; those must touch each other and run to the end.
 */
function parseVersion(c: TokenCursor): string | undefined {
  const first = c.peek();
  if (first.kind === 'eof') return undefined;
  if (first.kind === 'string') {
    c.next();
    c.expectEnd(`the version '${first.value}'`, PULL_USAGE);
    return first.value;
  }
  if (first.kind !== 'number' && !isNameToken(first)) c.fail('a version after the provider name', PULL_USAGE);
  let last: Token = c.next();
  while (!c.atEnd() && c.peek().start === last.end) last = c.next();
  const version = c.slice(first.start, last.end).trim();
  c.expectEnd(`the version '${version}'`, PULL_USAGE);
  return version;
}
