import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { deref, isObject } from '../../../core/catalog/openapi/json-pointer.js';
import { operationParams, readServers } from '../../../core/catalog/openapi/method-params.js';
import { parseObjectKey, rowSchema } from '../../../core/catalog/openapi/object-key.js';
import { operationLocation } from '../../../core/catalog/openapi/operation-ref.js';
import { resolveSchema, schemaProperties, schemaType } from '../../../core/catalog/openapi/schema-shape.js';
import { parsePathTemplate } from '../../../core/catalog/path-template.js';
import { NEXT_PAGE_TOKEN } from '../../../core/http/pagination.js';
import { getOrCreate } from '../state/state-store.js';
import { CLASSIFIER_SOURCE, classifyRoute } from './route-classifier.js';
import type { ListKey, ResourceShape, ResponseStyle, RouteSpec } from './route-spec.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** A path segment naming an API version: v1, v1beta1, v2alpha, v1p1beta1. */
const VERSION_SEGMENT = /^v\d+[a-z0-9]*$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A server URL split into host and base path (`https://compute.googleapis.com/compute/v1`). */
export function splitServerUrl(url: string): { host: string; basePath: string } | undefined {
  const m = /^https?:\/\/([^/]+)(\/.*)?$/.exec(url.trim());
  if (!m) return undefined;
  return { host: m[1].toLowerCase(), basePath: (m[2] ?? '').replace(/\/+$/, '') };
}

/** The resource entries of a document in the current layout: its `x-stackQL-resources`. */
function embeddedEntries(doc: JsonObject): JsonObject {
  const components = isObject(doc.components) ? doc.components : {};
  return isObject(components['x-stackQL-resources']) ? components['x-stackQL-resources'] : {};
}

/** `METHOD path` → objectKey, from the methods of the resource entries that read the document. */
function objectKeys(resources: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const res of Object.values(resources)) {
    if (!isObject(res) || !isObject(res.methods)) continue;
    for (const m of Object.values(res.methods)) {
      if (!isObject(m) || !isObject(m.response)) continue;
      const key = str(m.response.objectKey);
      const where = operationLocation(m);
      if (key && where) out.set(`${where.httpMethod} ${where.path}`, key);
    }
  }
  return out;
}

/** Shapes by `$ref`, per document (compute has ~800 operations over a few hundred schemas). */
const shapeCache = new WeakMap<JsonObject, Map<string, ResourceShape | undefined>>();

function shapeOf(doc: JsonObject, schema: unknown): ResourceShape | undefined {
  if (schema === undefined) return undefined;
  const ref =
    isObject(schema) && typeof schema.$ref === 'string' && Object.keys(schema).length === 1
      ? schema.$ref
      : undefined;
  if (ref === undefined) return computeShape(doc, schema);
  const cache = getOrCreate(shapeCache, doc, () => new Map<string, ResourceShape | undefined>());
  if (!cache.has(ref)) cache.set(ref, computeShape(doc, schema));
  return cache.get(ref);
}

function computeShape(doc: JsonObject, schema: unknown): ResourceShape | undefined {
  const props = schemaProperties(doc, schema);
  if (props.size === 0)
    return { props: [], ref: isObject(schema) ? str(schema.$ref) || undefined : undefined };
  const prop = (name: string) => (props.has(name) ? resolveSchema(doc, props.get(name)) : undefined);
  const enumOf = (name: string) => {
    const e = prop(name)?.enum;
    return Array.isArray(e) ? e.map(String) : undefined;
  };
  const kind = prop('kind')?.default;
  const idFormat = props.get('id')?.format ?? prop('id')?.format;
  return {
    props: [...props.keys()],
    kind: typeof kind === 'string' ? kind : undefined,
    idFormat: typeof idFormat === 'string' ? idFormat : undefined,
    statusEnum: enumOf('status'),
    stateEnum: enumOf('state'),
    ref: isObject(schema) ? str(schema.$ref) || undefined : undefined,
  };
}

function responseStyle(shape: ResourceShape | undefined): ResponseStyle {
  if (shape === undefined || shape.props.length === 0) return 'empty';
  const has = (p: string) => shape.props.includes(p);
  if (has('operationType') && has('targetLink') && has('status')) return 'computeOperation';
  if (has('done') && has('name') && (has('response') || has('error'))) return 'longrunning';
  if (has('contentType') && has('data') && shape.props.length <= 3) return 'httpBody';
  return 'resource';
}

