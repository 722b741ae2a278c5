import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../../../src/front/mcp/redact.js';

test('what looks like a credential is taken out of audited SQL; names and plain values stay', () => {
  const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
  assert.equal(
    redactSecrets(`INSERT INTO t (k) VALUES ('${key}')`),
    "INSERT INTO t (k) VALUES ('[redacted]')",
  );
  assert.equal(redactSecrets("SELECT 'ya29.a0AfH6SMBx-abc_def'"), "SELECT '[redacted]'");
  assert.equal(redactSecrets('AIzaSyA1234567890abcdefghijklmnopqrstu'), '[redacted]');
  assert.equal(redactSecrets('Authorization: Bearer abc.def-123456'), 'Authorization: Bearer [redacted]');
  assert.equal(redactSecrets(`@@json = '{"password": "hunter2"}'`), `@@json = '{"password": [redacted]}'`);
  assert.equal(redactSecrets("x = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbA=='"), "x = '[redacted]'");
  const plain =
    "SELECT name FROM google.compute.instances WHERE project = 'skyql-demo' AND zone = 'us-central1-a'";
  assert.equal(redactSecrets(plain), plain);
  const path =
    "DELETE FROM google.storage.buckets WHERE bucket = 'projects/p/locations/us/keyRings/a-very-long-keyring-name-for-tests'";
  assert.equal(redactSecrets(path), path);
});
