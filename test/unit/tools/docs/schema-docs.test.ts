import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderFields, responseDoc, toDocField } from '../../../../src/tools/docs/response-fields.js';
import { derefMerged, typeWithFormat } from '../../../../src/tools/docs/schema-deref.js';

const doc = {
  components: {
    schemas: {
      Spec: { id: 'Spec', description: 'The spec.', type: 'object', properties: { a: { type: 'string' } } },
      Alias: { $ref: '#/components/schemas/Spec', title: 'alias' },
      List: {
        id: 'List',
        type: 'object',
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Spec' } },
          nextPageToken: { type: 'string' },
        },
      },
    },
  },
};

test('derefMerged: own keys first, then the referenced schema keys not already present', () => {
  const merged = derefMerged(doc, { description: 'own', $ref: '#/components/schemas/Spec' });
  assert.deepEqual(Object.keys(merged), ['description', 'id', 'type', 'properties']);
  assert.equal(merged.description, 'own');
  const chained = derefMerged(doc, { $ref: '#/components/schemas/Alias' });
  assert.deepEqual(Object.keys(chained), ['title', 'id', 'description', 'type', 'properties']);
  assert.deepEqual(derefMerged(doc, { $ref: '#/components/schemas/Missing' }), {});
});

test('toDocField: type (format), one-line description, other string attributes appended', () => {
  assert.deepEqual(toDocField('data', { type: 'string', format: 'byte', description: 'Raw\nbytes.' }), {
    name: 'data',
    type: 'string (byte)',
    description: 'Raw bytes.',
  });
  assert.equal(
    toDocField('spec', derefMerged(doc, { description: 'Its spec.', $ref: '#/components/schemas/Spec' }))
      .description,
    'Its spec. (id: Spec)',
  );
  assert.equal(
    toDocField('name', {
      type: 'string',
      description: 'Name.',
      pattern: '[a-z]+',
      default: 'x',
      readOnly: true,
    }).description,
    'Name. (pattern: [a-z]+, default: x)',
  );
  assert.equal(typeWithFormat({}), '');
});

test('orderFields: id and name, then *_id, then *_name, then the rest, each in code-unit order', () => {
  const names = ['zeta', 'Alpha', 'name', 'owner_name', 'id', 'parent_id', 'alpha', 'a_id'];
  assert.deepEqual(
    orderFields(names.map((name) => ({ name }))).map((f) => f.name),
    ['id', 'name', 'a_id', 'parent_id', 'owner_name', 'Alpha', 'alpha', 'zeta'],
  );
});

test('responseDoc: the whole response body (objectKey not applied), response description as fallback', () => {
  const op = {
    responses: {
      '200': {
        description: 'Successful response',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/List' } } },
      },
    },
  };
  const r = responseDoc(doc, op, {
    mediaType: 'application/json',
    openAPIDocKey: '200',
    objectKey: '$.items',
  });
  assert.equal(r.description, 'Successful response');
  assert.deepEqual(
    r.fields.map((f) => [f.name, f.type]),
    [
      ['items', 'array'],
      ['nextPageToken', 'string'],
    ],
  );
  assert.deepEqual(responseDoc(doc, op, { mediaType: 'application/xml' }), {
    description: 'Successful response',
    fields: [],
  });
  assert.deepEqual(responseDoc(doc, op, { mediaType: 'application/json', openAPIDocKey: '204' }), {
    description: '',
    fields: [],
  });
});
