import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARED_DIR } from './paths.js';

/** StackQL's legacy test registry (older document layout), a src-shaped folder. */
export const LEGACY_DIR = join(SHARED_DIR, 'registry-legacy');

/** Its only Google version. */
export const LEGACY_VERSION = 'v0.1.2';

/**
 * `--registry` JSON for a src-shaped folder read in place; `localDocRoot` (where the JSON cache
 * goes) is kept apart so tests never write into the shared fixture.
 */
export function srcRegistryJson(dir: string, localDocRoot: string, srcPrefix?: string): string {
  return JSON.stringify({
    url: pathToFileURL(dir).href,
    localDocRoot,
    ...(srcPrefix === undefined ? {} : { srcPrefix }),
    verifyConfig: { nopVerify: true },
  });
}

/** Version of the synthetic older-layout provider below. */
export const TINY_LEGACY_VERSION = 'v0.0.1';

const V = `googleapis.com/${TINY_LEGACY_VERSION}`;

const PROVIDER = `id: google
name: google
providerServices:
  things:
    name: things
    preferred: true
    service:
      $ref: ${V}/services/things-v1.yaml
    resources:
      $ref: ${V}/resources/things-v1.yaml
    title: Things API
    version: v1
  plain:
    name: plain
    preferred: true
    service:
      $ref: ${V}/services/plain-v1.yaml
    resources:
      $ref: ${V}/resources/plain-v1.yaml
    title: Plain API
    version: v1
  gone:
    name: gone
    preferred: true
    service:
      $ref: ${V}/services/gone-v1.yaml
    title: Gone API
    version: v1
  gone:v2:
    name: gone
    preferred: false
    title: Gone API
    version: v2
  outside:
    name: outside
    preferred: true
    service:
      $ref: ../outside.yaml
    title: Outside API
    version: v1
`;

/** An OpenAPI document serving `/v1/projects/{project}/<collection>` (list, get, create, delete). */
function openApi(title: string, collections: readonly string[], extraPaths = ''): string {
  const paths = collections
    .map(
      (c) => `  /v1/projects/{project}/${c}:
    parameters:
      - {$ref: '#/components/parameters/alt'}
    get:
      operationId: things.${c}.list
      parameters:
        - {in: path, name: project, required: true, schema: {type: string}}
        - {in: query, name: pageToken, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/${c}List'}
    post:
      operationId: things.${c}.create
      parameters:
        - {in: path, name: project, required: true, schema: {type: string}}
        - {in: query, name: ${c.slice(0, -1)}Id, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /v1/projects/{project}/${c}/{item}:
    get:
      operationId: things.${c}.get
      parameters:
        - {in: path, name: project, required: true, schema: {type: string}}
        - {in: path, name: item, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
    delete:
      operationId: things.${c}.delete
      parameters:
        - {in: path, name: project, required: true, schema: {type: string}}
        - {in: path, name: item, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object}
`,
    )
    .join('');
  const lists = collections
    .map(
      (c) => `    ${c}List:
      type: object
      properties:
        ${c}: {type: array, items: {$ref: '#/components/schemas/Item'}}
        nextPageToken: {type: string}
`,
    )
    .join('');
  return `openapi: 3.0.0
info: {title: ${title}, version: v1}
servers:
  - url: https://things.googleapis.com
paths:
${paths}${extraPaths}components:
  parameters:
    alt: {in: query, name: alt, schema: {type: string}}
  schemas:
    Item:
      type: object
      required: [name]
      properties:
        name: {type: string, description: The item name.}
        size: {type: integer, format: int32}
        labels: {type: object, additionalProperties: {type: string}}
${lists}`;
}

/** The main document: widgets, plus a path with `~` in it (escaped `~0` in pointers). */
const MAIN_DOC = openApi(
  'Things main',
  ['widgets', 'dotted'],
  `  /v1/projects/{project}/odd~name:
    get:
      operationId: things.odd.list
      parameters:
        - {in: path, name: project, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/widgetsList'}
`,
);

/** A document split off the main one (StackQL's services-split), read by `gadgets` only. */
const GADGETS_DOC = openApi('Things gadgets', ['gadgets']);

const main = `${V}/services-split/things/things-main.yaml`;
const ptr = (path: string, verb: string) => `'#/paths/${path.replace(/\//g, '~1')}/${verb}'`;
const fileRef = (file: string, path: string, verb: string) => `'${file}${ptr(path, verb).slice(1)}`;

