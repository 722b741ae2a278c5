import { SkyqlError } from '../../base/errors/skyql-error.js';
import { SUPPORTED_VERBS } from '../sql/ast/statement-verbs.js';

/** The error for a recognised statement this build does not run; the hint lists what it does run. */
export function unsupportedStatement(verb: string): SkyqlError {
  return new SkyqlError('UNSUPPORTED_STATEMENT', `${verb} statements are not supported yet`, {
    hint: `this build runs ${SUPPORTED_VERBS.join(', ')} statements`,
  });
}
