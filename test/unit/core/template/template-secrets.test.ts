import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { jsonErrorOffset } from '../../../../src/core/template/json-error-position.js';
import { prepareScript } from '../../../../src/core/template/prepare-script.js';

const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

/** The TEMPLATE_ERROR message and hint of a failing script. */
async function failure(source: string, input: Parameters<typeof prepareScript>[1]): Promise<string> {
  try {
    await prepareScript(source, input);
  } catch (e) {
    assert.ok(isSkyqlError(e) && e.code === 'TEMPLATE_ERROR', String(e));
    return `${e.message}\n${e.hint ?? ''}`;
  }
  assert.fail('the script rendered');
}

test('range over a data string names the path and the type, not the private key', async () => {
  const data = { text: JSON.stringify({ private_key: KEY }), type: 'json' as const, origin: 'key.json' };
  const text = await failure('SELECT {{ range .private_key }}x{{ end }}', { data });
  assert.match(text, /range can't iterate over \.private_key \(a string\)/);
  assert.doesNotMatch(text, /BEGIN|MIIE/);
});

test('range over a --var value does not print it', async () => {
  const text = await failure('SELECT {{ range .pw }}x{{ end }}', { vars: new Map([['pw', 's3cr3t-pass']]) });
  assert.match(text, /\.pw \(a string\)/);
  assert.doesNotMatch(text, /s3cr3t/);
});

test('a data file that is not JSON says where (line and column), never its text', async () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n';
  const text = await failure('SELECT 1', { data: { text: passwd, type: 'json', origin: '/etc/passwd' } });
  assert.match(text, /\/etc\/passwd is not valid JSON at line 1, column 1/);
  assert.doesNotMatch(text, /root:x|daemon/);
  const late = await failure('SELECT 1', {
    data: { text: '{"a": 1,\n  "b": secret-word}', type: 'json', origin: 'd.json' },
  });
  assert.match(late, /at line 2, column 8/);
  assert.doesNotMatch(late, /secret/);
});

test('jsonErrorOffset agrees with JSON.parse on what is valid, and on V8 positions where it gives them', () => {
  for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, null, {"b": "\\u00e9\\n"}]} ', '"x"', '0'])
    assert.equal(jsonErrorOffset(ok), undefined, ok);
  const bad: Array<[string, number]> = [
    ['{"a":1', 6],
    ['{"a":1}}', 7],
    ['', 0],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['{"a":01}', 6],
    ['"a\nb"', 2],
    [`${'['.repeat(100_000)}x`, 100_000],
  ];
  for (const [text, at] of bad) assert.equal(jsonErrorOffset(text), at, text.slice(0, 20));
});
