import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { EnvFile, parseEnvFile } from '../../../src/cli/env-file.js';
import { tempDir } from '../../support/temp-dir.js';

test('KEY=VALUE lines: export, comments, quotes', () => {
  const env = parseEnvFile(
    '# creds\nexport SKYQL_AUTH={"google": {"type": "null_auth"}}\nA="x\\ny"\nB=\'lit $x\'\nC=plain # note\n\n',
    'f',
  );
  assert.deepEqual(Object.fromEntries(env), {
    SKYQL_AUTH: '{"google": {"type": "null_auth"}}',
    A: 'x\ny',
    B: 'lit $x',
    C: 'plain',
  });
  assert.throws(
    () => parseEnvFile('just words', 'f.env'),
    (e) => isSkyqlError(e, 'BAD_FLAG') && /f\.env: line 1/.test(e.message),
  );
});

test('a reload sets the new values and unsets keys the file no longer has', (t) => {
  const path = join(tempDir(), '.env');
  t.after(() => {
    delete process.env.SKYQL_TEST_ENV_A;
    delete process.env.SKYQL_TEST_ENV_B;
  });
  writeFileSync(path, 'SKYQL_TEST_ENV_A=1\nSKYQL_TEST_ENV_B=2\n');
  const file = new EnvFile(path);
  file.load();
  assert.equal(process.env.SKYQL_TEST_ENV_B, '2');
  writeFileSync(path, 'SKYQL_TEST_ENV_A=3\n');
  file.load();
  assert.equal(process.env.SKYQL_TEST_ENV_A, '3');
  assert.equal(process.env.SKYQL_TEST_ENV_B, undefined);
  assert.throws(
    () => new EnvFile(join(path, 'missing')).load(),
    (e) => isSkyqlError(e, 'FILE_NOT_READABLE'),
  );
});
