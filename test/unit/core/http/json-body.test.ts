import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HttpResponse } from '../../../../src/core/http/http-types.js';
import { bodyText, parseJsonBody, tryJsonBody } from '../../../../src/core/http/json-body.js';

function response(body: Buffer): HttpResponse {
  return { status: 200, statusText: 'OK', headers: {}, body, url: 'http://x/', attempts: 1 };
}

test('bodyText decodes ASCII, UTF-8 and a byte-order mark, also from a view into a larger buffer', () => {
  const text = '{"name":"vm-é-€-😀","n":1}';
  assert.equal(bodyText(response(Buffer.from('{"a":[1,"x"]}'))), '{"a":[1,"x"]}');
  assert.equal(bodyText(response(Buffer.from(text))), text);
  assert.equal(bodyText(response(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))), text);
  // an ASCII view whose underlying memory holds non-ASCII bytes around it
  const big = Buffer.from(`€€{"ok":true}€€`);
  assert.equal(bodyText(response(big.subarray(6, 6 + 11))), '{"ok":true}');
  // invalid UTF-8 still decodes as before (replacement characters), never as Latin-1
  assert.equal(bodyText(response(Buffer.from([0x22, 0xff, 0x22]))), '"\ufffd"');
  assert.deepEqual(parseJsonBody(response(Buffer.from(text))), { name: 'vm-é-€-😀', n: 1 });
  assert.equal(tryJsonBody(response(Buffer.from('nope'))), undefined);
});
