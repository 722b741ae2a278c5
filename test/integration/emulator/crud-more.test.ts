import assert from 'node:assert/strict';
import { test } from 'node:test';
import { googleError, pollComputeOperation, startTestEmulator } from './emulator-harness.js';

test('bigquery datasets: the id comes from datasetReference; list, patch, delete', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  const base = 'https://bigquery.googleapis.com/bigquery/v2/projects/p1/datasets';
  const created = await h.call('POST', base, {
    body: { datasetReference: { projectId: 'p1', datasetId: 'sales' }, location: 'EU' },
  });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.kind, 'bigquery#dataset');
  assert.equal(created.json.location, 'EU');
  const list = await h.call('GET', base);
  assert.equal(list.json.datasets.length, 1);
  const patched = await h.call('PATCH', `${base}/sales`, { body: { description: 'sales data' } });
  assert.equal(patched.json.description, 'sales data');
  assert.equal((await h.call('DELETE', `${base}/sales`)).status, 204);
  googleError(await h.call('GET', `${base}/sales`), 404, 'NOT_FOUND');
});

test('sqladmin instances: compute-style operations live in the documented operations collection', async () => {
  const h = await startTestEmulator({ projects: ['p1'], settings: { operationPolls: 1 } });
  const r = await h.call('POST', 'https://sqladmin.googleapis.com/v1/projects/p1/instances', {
    body: { name: 'db', databaseVersion: 'POSTGRES_15' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.operationType, 'insert');
  assert.match(r.json.selfLink, /\/sqladmin\.googleapis\.com\/v1\/projects\/p1\/operations\/operation-/);
  const { final } = await pollComputeOperation(h, r.json);
  assert.equal(final.status, 'DONE');
  const got = await h.call('GET', 'https://sqladmin.googleapis.com/v1/projects/p1/instances/db');
  assert.equal(got.json.databaseVersion, 'POSTGRES_15');
  assert.equal(got.json.name, 'db');
});
