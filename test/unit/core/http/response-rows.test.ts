import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import {
  EMPTY_MUTATION_RESULT,
  extractRows,
  isHttpBodyMethod,
} from '../../../../src/core/http/response-rows.js';
import { catalog, method, response, syntheticMethod } from './fixture-methods.js';

const instance = (name: string, zone: string) => ({
  name,
  zone: `https://www.googleapis.com/compute/v1/projects/p/zones/${zone}`,
  status: 'RUNNING',
  networkInterfaces: [{ network: 'n' }],
  cpuPlatform: 'x',
});

test('compute aggregated list: $.items[*].instances[*] over the scope map, skipping warning-only scopes', async () => {
  const m = await method('compute', 'instances', 'aggregated_list');
  const body = {
    kind: 'compute#instanceAggregatedList',
    items: {
      'zones/us-east1-b': { instances: [instance('a', 'us-east1-b'), instance('b', 'us-east1-b')] },
      'zones/us-west1-a': {
        warning: { code: 'NO_RESULTS_ON_PAGE', message: 'There are no results for scope' },
      },
      'zones/europe-west4-a': { instances: [instance('c', 'europe-west4-a')] },
    },
  };
  const rows = extractRows(m, response(200, body));
  assert.deepEqual(
    rows.map((r) => r.name),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(rows[0].networkInterfaces, [{ network: 'n' }], 'nested values stay objects');
  assert.deepEqual(extractRows(m, response(200, { kind: 'compute#instanceAggregatedList', items: {} })), []);
  assert.deepEqual(extractRows(m, response(200, { kind: 'compute#instanceAggregatedList' })), []);
});

test('v1.0.4 aggregatedList without objectKey: the items map is flattened too', async () => {
  const m = await method('compute', 'instances', 'aggregatedList', 'v1.0.4');
  assert.equal(m.response.objectKey, undefined);
  const rows = extractRows(
    m,
    response(200, { items: { 'zones/a': { instances: [instance('x', 'a')] }, 'zones/b': { warning: {} } } }),
  );
  assert.deepEqual(
    rows.map((r) => r.name),
    ['x'],
  );
});

test('JSONPath $.items and bare key forms; absent list key → zero rows', async () => {
  const list = await method('storage', 'buckets', 'list');
  assert.equal(list.response.objectKey, '$.items');
  assert.deepEqual(
    extractRows(
      list,
      response(200, {
        kind: 'storage#buckets',
        items: [{ name: 'b1', versioning: { enabled: true } }, { name: 'b2' }],
      }),
    ),
    [{ name: 'b1', versioning: { enabled: true } }, { name: 'b2' }],
  );
  assert.deepEqual(extractRows(list, response(200, { kind: 'storage#buckets' })), []);
  const bare = await method('healthcare', 'datasets', 'projects_locations_datasets_list', 'v1.0.4');
  assert.equal(bare.response.objectKey, 'datasets');
  assert.deepEqual(extractRows(bare, response(200, { datasets: [{ name: 'd1', timeZone: 'UTC' }] })), [
    { name: 'd1', timeZone: 'UTC' },
  ]);
  assert.deepEqual(extractRows(bare, response(200, {})), []);
});

test('the items default: list responses give their items, or zero rows when Google omits the key', async () => {
  const list = await method('compute', 'instances', 'list');
  assert.equal(list.response.objectKey, undefined);
  assert.deepEqual(
    extractRows(list, response(200, { kind: 'compute#instanceList', items: [instance('a', 'z')] })).map(
      (r) => r.name,
    ),
    ['a'],
  );
  assert.deepEqual(
    extractRows(list, response(200, { kind: 'compute#instanceList', id: 'x', selfLink: 'y' })),
    [],
  );
  // v1.0.4 storage list (schema Buckets, no objectKey): exact with the document, heuristic without
  const v104 = await method('storage', 'buckets', 'list', 'v1.0.4');
  const { doc } = (await catalog('v1.0.4').provider('google')).service('storage').resource('buckets');
  assert.deepEqual(extractRows(v104, response(200, { kind: 'storage#buckets' }), { doc }), []);
  assert.deepEqual(extractRows(v104, response(200, { kind: 'storage#buckets' })), []);
  assert.deepEqual(extractRows(v104, response(200, { items: [{ name: 'b' }] })), [{ name: 'b' }]);
});

test('get responses are one row', async () => {
  const get = await method('compute', 'instances', 'get');
  assert.deepEqual(
    extractRows(get, response(200, instance('a', 'z'))).map((r) => r.name),
    ['a'],
  );
  const ds = await method('healthcare', 'datasets', 'get');
  assert.deepEqual(
    extractRows(ds, response(200, { name: 'projects/p/locations/l/datasets/d', timeZone: 'UTC' })),
    [{ name: 'projects/p/locations/l/datasets/d', timeZone: 'UTC' }],
  );
});

test('declared JSON wins over a wrong Content-Type (text/plain)', async () => {
  const list = await method('storage', 'buckets', 'list');
  const res = response(200, JSON.stringify({ items: [{ name: 'b1', metageneration: '1' }] }), {
    'content-type': 'text/plain; charset=utf-8',
  });
  assert.deepEqual(extractRows(list, res), [{ name: 'b1', metageneration: '1' }]);
});

test('top-level arrays, scalars and text bodies', () => {
  const m = syntheticMethod({ name: 'get' });
  assert.deepEqual(extractRows(m, response(200, [{ a: 1 }, 'x', 2])), [
    { a: 1 },
    { column_anon: 'x' },
    { column_anon: 2 },
  ]);
  assert.deepEqual(extractRows(m, response(200, '"just a string"', { 'content-type': 'application/json' })), [
    { column_anon: 'just a string' },
  ]);
  assert.deepEqual(extractRows(m, response(200, '42', { 'content-type': 'application/json' })), [
    { column_anon: 42 },
  ]);
  assert.deepEqual(extractRows(m, response(200, 'true')), [{ column_anon: true }]);
  const text = syntheticMethod({
    name: 'get',
    response: { mediaType: 'text/plain', openAPIDocKey: '200', objectKey: undefined, schema: undefined },
  });
  assert.deepEqual(extractRows(text, response(200, 'hello\n', { 'content-type': 'text/plain' })), [
    { column_anon: 'hello\n' },
  ]);
});

test('empty 2xx body: zero rows for reads, the completion marker for mutations', async () => {
  const list = await method('storage', 'buckets', 'list');
  assert.deepEqual(extractRows(list, response(200, '')), []);
  assert.deepEqual(extractRows(list, response(204, '  \n')), []);
  const del = await method('storage', 'buckets', 'delete');
  const rows = extractRows(del, response(204, ''));
  assert.deepEqual(rows, [{ result: EMPTY_MUTATION_RESULT }]);
  assert.deepEqual(extractRows(del, response(204, ''), { mutation: false }), []);
});

test('HttpBody: one row {contentType, data: exact base64, extensions: null} whatever the server sends', async () => {
  const m = await method('healthcare', 'series_series', 'retrieve_series');
  assert.equal(isHttpBodyMethod(m), true);
  const bytes = Buffer.from([
    0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0x7f, 0xfe, 0x00, 0x44, 0x49, 0x43, 0x4d,
  ]);
  const ct = 'multipart/related; type="application/dicom"; boundary=abc';
  assert.deepEqual(extractRows(m, response(200, bytes, { 'content-type': ct })), [
    { contentType: ct, data: bytes.toString('base64'), extensions: null },
  ]);
  assert.equal(
    Buffer.from(
      String(extractRows(m, response(200, bytes, { 'content-type': ct }))[0].data),
      'base64',
    ).equals(bytes),
    true,
  );
  // JSON bodies (FHIR read) stay raw bytes too
  const fhir = Buffer.from('{"resourceType":"Patient","id":"1"}');
  assert.deepEqual(extractRows(m, response(200, fhir, { 'content-type': 'application/fhir+json' })), [
    { contentType: 'application/fhir+json', data: fhir.toString('base64'), extensions: null },
  ]);
  assert.deepEqual(extractRows(m, response(200, Buffer.alloc(0))), [
    { contentType: null, data: '', extensions: null },
  ]);
  const v104 = await method(
    'healthcare',
    'series_series',
    'projects_locations_datasets_dicomStores_studies_series_retrieveSeries',
    'v1.0.4',
  );
  assert.equal(isHttpBodyMethod(v104), true);
  assert.equal(isHttpBodyMethod(await method('storage', 'buckets', 'list')), false);
});

test('invalid JSON → RESPONSE_ERROR naming the method and the content type', async () => {
  const list = await method('storage', 'buckets', 'list');
  assert.throws(
    () =>
      extractRows(
        list,
        response(200, '<html>oops access_token=ya29.secret</html>', { 'content-type': 'text/html' }),
      ),
    (e: unknown) =>
      isSkyqlError(e, 'RESPONSE_ERROR') &&
      e.message.startsWith(
        'google.storage.buckets.list: response is not valid JSON (Content-Type text/html',
      ) &&
      !e.message.includes('ya29.secret'),
  );
});
