import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { errorResult } from '../../../../src/front/mcp/tool-errors.js';

test('errors are isError results: message, caret, hint and code; no stack', () => {
  const e = new SkyqlError('PARSE_ERROR', 'syntax error at line 1, column 8: unexpected end', {
    hint: 'finish the statement',
    position: { line: 1, column: 8, offset: 7 },
  });
  const r = errorResult(e, 'SELECT 1 +');
  assert.equal(r.isError, true);
  assert.deepEqual(r.content, [
    {
      type: 'text',
      text: 'syntax error at line 1, column 8: unexpected end\nSELECT 1 +\n       ^\nhint: finish the statement\n(error code PARSE_ERROR)',
    },
  ]);
  const plain = errorResult(new Error('boom'));
  assert.doesNotMatch((plain.content[0] as { text: string }).text, /\.js:\d+/);
});

test('credential failures point at reload_credentials', () => {
  const hint = /call reload_credentials and retry/;
  const text = (e: SkyqlError) => (errorResult(e).content[0] as { text: string }).text;
  assert.match(text(new SkyqlError('TOKEN_REJECTED', 'the token endpoint refused the key')), hint);
  assert.match(text(new SkyqlError('HTTP_ERROR', 'GET https://x: 401 UNAUTHENTICATED')), hint);
  assert.doesNotMatch(text(new SkyqlError('HTTP_ERROR', 'GET https://x: 404 NOT_FOUND')), hint);
});
