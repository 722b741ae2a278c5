import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { QualifiedName } from '../../sql/ast/statement.js';
import { formatQualifiedName } from '../../sql/ast/statement.js';

/** The parts of a name that must have exactly `n` parts (`what` names them in the error). */
export function partsOf(name: QualifiedName | undefined, n: number, what: string): string[] {
  if (!name || name.parts.length !== n) {
    throw new SkyqlError('PARSE_ERROR', `expected ${what}, got '${name ? formatQualifiedName(name) : ''}'`);
  }
  return [...name.parts];
}
