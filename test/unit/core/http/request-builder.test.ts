import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { buildRequest } from '../../../../src/core/http/request-builder.js';
import { method, param, syntheticMethod } from './fixture-methods.js';

const vals = (o: Record<string, unknown>) => new Map(Object.entries(o));

test('seed method: six path params into the healthcare server URL, no body, no content type', async () => {
  const m = await method('healthcare', 'series_series', 'retrieve_series');
  const r = buildRequest(
    m,
    vals({
      projectsId: 'p',
      locationsId: 'l',
      datasetsId: 'd',
      dicomStoresId: 's',
      studiesId: '1.2.840.1',
      seriesId: '1.2.3',
    }),
  );
  assert.equal(r.method, 'GET');
  assert.equal(
    r.url,
    'https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb/studies/1.2.840.1/series/1.2.3',
  );
  assert.equal(r.body, undefined);
  assert.equal(r.headers, undefined);
});

test('path values are escaped per segment', async () => {
  const get = await method('compute', 'instances', 'get');
  const r = buildRequest(get, vals({ project: 'my project', zone: 'us-east1-b', instance: 'a?b#c' }));
  assert.equal(
    r.url,
    'https://compute.googleapis.com/compute/v1/projects/my%20project/zones/us-east1-b/instances/a%3Fb%23c',
  );
});

test('{+datasetId} reserved expansion (bigquery) and storage object names fully escaped', async () => {
  const ds = await method('bigquery', 'datasets', 'get');
  const r = buildRequest(ds, vals({ projectId: 'p', '+datasetId': 'a/b' }));
  assert.equal(r.url, 'https://bigquery.googleapis.com/bigquery/v2/projects/p/datasets/a/b');
  assert.equal(
    buildRequest(ds, vals({ projectId: 'p', datasetId: 'd1' })).url,
    'https://bigquery.googleapis.com/bigquery/v2/projects/p/datasets/d1',
  );
  const obj = await method('storage', 'objects', 'get');
  assert.equal(
    buildRequest(obj, vals({ bucket: 'bkt', object: 'dir/file name.txt' })).url,
    'https://storage.googleapis.com/storage/v1/b/bkt/o/dir%2Ffile%20name.txt',
  );
});

test('query params: declared order, arrays as repeated keys, objects as JSON, booleans and numbers as text', () => {
  const m = syntheticMethod({
    params: [
      param('parent', 'path', true),
      param('fields', 'query'),
      param('ids', 'query'),
      param('filter', 'query'),
      param('deep', 'query'),
      param('pageSize', 'query'),
      param('unused', 'query'),
    ],
    path: '/v1/{parent}/things',
  });
  const r = buildRequest(
    m,
    vals({
      parent: 'projects/p',
      ids: ['a', 'b c', 3],
      filter: { state: 'ON' },
      deep: true,
      pageSize: 50,
      fields: 'name,id',
      unused: null,
    }),
  );
  assert.equal(
    r.url,
    'https://test.googleapis.com/v1/projects/p/things?fields=name%2Cid&ids=a&ids=b%20c&ids=3&filter=%7B%22state%22%3A%22ON%22%7D&deep=true&pageSize=50',
  );
});

test('real query params: storage buckets list takes project in the query', async () => {
  const m = await method('storage', 'buckets', 'list');
  assert.equal(
    buildRequest(m, vals({ project: 'p1', maxResults: 2 })).url,
    'https://storage.googleapis.com/storage/v1/b?project=p1&maxResults=2',
  );
});

