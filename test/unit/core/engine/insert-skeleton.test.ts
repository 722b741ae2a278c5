/**
 * StackQL's SHOW INSERT skeleton on synthetic documents: each rule of the layout (ordering,
 * indentation, placeholders, read-only and REQUIRED filtering, map/array/object shapes) and the
 * corner cases where StackQL collapses or drops values. The goldens in test/golden/show-insert/
 * pin whole outputs for real resources.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../../../../src/core/catalog/model/catalog-types.js';
import { buildResource } from '../../../../src/core/catalog/openapi/build-resource.js';
import { insertSkeleton } from '../../../../src/core/engine/statements/insert-skeleton.js';

const STANDARD = [
  { in: 'query', name: 'alt', schema: { type: 'string' } },
  { in: 'query', name: 'prettyPrint', schema: { type: 'boolean' } },
];

/** A document with one resource `things` whose `insert` posts `body` (a schema or a $ref). */
function skeleton(
  body: JsonObject | undefined,
  schemas: JsonObject,
  options = { extended: false, requiredOnly: false },
  request: JsonObject = {},
): string {
  const post: JsonObject = {
    parameters: [
      { in: 'path', name: 'zone', required: true, schema: { type: 'string' } },
      { in: 'path', name: 'count', required: true, schema: { type: 'integer' } },
      { in: 'query', name: 'requestId', schema: { type: 'string' } },
    ],
    responses: { '200': { description: 'ok' } },
  };
  if (body) post.requestBody = { content: { 'application/json': { schema: body } } };
  const doc: JsonObject = {
    paths: { '/v1/{zone}/{count}/things': { parameters: STANDARD, post } },
    components: { schemas },
  };
  const entry = {
    methods: {
      insert: { operation: { $ref: '#/paths/~1v1~1{zone}~1{count}~1things/post' }, request },
    },
  };
  const resource = buildResource({ provider: 'google', service: 'test', doc }, 'things', entry);
  return insertSkeleton(resource.fqn, resource.verbs.insert[0], doc, options);
}

const THING = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    size: { type: 'integer', format: 'int32' },
    enabled: { type: 'boolean' },
    selfLink: { type: 'string', readOnly: true },
    id: { type: 'string', readOnly: true },
  },
};

test('the whole layout: params sorted then body properties, read-only ones skipped', () => {
  assert.equal(
    skeleton({ $ref: '#/components/schemas/Thing' }, { Thing: THING }),
    [
      '<<<jsonnet',
      '{',
      '   count: << count >>,',
      '   zone: << zone >>,',
      '   data__enabled:    << data__enabled >>,',
      '   data__name:    << data__name >>,',
      '   data__size:    << data__size >>',
      '}',
      '>>>',
      'INSERT INTO google.test.things(',
      '  count,',
      '  zone,',
      '  data__enabled,',
      '  data__name,',
      '  data__size',
      ')',
      'SELECT',
      '   {{ .values.count }},',
      "  '{{ .values.zone }}',",
      '   {{ .values.data__enabled }},',
      "  '{{ .values.data__name }}',",
      '   {{ .values.data__size }}',
      ';',
      '',
    ].join('\n'),
  );
});

test('EXTENDED lists every non-body parameter; REQUIRED keeps required ones and required properties', () => {
  const ext = skeleton(
    { $ref: '#/components/schemas/Thing' },
    { Thing: THING },
    { extended: true, requiredOnly: false },
  );
  assert.match(
    ext,
    /^\{\n {3}alt: << alt >>,\n {3}count: << count >>,\n {3}prettyPrint: << prettyPrint >>,\n {3}requestId: << requestId >>,\n {3}zone: << zone >>,\n/m,
  );
  assert.match(ext, /\n {3}\{\{ \.values\.prettyPrint \}\},\n {2}'\{\{ \.values\.requestId \}\}',\n/);
  const req = skeleton(
    { $ref: '#/components/schemas/Thing' },
    { Thing: THING },
    { extended: true, requiredOnly: true },
  );
  assert.match(req, /^INSERT INTO google\.test\.things\(\n {2}count,\n {2}zone,\n {2}data__name\n\)$/m);
});

test('request.required brings back a read-only property and counts as required', () => {
  const out = skeleton(
    { $ref: '#/components/schemas/Thing' },
    { Thing: THING },
    { extended: false, requiredOnly: true },
    { required: ['selfLink'] },
  );
  assert.match(out, /\n {2}data__name,\n {2}data__selfLink\n\)/);
});

