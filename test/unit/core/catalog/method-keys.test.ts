import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../../../../src/core/catalog/model/catalog-types.js';
import { buildResource } from '../../../../src/core/catalog/openapi/build-resource.js';
import { extractRows } from '../../../../src/core/http/response-rows.js';
import { response } from '../http/fixture-methods.js';

/** A document whose report is declared text/plain, though the API sends JSON. */
const doc: JsonObject = {
  openapi: '3.0.0',
  servers: [{ url: 'https://reports.googleapis.com' }],
  paths: {
    '/v1/reports': {
      get: {
        responses: {
          '200': { content: { 'text/plain': { schema: { $ref: '#/components/schemas/Reports' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Reports: {
        type: 'object',
        properties: { reports: { type: 'array', items: { $ref: '#/components/schemas/Report' } } },
      },
      Report: { type: 'object', properties: { id: { type: 'string' } } },
    },
  },
};

const entry = (response: JsonObject): JsonObject => ({
  id: 'google.reports.reports',
  methods: {
    list: {
      operation: { $ref: '#/paths/~1v1~1reports/get' },
      response,
      // keys StackQL documents read but skyql has no use for: accepted and ignored
      servers: [{ url: 'https://reports.googleapis.com' }],
      projection_map: { a: 'b' },
      transform: { body: 'x' },
      inverse: { sqlVerb: { $ref: '#/resources/reports/methods/list' } },
      undo: {},
      config: { pagination: {} },
    },
  },
});

test('overrideMediaType: the body is read as the override, whatever the document or the response say', () => {
  const plain = buildResource(
    { provider: 'google', service: 'reports', doc },
    'reports',
    entry({ objectKey: '$.reports' }),
  ).methods[0];
  assert.equal(plain.response.mediaType, 'text/plain');
  const body = response(200, JSON.stringify({ reports: [{ id: 'r1' }] }), { 'content-type': 'text/plain' });
  assert.deepEqual(extractRows(plain, body), [{ column_anon: '{"reports":[{"id":"r1"}]}' }]);
  const json = buildResource(
    { provider: 'google', service: 'reports', doc },
    'reports',
    entry({
      mediaType: 'text/plain',
      overrideMediaType: 'application/json',
      asyncOverrideMediaType: 'application/json',
      async_schema_override: { $ref: '#/components/schemas/Report' },
      objectKey: '$.reports',
    }),
  ).methods[0];
  assert.equal(json.response.mediaType, 'application/json');
  assert.deepEqual(
    json.columns.map((c) => c.name),
    ['id'],
    'the schema still comes from the declared media type',
  );
  assert.deepEqual(extractRows(json, body), [{ id: 'r1' }]);
  assert.equal(json.entry.projection_map !== undefined, true, 'the entry is kept as written');
});