test('server variables: given value, else the default; header params', () => {
  const m = syntheticMethod({
    servers: [
      {
        url: 'https://{region}-aiplatform.googleapis.com/{version}/',
        variables: { region: { default: 'us-central1' }, version: { default: 'v1' } },
      },
    ],
    params: [
      param('region', 'server', true),
      param('version', 'server', true),
      param('x-goog-user-project', 'header'),
      param('etag', 'header', true),
    ],
    path: '/things',
  });
  const a = buildRequest(m, vals({ etag: 'W/1' }));
  assert.equal(a.url, 'https://us-central1-aiplatform.googleapis.com/v1/things');
  assert.deepEqual(a.headers, { etag: 'W/1' });
  const b = buildRequest(m, vals({ region: 'europe-west4', etag: '1', 'x-goog-user-project': 'billing' }));
  assert.equal(b.url, 'https://europe-west4-aiplatform.googleapis.com/v1/things');
  assert.deepEqual(b.headers, { 'x-goog-user-project': 'billing', etag: '1' });
  const noDefault = syntheticMethod({
    servers: [{ url: 'https://{host}/', variables: {} }],
    params: [param('host', 'server', true)],
  });
  assert.throws(
    () => buildRequest(noDefault, vals({})),
    (e: unknown) => isSkyqlError(e, 'BAD_PARAMETER') && /host/.test(e.message),
  );
});

test('body from data__ fields: JSON strings parsed, numbers and booleans kept, content type from the method', async () => {
  const insert = await method('compute', 'instances', 'insert');
  const r = buildRequest(
    insert,
    vals({
      project: 'p',
      zone: 'z',
      data__name: 'vm-1',
      data__canIpForward: true,
      data__tags: '{"items": ["web", "ssh"]}',
      data__disks: '[{"boot": true, "autoDelete": true}]',
      data__description: '[not json',
      data__id: 12345678901234567890n,
    }),
  );
  assert.equal(r.method, 'POST');
  assert.equal(r.url, 'https://compute.googleapis.com/compute/v1/projects/p/zones/z/instances');
  assert.equal(r.headers?.['content-type'], 'application/json');
  const body = JSON.parse(String(r.body));
  assert.deepEqual(body.tags, { items: ['web', 'ssh'] });
  assert.deepEqual(body.disks, [{ boot: true, autoDelete: true }]);
  assert.equal(body.canIpForward, true);
  assert.equal(body.name, 'vm-1');
  assert.equal(body.description, '[not json');
  assert.equal(body.id, '12345678901234567890');
});

test('whole @@json body, data__ laid over it; empty {} body for POST methods that take one', async () => {
  const insert = await method('compute', 'instances', 'insert');
  const r = buildRequest(insert, vals({ project: 'p', zone: 'z', data__name: 'override' }), {
    body: '{"name": "vm", "machineType": "e2-small"}',
  });
  assert.deepEqual(JSON.parse(String(r.body)), { name: 'override', machineType: 'e2-small' });
  const setScheduling = await method('compute', 'instances', 'set_scheduling');
  const s = buildRequest(setScheduling, vals({ project: 'p', zone: 'z', instance: 'i' }));
  assert.equal(s.body, '{}');
  const reset = await method('compute', 'instances', 'reset');
  assert.equal(buildRequest(reset, vals({ project: 'p', zone: 'z', instance: 'i' })).body, undefined);
});

test('form-encoded request media type', () => {
  const m = syntheticMethod({
    httpMethod: 'POST',
    requestMediaType: 'application/x-www-form-urlencoded',
    params: [param('data__grant_type', 'body'), param('data__scope', 'body')],
  });
  const r = buildRequest(m, vals({ data__grant_type: 'client_credentials', data__scope: 'a b' }));
  assert.equal(r.body, 'grant_type=client_credentials&scope=a%20b');
  assert.equal(r.headers?.['content-type'], 'application/x-www-form-urlencoded');
});

test('missing required parameters are named, with a SHOW METHODS hint', async () => {
  const m = await method('healthcare', 'series_series', 'retrieve_series');
  assert.throws(
    () => buildRequest(m, vals({ projectsId: 'p', locationsId: 'l', datasetsId: 'd', dicomStoresId: null })),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_PARAMETER') &&
      e.message ===
        'google.healthcare.series_series.retrieve_series: missing required parameters dicomStoresId, studiesId, seriesId' &&
      e.hint === 'SHOW METHODS IN google.healthcare.series_series lists the parameters each method needs',
  );
  const list = await method('storage', 'buckets', 'list');
  assert.throws(
    () => buildRequest(list, vals({})),
    (e: unknown) => isSkyqlError(e, 'BAD_PARAMETER') && /parameter project$/.test(e.message),
  );
});
