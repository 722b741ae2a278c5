import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../../../../src/core/catalog/model/catalog-types.js';
import { buildResource } from '../../../../src/core/catalog/openapi/build-resource.js';
import { resourcePage } from '../../../../src/tools/docs/resource-page.js';
import { codeBlock, section } from './google-docs.js';

const ref = (m: string) => ({ $ref: `#/components/x-stackQL-resources/widgets/methods/${m}` });
const json = (schema: JsonObject) => ({ content: { 'application/json': { schema } } });

/** A small service: a widget resource with every kind of method and a server variable. */
const doc: JsonObject = {
  servers: [
    { url: 'https://{region}.example.com', variables: { region: { default: 'us', description: 'Region.' } } },
  ],
  paths: {
    '/v1/widgets/{widget}': {
      get: {
        description: 'Gets a <widget>.',
        parameters: [{ in: 'path', name: 'widget', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ $ref: '#/components/schemas/Widget' }) },
      },
      put: {
        description: 'Replaces a widget.',
        parameters: [
          { in: 'path', name: 'widget', required: true, schema: { type: 'string' } },
          { in: 'query', name: 'force', schema: { type: 'boolean' } },
        ],
        requestBody: json({ $ref: '#/components/schemas/Widget' }),
        responses: { '200': json({ $ref: '#/components/schemas/Widget' }) },
      },
      delete: {
        parameters: [
          { in: 'path', name: 'widget', required: true, schema: { type: 'string' } },
          { in: 'query', name: 'etag', schema: { type: 'string' } },
        ],
        responses: { '204': { description: 'Gone' } },
      },
    },
    '/v1/widgets': {
      post: {
        description: 'Creates a widget.',
        requestBody: json({ $ref: '#/components/schemas/Widget' }),
        responses: { '200': json({ $ref: '#/components/schemas/Widget' }) },
      },
    },
    '/v1/widgets:ping': { post: { responses: { '200': json({ type: 'object', description: 'Pong.' }) } } },
  },
  components: {
    schemas: {
      Widget: {
        id: 'Widget',
        type: 'object',
        description: 'A widget.',
        required: ['size', 'label'],
        properties: {
          label: { type: 'string', description: 'Label.\nSecond line.' },
          size: { type: 'integer', format: 'int32', description: 'Size.' },
          enabled: { type: 'boolean', default: 'true' },
          kind: { type: 'string', enum: ['A', 'B'] },
          state: { type: 'string', readOnly: true, description: 'Output only.' },
        },
      },
    },
    'x-stackQL-resources': {
      widgets: {
        id: 'demo.things.widgets',
        name: 'widgets',
        methods: {
          get: {
            operation: { $ref: '#/paths/~1v1~1widgets~1{widget}/get' },
            response: { mediaType: 'application/json', openAPIDocKey: '200' },
          },
          create: {
            operation: { $ref: '#/paths/~1v1~1widgets/post' },
            response: { mediaType: 'application/json', openAPIDocKey: '200' },
          },
          replace: {
            operation: { $ref: '#/paths/~1v1~1widgets~1{widget}/put' },
            response: { mediaType: 'application/json', openAPIDocKey: '200' },
          },
          delete: {
            operation: { $ref: '#/paths/~1v1~1widgets~1{widget}/delete' },
            response: { mediaType: 'application/json', openAPIDocKey: '204' },
          },
          ping: {
            operation: { $ref: '#/paths/~1v1~1widgets:ping/post' },
            response: { mediaType: 'application/json', openAPIDocKey: '200' },
          },
        },
        sqlVerbs: {
          select: [ref('get')],
          insert: [ref('create')],
          update: [],
          replace: [ref('replace')],
          delete: [ref('delete')],
        },
      },
    },
  },
};

const resources = doc.components as { 'x-stackQL-resources': Record<string, JsonObject> };
const widgets = buildResource(
  { provider: 'demo', service: 'things', doc },
  'widgets',
  resources['x-stackQL-resources'].widgets,
);
const page = resourcePage(widgets);

test('server variables are required parameters; MDX-unsafe text is escaped outside code', () => {
  assert.match(
    section(page, 'Methods'),
    /<td><a href="#parameter-widget"><code>widget<\/code><\/a>, <a href="#parameter-region"><code>region<\/code><\/a><\/td>/,
  );
  assert.match(
    section(page, 'Parameters'),
    /<tr id="parameter-region">\n {4}<td><CopyableCode code="region" \/><\/td>\n {4}<td><code>string<\/code><\/td>\n {4}<td>Region\. \(default: us\)<\/td>/,
  );
  assert.match(section(page, 'Methods'), /<td>Gets a &lt;widget&gt;\.<\/td>/);
  assert.match(section(page, 'Fields'), /<td>Label\. Second line\.<\/td>/);
});

test('INSERT marks required body fields and leaves numbers and booleans unquoted', () => {
  const sql = codeBlock(section(page, '`INSERT` examples'), 'sql');
  assert.match(sql, /\(\ndata__label,\ndata__size,\ndata__enabled,\ndata__kind,\nregion\n\)/);
  assert.match(
    sql,
    /SELECT \n'\{\{ label \}\}' --required,\n\{\{ size \}\} --required,\n\{\{ enabled \}\},\n'\{\{ kind \}\}',\n'\{\{ region \}\}'\nRETURNING\n/,
  );
  const manifest = codeBlock(section(page, '`INSERT` examples'), 'yaml');
  assert.match(
    manifest,
    / {4}- name: label\n {6}value: string\n {6}description: >\n {8}Label\.\n {8}Second line\.\n {8}\n/,
  );
  assert.match(manifest, / {4}- name: enabled\n {6}value: boolean\n {6}default: true\n/);
  assert.match(manifest, / {4}- name: kind\n {6}value: string\n {6}valid_values: \['A', 'B'\]\n/);
  assert.ok(!manifest.includes('state'));
});

test('REPLACE puts required body fields and optional parameters in the WHERE clause', () => {
  assert.equal(
    codeBlock(section(page, '`REPLACE` examples'), 'sql'),
    [
      'REPLACE demo.things.widgets',
      'SET ',
      "data__label = '{{ label }}',",
      'data__size = {{ size }},',
      'data__enabled = {{ enabled }},',
      "data__kind = '{{ kind }}'",
      'WHERE ',
      "widget = '{{ widget }}' --required",
      "AND region = '{{ region }}' --required",
      "AND data__size = '{{ size }}' --required",
      "AND data__label = '{{ label }}' --required",
      'AND force = {{ force}}',
      'RETURNING',
      'enabled,',
      'kind,',
      'label,',
      'size,',
      'state;',
      '',
    ].join('\n'),
  );
});

test('DELETE without a response body, EXEC without parameters or body', () => {
  assert.equal(
    codeBlock(section(page, '`DELETE` examples'), 'sql'),
    "DELETE FROM demo.things.widgets\nWHERE widget = '{{ widget }}' --required\nAND region = '{{ region }}' --required\nAND etag = '{{ etag }}';\n",
  );
  const lifecycle = section(page, 'Lifecycle Methods');
  assert.match(lifecycle, /<TabItem value="ping">\n\nPong\.\n\n/, 'falls back to the response description');
  assert.equal(
    codeBlock(lifecycle, 'sql'),
    "EXEC demo.things.widgets.ping \n@region='{{ region }}' --required;\n",
  );
});
