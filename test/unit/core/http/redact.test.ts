import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactBody, redactHeaders, redactText, redactUrl } from '../../../../src/core/http/redact.js';

test('redactUrl hides secret query parameters and userinfo, keeps the rest byte for byte', () => {
  assert.equal(
    redactUrl(
      'https://storage.googleapis.com/storage/v1/b?project=p&access_token=ya29.SECRET&key=AIzaKEY&pageToken=abc%2F',
    ),
    'https://storage.googleapis.com/storage/v1/b?project=p&access_token=REDACTED&key=REDACTED&pageToken=abc%2F',
  );
  assert.equal(
    redactUrl('https://x/?TOKEN=t1&refresh_token=r&client_secret=s#frag'),
    'https://x/?TOKEN=REDACTED&refresh_token=REDACTED&client_secret=REDACTED#frag',
  );
  assert.equal(redactUrl('http://user:pass@proxy:3128/a?b=c'), 'http://REDACTED@proxy:3128/a?b=c');
  assert.equal(redactUrl('https://x/path/key=notquery'), 'https://x/path/key=notquery');
  assert.equal(redactUrl('https://x/v1/projects/p?monkey=1'), 'https://x/v1/projects/p?monkey=1');
});

test('redactHeaders keeps the auth scheme and hides credentials', () => {
  assert.deepEqual(
    redactHeaders({
      Authorization: 'Bearer ya29.a0SECRET',
      'x-goog-api-key': 'AIza',
      'content-type': 'application/json',
      cookie: 'sid=1',
    }),
    {
      Authorization: 'Bearer REDACTED',
      'x-goog-api-key': 'REDACTED',
      'content-type': 'application/json',
      cookie: 'REDACTED',
    },
  );
  assert.deepEqual(redactHeaders({ 'proxy-authorization': 'Basic dXNlcjpwYXNz' }), {
    'proxy-authorization': 'Basic REDACTED',
  });
});

test('redactBody hides form fields, JSON secret fields and PEM keys; keeps error codes', () => {
  const form =
    'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOi.eyJpc3Mi.c2ln';
  const r = redactBody(form);
  assert.ok(!r.includes('eyJ'), r);
  assert.match(r, /grant_type=urn/);
  const key =
    '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n","client_email":"a@b"}';
  const k = redactBody(key);
  assert.ok(!k.includes('MIIEvQ'), k);
  assert.match(k, /"client_email":"a@b"/);
  const tokenJson = redactBody(
    Buffer.from('{"access_token": "ya29.abc", "expires_in": 3599, "refresh_token": "1//x"}'),
  );
  assert.ok(!tokenJson.includes('ya29.abc') && !tokenJson.includes('1//x'), tokenJson);
  assert.match(tokenJson, /"expires_in": 3599/);
  assert.match(redactBody('{"error": {"code": 404, "message": "nope"}}'), /"code": 404/);
  assert.equal(redactBody(Buffer.from([0xff, 0x00, 0xfe])), '<3 bytes of binary data>');
  assert.equal(redactText('token ya29.a0AfB_x-y and Bearer abc.def'), 'token REDACTED and Bearer REDACTED');
});
