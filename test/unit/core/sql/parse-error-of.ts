import assert from 'node:assert/strict';
import { isSkyqlError, type SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';

/** The PARSE_ERROR that parsing `sql` throws (fails the test when it parses). */
export function parseErrorOf(sql: string): SkyqlError {
  try {
    parseStatement(sql);
  } catch (err) {
    assert.ok(isSkyqlError(err, 'PARSE_ERROR'), String(err));
    return err;
  }
  return assert.fail(`expected a parse error for: ${sql}`);
}
