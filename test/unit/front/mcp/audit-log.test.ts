import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { JsonlAuditLog } from '../../../../src/front/mcp/audit-log.js';
import { tempDir } from '../../../support/temp-dir.js';

const record = {
  tool: 'run_mutation_query',
  mode: 'safe',
  decision: 'approved' as const,
  queryClass: 'write',
  phase: 'end' as const,
  sql: "INSERT INTO t (k) VALUES ('ya29.secret-token-value')",
  args: { provider: 'google', token: 'abc' },
};

test('one JSON line per record, in order, file 0600 (a wider file is tightened), secrets redacted', async () => {
  const dir = tempDir();
  const path = join(dir, 'sub', 'audit.jsonl');
  const log = new JsonlAuditLog(path);
  await Promise.all([log.write(record), log.write({ ...record, phase: 'start' })]);
  await log.close();
  const lines = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.phase),
    ['end', 'start'],
  );
  assert.match(lines[0].ts, /^\d{4}-\d\d-\d\dT/);
  assert.equal(lines[0].sql, "INSERT INTO t (k) VALUES ('[redacted]')");
  assert.deepEqual(lines[0].args, { provider: 'google', token: '[redacted]' });
  assert.equal(statSync(path).mode & 0o777, 0o600);

  const wide = join(dir, 'wide.jsonl');
  writeFileSync(wide, '');
  chmodSync(wide, 0o644);
  const again = new JsonlAuditLog(wide);
  await again.write(record);
  await again.close();
  assert.equal(statSync(wide).mode & 0o777, 0o600);
});

test('a write that cannot reach the disk rejects with AUDIT_WRITE_FAILED', async () => {
  const log = new JsonlAuditLog(tempDir()); // a folder
  await assert.rejects(
    log.write(record),
    (e) => isSkyqlError(e, 'AUDIT_WRITE_FAILED') && /audit/.test(e.hint ?? ''),
  );
  await log.close();
});