/**
 * The register of `things`: every reference form StackQL reads. `widgets` reads the register's
 * serviceDoc, `gadgets` its own; methods have custom names and an explicit precedence.
 */
const THINGS_REGISTER = `serviceDoc:
  $ref: ${main}
servers: []
resources:
  widgets:
    id: google.things.widgets
    name: widgets
    title: Widgets
    methods:
      getLost:
        operation:
          $ref: ${fileRef(`googleapis.com/v9.9.9/services-split/things/absent.yaml`, '/v1/projects/{project}/widgets/{item}', 'get')}
        response: {mediaType: application/json, openAPIDocKey: '200'}
      crazyList:
        operation:
          $ref: ${fileRef(main, '/v1/projects/{project}/widgets', 'get')}
        response:
          mediaType: application/json
          openAPIDocKey: '200'
          objectKey: $.widgets
          schema_override: {$ref: '#/components/schemas/widgetsList'}
        projection_map: {}
        transform: {}
        inverse: {}
        servers: [{url: 'https://things.googleapis.com'}]
      create:
        path:
          $ref: /v1/projects/{project}/widgets
        operation:
          $ref: post
        request:
          mediaType: application/json
          required: [labels]
        response:
          mediaType: application/json
          openAPIDocKey: '200'
          asyncOverrideMediaType: application/json
          async_schema_override: {$ref: '#/components/schemas/Item'}
      remove:
        operation: {$ref: ${ptr('/v1/projects/{project}/widgets/{item}', 'delete')}}
        response: {mediaType: application/json, openAPIDocKey: '200'}
        undo: {}
        config: {}
    sqlVerbs:
      select:
        - $ref: '#/resources/widgets/methods/getLost'
        - $ref: '#/components/x-stackQL-resources/widgets/methods/crazyList'
      delete:
        - $ref: '#/resources/widgets/methods/remove'
      update: []
  gadgets:
    id: google.things.gadgets
    name: gadgets
    title: Gadgets
    serviceDoc:
      $ref: ${V}/services-split/things/things-gadgets.yaml
    methods:
      list:
        operation:
          $ref: ${fileRef(`${V}/services-split/things/things-gadgets.yaml`, '/v1/projects/{project}/gadgets', 'GET')}
        response: {mediaType: application/json, objectKey: gadgets, overrideMediaType: application/json}
  projects.zones.dotted:
    id: google.things.projects.zones.dotted
    name: projects.zones.dotted
    title: A dotted name
    methods:
      list:
        operation: {$ref: ${ptr('/v1/projects/{project}/dotted', 'get')}}
        response: {mediaType: application/json, objectKey: $.dotted}
  odd:
    id: google.things.odd
    name: odd
    title: A path with a tilde
    methods:
      list:
        operation: {$ref: '#/paths/~1v1~1projects~1{project}~1odd~0name/get'}
        response: {mediaType: application/json}
`;

/** A register without a serviceDoc: its resources read the provider entry's `service`. */
const PLAIN_REGISTER = `servers: []
resources:
  items:
    id: google.plain.items
    name: items
    title: Items
    methods:
      list:
        operation: {$ref: ${ptr('/v1/projects/{project}/items', 'get')}}
        response: {mediaType: application/json, objectKey: $.items}
`;

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Writes a src-shaped registry at `dir` holding a tiny Google provider in the older layout (under
 * `<dir>/<srcPrefix>`, default `src`): `things` (a register over two split documents, custom method
 * names, every reference form, a dotted resource name), `plain` (a register without serviceDoc),
 * `gone` (its service document is absent) and `outside` (a reference leaving the doc root).
 */
export function writeTinyLegacyRegistry(dir: string, srcPrefix = 'src'): string {
  const root = join(dir, srcPrefix);
  put(join(root, V, 'provider.yaml'), PROVIDER);
  put(join(root, V, 'resources', 'things-v1.yaml'), THINGS_REGISTER);
  put(join(root, V, 'resources', 'plain-v1.yaml'), PLAIN_REGISTER);
  put(join(root, main), MAIN_DOC);
  put(join(root, V, 'services-split', 'things', 'things-gadgets.yaml'), GADGETS_DOC);
  put(join(root, V, 'services', 'plain-v1.yaml'), openApi('Plain', ['items']));
  put(join(dir, 'outside.yaml'), openApi('Outside', ['secrets']));
  return dir;
}
