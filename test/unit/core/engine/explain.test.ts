import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import type { StatementOutcome } from '../../../../src/core/engine/session.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

const session = createSession({
  registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
  pins: new Map([['google', 'v25.07.00000']]),
  readonly: true,
});
after(() => session.close());

async function run(sql: string): Promise<StatementOutcome[]> {
  const out: StatementOutcome[] = [];
  for await (const o of session.run(sql)) out.push(o);
  return out;
}

test('a read-only session explains mutations (EXPLAIN sends nothing)', async () => {
  const [o] = await run(
    "EXPLAIN INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId) VALUES ('p', 'l', 'd')",
  );
  assert.ok(o.ok, o.ok ? '' : o.error.message);
  assert.deepEqual(
    o.result?.columns.map((c) => [c.name, c.type]),
    [
      ['step', 'integer'],
      ['table', 'text'],
      ['item', 'text'],
      ['detail', 'text'],
    ],
  );
  const [insert] = await run(
    "INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId) VALUES ('p', 'l', 'd')",
  );
  assert.equal(!insert.ok && insert.error.code, 'READONLY_SESSION', 'the statement itself is still refused');
});

test('EXPLAIN does not run the statement: the local table is not created', async () => {
  const [explained, selected] = await run('EXPLAIN CREATE TABLE t AS SELECT 1 AS one; SELECT one FROM t');
  assert.ok(explained.ok);
  assert.deepEqual(explained.result?.rows, [
    [1, '', 'local sql', 'SELECT 1 AS one'],
    [2, 't', 'runs', 'locally: stores the rows of step 1 in t'],
  ]);
  assert.equal(!selected.ok && selected.error.code, 'LOCAL_SQL_ERROR');
});