const NESTED = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        label: { type: 'string' },
        replicas: { type: 'integer' },
        deep: { type: 'object', properties: { x: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' } },
        env: { type: 'object', additionalProperties: { type: 'string' } },
        empty: { type: 'object' },
      },
    },
    items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    weights: { type: 'object', additionalProperties: { type: 'number' } },
  },
};
const ITEM = {
  type: 'object',
  properties: { key: { type: 'string' }, sub: { $ref: '#/components/schemas/Item' } },
};

test('objects below the first level collapse; maps, arrays and nested maps keep their shapes', () => {
  const out = skeleton({ $ref: '#/components/schemas/Req' }, { Req: NESTED, Item: ITEM });
  const [block, sql] = out.split('>>>\n');
  assert.equal(
    block,
    [
      '<<<jsonnet',
      '{',
      '   count: << count >>,',
      '   zone: << zone >>,',
      '   data__items:    [ {',
      '     key: << key >>,',
      '     sub: << sub >>',
      '     } ],',
      '   data__labels:    {',
      '   << data__labels[0].key >>: << data__labels[0].val >>',
      '   },',
      '   data__spec:    {',
      '   deep: << deep >>,',
      '   env: {',
      '     << env[0].key >>: << env[0].val >>',
      '     },',
      '   label: << label >>,',
      '   replicas: << replicas >>,',
      '   tags: [ << tags[0] >> ]',
      '   },',
      '   data__weights:    {',
      '   << data__weights[0].key >>: << data__weights[0].val >>',
      '   }',
      '}',
      '',
    ].join('\n'),
  );
  const exprs = sql.split('SELECT\n')[1].split(',\n');
  assert.deepEqual(exprs.slice(2), [
    `  '[ { "key": "{{ .values.data__items[0].key }}", "sub": "{{ .values.data__items[0].sub }}" } ]'`,
    `  '{ "{{ .values.data__labels[0].key }}": "{{ .values.data__labels[0].val }}" }'`,
    `  '{ "deep": "{{ .values.data__spec.deep }}", "env": { "{{ .values.data__spec.env[0].key }}": "{{ .values.data__spec.env[0].val }}" }, "label": "{{ .values.data__spec.label }}", "replicas": {{ .values.data__spec.replicas }}, "tags": [ "{{ .values.data__spec.tags[0] }}" ] }'`,
    `  '{ "{{ .values.data__weights[0].key }}": {{ .values.data__weights[0].val }} }'\n;\n`,
  ]);
});

test('titled schemas expand until a title repeats on the way down', () => {
  const schemas = {
    Req: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
    A: { title: 'A', type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
    B: {
      title: 'B',
      type: 'object',
      properties: { again: { $ref: '#/components/schemas/A' }, v: { type: 'string' } },
    },
  };
  assert.match(
    skeleton({ $ref: '#/components/schemas/Req' }, schemas),
    /'\{ "b": \{ "again": "\{\{ \.values\.data__a\.b\.again \}\}", "v": "\{\{ \.values\.data__a\.b\.v \}\}" \} \}'/,
  );
  // Google's schemas have no titles: every object below the first level is one value.
  const untitled = {
    ...schemas,
    A: { ...schemas.A, title: undefined },
    B: { ...schemas.B, title: undefined },
  };
  assert.match(
    skeleton({ $ref: '#/components/schemas/Req' }, untitled),
    /\n {2}'\{ "b": "\{\{ \.values\.data__a\.b \}\}" \}'\n/,
  );
});

test('StackQL drops the whole body when an array has no items, and objects that yield nothing', () => {
  const noItems = { type: 'object', properties: { a: { type: 'string' }, list: { type: 'array' } } };
  assert.match(skeleton(noItems, {}), /INSERT INTO google\.test\.things\(\n {2}count,\n {2}zone\n\)/);
  const emptyObject = { type: 'object', properties: { a: { type: 'string' }, free: { type: 'object' } } };
  assert.match(skeleton(emptyObject, {}), /\n {2}zone,\n {2}data__a\n\)/);
});

test('no body, or a body that is not an object: the parameters only', () => {
  const params =
    "INSERT INTO google.test.things(\n  count,\n  zone\n)\nSELECT\n   {{ .values.count }},\n  '{{ .values.zone }}'\n;\n";
  assert.ok(skeleton(undefined, {}).endsWith(`>>>\n${params}`));
  assert.ok(skeleton({ type: 'array', items: { type: 'string' } }, {}).endsWith(`>>>\n${params}`));
  const onlyMap = { type: 'object', additionalProperties: { type: 'string' } };
  assert.match(skeleton(onlyMap, {}), /\n {3}data__k1: {4}<< data__k1 >>\n\}/);
});
