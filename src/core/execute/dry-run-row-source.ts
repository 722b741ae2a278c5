import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { RowSource } from './row-source.js';

/**
 * The row source of a dry run: reading a provider table would send a request, so statements that
 * need one stop with DRY_RUN_SKIPPED (reported as a note, not a failure).
 */
export const dryRunRowSource: RowSource = {
  fetch(method) {
    return Promise.reject(
      new SkyqlError(
        'DRY_RUN_SKIPPED',
        `dry run: not run, as it reads ${method.resourceFqn} (${method.name} would be called)`,
      ),
    );
  },
};