function successResponse(
  doc: JsonObject,
  op: JsonObject,
): { status: number; schema: JsonObject | undefined } {
  const responses = isObject(op.responses) ? op.responses : {};
  const code = Object.keys(responses).find((k) => /^2\d\d$/.test(k)) ?? '200';
  const resp = deref(doc, responses[code]);
  const content = isObject(resp) && isObject(resp.content) ? resp.content : {};
  const media = content['application/json'] ?? Object.values(content)[0];
  return {
    status: Number(code),
    schema: isObject(media) && isObject(media.schema) ? media.schema : undefined,
  };
}

function requestBody(
  doc: JsonObject,
  op: JsonObject,
): { mediaType: string | undefined; schema: JsonObject | undefined } {
  const body = deref(doc, op.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : undefined;
  if (!content) return { mediaType: undefined, schema: undefined };
  const mediaType = Object.keys(content)[0];
  const media = content[mediaType];
  return { mediaType, schema: isObject(media) && isObject(media.schema) ? media.schema : undefined };
}

/** The array property of a list response: `items` when present, else the first array of objects. */
function listKeyOf(
  doc: JsonObject,
  schema: JsonObject | undefined,
  objectKey: string | undefined,
  aggregated: boolean,
): ListKey | undefined {
  if (schema === undefined) return undefined;
  const props = schemaProperties(doc, schema);
  let key: string | undefined;
  let inner: string | undefined;
  if (objectKey !== undefined) {
    const steps = parseObjectKey(objectKey);
    if (steps[0]?.kind === 'key') key = steps[0].name;
    const innerStep = steps.slice(1).find((s) => s.kind === 'key');
    if (innerStep?.kind === 'key') inner = innerStep.name;
  }
  if (key === undefined || !props.has(key)) {
    key = props.has('items') ? 'items' : [...props].find(([, p]) => schemaType(doc, p) === 'array')?.[0];
  }
  if (key === undefined) return undefined;
  const target = resolveSchema(doc, props.get(key));
  const isMap = schemaType(doc, target) !== 'array' && isObject(target.additionalProperties);
  if (aggregated || isMap) {
    if (inner === undefined && isObject(target.additionalProperties)) {
      inner = [...schemaProperties(doc, target.additionalProperties)].find(
        ([, p]) => schemaType(doc, p) === 'array',
      )?.[0];
    }
    return { kind: 'aggregated', inner };
  }
  return { kind: 'plain', key };
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The query parameter carrying a new resource's id: `<singular collection>Id`, else one ending in `Id`. */
function idParamOf(queryNames: readonly string[], collectionWord: string | undefined): string | undefined {
  const candidates = queryNames.filter((n) => /[a-z]Id$/.test(n) && n !== 'requestId');
  if (collectionWord !== undefined) {
    const exact = candidates.find(
      (n) => n === `${singular(collectionWord)}Id` || n === `${collectionWord}Id`,
    );
    if (exact) return exact;
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The property of an update request wrapper (`{topic, updateMask}`) holding the resource. */
function wrapperKeyOf(
  doc: JsonObject,
  schema: JsonObject | undefined,
  responseRef: string | undefined,
): string | undefined {
  if (schema === undefined) return undefined;
  const props = schemaProperties(doc, schema);
  if (!props.has('updateMask')) return undefined;
  const objects = [...props].filter(
    ([k, p]) => k !== 'updateMask' && (str(p.$ref) !== '' || schemaType(doc, p) === 'object'),
  );
  const same = objects.find(([, p]) => responseRef !== undefined && str(p.$ref) === responseRef);
  return (same ?? (objects.length === 1 ? objects[0] : undefined))?.[0];
}

/**
 * Compiles every operation of a service document into routes: where it is served (host and full
 * path template), what it does (list, get, create…, custom verbs, IAM, DICOMweb), where its list
 * rows go (the method's objectKey, either form), and how its response looks. `resources` are the
 * resource entries that read `doc` (default: its own `x-stackQL-resources`; in the older layout,
 * the register's resources that name this document).
 */
export function compileService(
  service: string,
  doc: JsonObject,
  resources: JsonObject = embeddedEntries(doc),
): RouteSpec[] {
  const keys = objectKeys(resources);
  const routes: RouteSpec[] = [];
  const docServer = readServers(doc.servers)[0];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const lower of HTTP_METHODS) {
      const op = item[lower];
      if (!isObject(op)) continue;
      const server = readServers(op.servers ?? item.servers)[0] ?? docServer;
      const where = server ? splitServerUrl(server.url) : undefined;
      if (!where) continue;
      routes.push(compileOperation(service, doc, where, path, lower.toUpperCase(), item, op, keys));
    }
  }
  return routes;
}

function compileOperation(
  service: string,
  doc: JsonObject,
  where: { host: string; basePath: string },
  path: string,
  method: string,
  item: JsonObject,
  op: JsonObject,
  keys: Map<string, string>,
): RouteSpec {
  const template = `${where.basePath}${path.startsWith('/') ? path : `/${path}`}`;
  const segments = parsePathTemplate(template);
  let keyStart = parsePathTemplate(where.basePath).length;
  const first = segments[keyStart];
  if (first?.kind === 'literal' && VERSION_SEGMENT.test(first.text) && segments.length > keyStart + 1)
    keyStart++;
  const operationId = str(op.operationId);
  const verb = operationId.split('.').pop() ?? '';
  const queryParams = operationParams(doc, item, op)
    .filter((p) => p.location === 'query')
    .map((p) => ({ name: p.name, required: p.required }));
  const response = successResponse(doc, op);
  const responseShape = shapeOf(doc, response.schema);
  const style = responseStyle(responseShape);
  const listLike = responseShape?.props.includes(NEXT_PAGE_TOKEN) === true;
  const c = classifyRoute({ method, segments, keyStart, verb, listLike });
  const request = requestBody(doc, op);
  const objectKey = keys.get(`${method} ${path}`);
  let listKey: ListKey | undefined;
  let resource: ResourceShape | undefined;
  if (c.kind === 'list' || c.kind === 'aggregatedList') {
    listKey = listKeyOf(doc, response.schema, objectKey, c.kind === 'aggregatedList');
    resource =
      listKey?.kind === 'plain' ? shapeOf(doc, rowSchema(doc, response.schema, listKey.key)) : undefined;
    if (listKey?.kind === 'aggregated' && response.schema) {
      const aggKey = objectKey ?? (listKey.inner ? `$.items[*].${listKey.inner}[*]` : undefined);
      resource = aggKey ? shapeOf(doc, rowSchema(doc, response.schema, aggKey)) : undefined;
    }
  } else if (style === 'resource' && c.kind !== 'custom') {
    resource = responseShape;
  }
  const bodyWrapperKey =
    c.kind === 'patch' || c.kind === 'update'
      ? wrapperKeyOf(doc, request.schema, responseShape?.ref)
      : undefined;
  if (
    resource === undefined &&
    request.schema &&
    (c.kind === 'create' || c.kind === 'update' || c.kind === 'patch')
  ) {
    const props = bodyWrapperKey ? schemaProperties(doc, request.schema).get(bodyWrapperKey) : request.schema;
    resource = shapeOf(doc, props);
  }
  const lastKey = segments[c.keyEnd - 1];
  const collectionWord =
    c.kind === 'create' && c.targetIsCollection && lastKey?.kind === 'literal' ? lastKey.text : undefined;
  return {
    service,
    host: where.host,
    method,
    template,
    segments,
    keyStart,
    keyEnd: c.keyEnd,
    colonLiteral: c.colonLiteral,
    linkPrefix: segments.slice(0, keyStart).length
      ? `/${segments
          .slice(0, keyStart)
          .map((s) => (s.kind === 'literal' ? s.text : ''))
          .join('/')}`
      : '',
    operationId,
    verb,
    kind: c.kind,
    targetIsCollection: c.targetIsCollection,
    customVerb: c.customVerb,
    queryParams,
    idParam:
      c.kind === 'create' && c.targetIsCollection
        ? idParamOf(
            queryParams.map((p) => p.name),
            collectionWord,
          )
        : undefined,
    listKey,
    successStatus: response.status,
    response: style,
    responseShape,
    resource,
    bodyWrapperKey,
    requestMediaType: request.mediaType,
  };
}

let fingerprint: string | undefined;

/**
 * A hash of the code that turns documents into routes (this module, the classifier, the template
 * parser and the catalog helpers it uses), so cached routes are recompiled when that code changes.
 */
export function compilerFingerprint(): string {
  fingerprint ??= createHash('sha1')
    .update(
      [
        str,
        splitServerUrl,
        embeddedEntries,
        objectKeys,
        operationLocation,
        shapeOf,
        computeShape,
        responseStyle,
        successResponse,
        requestBody,
        listKeyOf,
        singular,
        idParamOf,
        wrapperKeyOf,
        compileService,
        compileOperation,
        parsePathTemplate,
        operationParams,
        readServers,
        parseObjectKey,
        rowSchema,
        resolveSchema,
        schemaProperties,
        schemaType,
        deref,
      ]
        .map(String)
        .join('\n'),
    )
    .update(CLASSIFIER_SOURCE)
    .update(String(VERSION_SEGMENT))
    // the template parser's helpers are private: its output for every kind of segment stands in
    .update(JSON.stringify(parsePathTemplate('/v1/a/{b}/{+c}/{d=**}/{e}:verb/x-{f}')))
    .digest('hex')
    .slice(0, 16);
  return fingerprint;
}
