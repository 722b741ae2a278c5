import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScript } from '../../../src/core/sql/parser/parse-script.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';

const { emu, keyPath } = await startSampleEmulator();
const { session } = emulatorSession(emu, keyPath);
const P = SAMPLE.project;
const [Z1, Z2] = SAMPLE.zones;

async function rows(sql: string) {
  const [entry] = parseScript(sql);
  if (!entry.ok) throw entry.error;
  const r = await session.execute(entry.statement);
  assert.ok(r);
  return r;
}

test('SELECT * columns are sorted by name and exclude request-only parameters', async () => {
  const r = await rows(`SELECT * FROM google.storage.buckets WHERE project = '${P}' LIMIT 1`);
  const names = r.columns.map((c) => c.name);
  assert.deepEqual(
    names,
    [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  assert.ok(!names.includes('project'));
  assert.ok(names.includes('storageClass'));
});

test('self join: the same resource twice under two aliases', async () => {
  const r = await rows(`SELECT a.name AS a, b.name AS b FROM google.compute.instances a
    JOIN google.compute.instances b ON a.status = b.status AND a.name < b.name
    WHERE a.project = '${P}' AND a.zone = '${Z1}' AND b.project = '${P}' AND b.zone = '${Z1}' ORDER BY 1, 2`);
  assert.ok(r.rows.length >= 1);
  for (const [a, b] of r.rows) assert.ok(String(a) < String(b));
});

test('three-way join with a local subquery, GROUP BY / HAVING, DISTINCT', async () => {
  const r = await rows(`SELECT i.zone_name, count(*) AS n, group_concat(DISTINCT b.location) AS locations
    FROM (SELECT name, split_part(zone, '/', -1) AS zone_name FROM google.compute.instances WHERE project = '${P}' AND zone IN ('${Z1}', '${Z2}')) i
    JOIN google.storage.buckets b ON 1 = 1
    JOIN (SELECT 'EU' AS loc UNION ALL SELECT 'US') l ON l.loc = b.location
    WHERE b.project = '${P}'
    GROUP BY i.zone_name HAVING count(*) > 1 ORDER BY i.zone_name`);
  assert.deepEqual(
    r.rows.map((x) => x[0]),
    [...SAMPLE.zones].sort(),
  );
});

test('UNION across providers tables, window functions, LIMIT/OFFSET', async () => {
  const r = await rows(`SELECT kind, name, row_number() OVER (PARTITION BY kind ORDER BY name) AS rn FROM (
      SELECT 'bucket' AS kind, name FROM google.storage.buckets WHERE project = '${P}'
      UNION ALL
      SELECT 'topic', name FROM google.pubsub.topics WHERE projectsId = '${P}'
    ) ORDER BY kind, name LIMIT 3 OFFSET 11`);
  assert.deepEqual(
    r.rows.map((x) => [x[0], x[2]]),
    [
      ['bucket', 12],
      ['topic', 1],
      ['topic', 2],
    ],
  );
});

test('json_each over a nested column, json_extract, subquery in WHERE with a provider table', async () => {
  const r =
    await rows(`SELECT i.name, j.value AS ip FROM google.compute.instances i, json_each(i.networkInterfaces) j
    WHERE i.project = '${P}' AND i.zone = '${Z1}'
      AND i.name IN (SELECT name FROM google.compute.instances WHERE project = '${P}' AND zone = '${Z1}' AND status = 'RUNNING')
    ORDER BY i.name`);
  assert.ok(r.rows.length >= 1);
  for (const row of r.rows) assert.match(JSON.parse(String(row[1])).networkIP, /^\d+\.\d+\.\d+\.\d+$/);
});

test('LEFT JOIN keeps unmatched rows; predicates on response columns filter locally', async () => {
  const r = await rows(`SELECT b.name, t.name AS topic FROM google.storage.buckets b
    LEFT JOIN google.pubsub.topics t ON t.projectsId = '${P}' AND t.name = b.name
    WHERE b.project = '${P}' AND b.storageClass = 'NEARLINE' ORDER BY b.name`);
  assert.equal(r.rows.length, 3);
  assert.ok(r.rows.every((x) => x[1] === null));
});
