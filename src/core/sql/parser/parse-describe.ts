import type { DescribeMethodStatement, DescribeStatement } from '../ast/describe-statement.js';
import { syntaxError } from './parse-error.js';
import { parseQualifiedName } from './parse-qualified-name.js';
import type { TokenCursor } from './token-cursor.js';

const RESOURCE_SHAPE = '<provider>.<service>.<resource>';
const METHOD_SHAPE = '<provider>.<service>.<resource>.<method>';

/**
 * Parses `{DESCRIBE | DESC} [EXTENDED] <fqn>` and `DESCRIBE [EXTENDED] METHOD [EXTENDED] <fqn>.<m>`
 * (the cursor is on DESCRIBE/DESC). A resource target has 3 parts, a view 1, a method 4.
 */
export function parseDescribe(c: TokenCursor): DescribeStatement | DescribeMethodStatement {
  const verb = c.next().text.toUpperCase();
  let extended = c.acceptModifier('EXTENDED');
  const method = c.acceptModifier('METHOD');
  if (method && !extended) extended = c.acceptModifier('EXTENDED');
  const shape = method ? METHOD_SHAPE : RESOURCE_SHAPE;
  const label = method ? `${verb} METHOD` : verb;
  const usage = method
    ? `write ${label} [EXTENDED] ${shape}`
    : `write ${label} [EXTENDED] ${shape}, or ${label} <view>`;
  const first = c.peek();
  const target = parseQualifiedName(c, `${shape} after ${label}`, usage);
  const n = target.parts.length;
  if (method ? n !== 4 : n !== 1 && n !== 3) {
    const wanted = method ? shape : `${shape} (or a view name)`;
    throw syntaxError(first, `${label} needs ${wanted}, got ${c.slice(target.start, target.end)}`, usage);
  }
  c.expectEnd(`${label} ${c.slice(target.start, target.end)}`);
  return { kind: method ? 'describeMethod' : 'describe', extended, target, ...c.base };
}
