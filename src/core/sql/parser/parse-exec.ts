import type { ExecArg, ExecStatement, MutationHint, ValueExpr } from '../ast/mutation-statement.js';
import { isSymbol, type Token } from '../lexer/token.js';
import { syntaxError } from './parse-error.js';
import { parseQualifiedName } from './parse-qualified-name.js';
import { parseMutationHints, parseValueExpr } from './parse-value.js';
import type { TokenCursor } from './token-cursor.js';

const EXEC_HINTS: readonly MutationHint[] = ['AWAIT', 'NOSTATUS', 'SHOWRESULTS'];
const SHAPE = '<provider>.<service>.<resource>.<method>';
const USAGE = `write EXEC ${SHAPE} @param = 'value', ... [@@json = '{...}']`;

const argEnd = (t: Token) => isSymbol(t, ',') || t.kind === 'param';

/**
 * Parses `EXEC [/*+ hints *\/] <fqn>.<method> [@k = v[, ...]] [[,] @@json = '...']` (cursor on EXEC).
 * Commas between arguments are optional, as in StackQL's grammar; a parameter given twice is an error.
 */
export function parseExec(c: TokenCursor): ExecStatement {
  c.next();
  const hints = parseMutationHints(c, 'EXEC', EXEC_HINTS);
  const first = c.peek();
  const target = parseQualifiedName(c, `${SHAPE} after EXEC`, USAGE);
  if (target.parts.length !== 4)
    throw syntaxError(first, `EXEC needs ${SHAPE}, got ${c.slice(target.start, target.end)}`, USAGE);
  const args: ExecArg[] = [];
  let json: ValueExpr | undefined;
  while (!c.atEnd()) {
    if (args.length > 0 || json) c.acceptSymbol(',');
    const tok = c.peek();
    if (tok.kind !== 'param') c.fail('@param = value or @@json = value', USAGE);
    c.next();
    if (!c.acceptSymbol('=')) c.fail(`'=' after ${tok.text}`, USAGE);
    const isJson = tok.value.startsWith('@');
    const name = isJson ? tok.value.slice(1) : tok.value;
    if (isJson && name !== 'json')
      throw syntaxError(
        tok,
        `unknown argument ${tok.text}`,
        'the only @@ argument is @@json (the request body)',
      );
    if (isJson ? json !== undefined : args.some((a) => a.name === name))
      throw syntaxError(tok, `${tok.text} is given twice`);
    const value = parseValueExpr(c, argEnd, `a value for ${tok.text}`);
    if (isJson) json = value;
    else args.push({ name, value });
  }
  return { kind: 'exec', hints, target, args, ...(json ? { json } : {}), ...c.base };
}
