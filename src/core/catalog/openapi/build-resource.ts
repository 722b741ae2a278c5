import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type {
  JsonObject,
  Method,
  Resource,
  ResponseSpec,
  SchemaColumn,
  SqlVerb,
} from '../model/catalog-types.js';
import { deref, isObject, resolvePointer } from './json-pointer.js';
import { bodyParams, operationParams, readServers, serverParams } from './method-params.js';
import { rowSchema } from './object-key.js';
import { operationLocation, operationRefText } from './operation-ref.js';
import { schemaColumns, schemaDescription, schemaFormat, schemaType } from './schema-shape.js';

const VERBS = ['select', 'insert', 'update', 'replace', 'delete'] as const;
type TableVerb = (typeof VERBS)[number];

/** StackQL's name-based fallback when a verb key is absent from `sqlVerbs` (not when it is empty). */
const NAME_FALLBACK: Readonly<Record<TableVerb, readonly string[]>> = {
  select: ['select', 'list', 'aggregatedList', 'get'],
  insert: ['insert', 'create'],
  update: [],
  replace: [],
  delete: ['delete'],
};

/** Identifies the service a resource belongs to and the document it resolves against. */
export interface ServiceContext {
  readonly provider: string;
  readonly service: string;
  /** The resource's OpenAPI document (the service document, or its own `serviceDoc`). */
  readonly doc: JsonObject;
  /** The document's `$ref`, named in errors; absent for documents built in memory. */
  readonly docRef?: string;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function responseSpec(doc: unknown, op: JsonObject, spec: JsonObject): ResponseSpec {
  const responses = isObject(op.responses) ? op.responses : {};
  const key = str(spec.openAPIDocKey) || Object.keys(responses).find((k) => k.startsWith('2')) || '200';
  const response = deref(doc, responses[key]);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const mediaType = str(spec.mediaType) || Object.keys(content)[0] || 'application/json';
  const media = content[mediaType] ?? Object.values(content)[0];
  let schema = isObject(media) && isObject(media.schema) ? media.schema : undefined;
  if (isObject(spec.schema_override)) schema = spec.schema_override;
  return {
    // StackQL parses the body as `overrideMediaType` whatever the response's Content-Type says
    mediaType: str(spec.overrideMediaType) || mediaType,
    openAPIDocKey: key,
    objectKey: str(spec.objectKey) || undefined,
    schema,
  };
}

/** Row columns of a response; a scalar row (string, integer…) is the single column `column_anon`. */
function responseColumns(doc: unknown, response: ResponseSpec): SchemaColumn[] {
  const row = rowSchema(doc, response.schema, response.objectKey);
  if (row === undefined) return [];
  const type = schemaType(doc, row);
  if (type !== 'object') {
    return [
      {
        name: 'column_anon',
        type,
        format: schemaFormat(doc, row),
        description: schemaDescription(doc, row),
        schema: row,
      },
    ];
  }
  return schemaColumns(doc, row);
}

function buildMethod(ctx: ServiceContext, fqn: string, name: string, raw: JsonObject, verb: SqlVerb): Method {
  const where = operationLocation(raw);
  const pathItem = where ? resolvePointer(ctx.doc, where.pathPointer) : undefined;
  const op = where && isObject(pathItem) ? pathItem[where.httpMethod.toLowerCase()] : undefined;
  if (!where || !isObject(pathItem) || !isObject(op)) {
    const inDoc = ctx.docRef ? ` in ${ctx.docRef}` : '';
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `method ${fqn}.${name} refers to a missing operation '${operationRefText(raw)}'${inDoc}`,
    );
  }
  const servers = readServers(raw.servers ?? op.servers ?? pathItem.servers ?? ctx.doc.servers);
  const request = isObject(raw.request) ? raw.request : {};
  const body = deref(ctx.doc, op.requestBody);
  const bodyContent = isObject(body) && isObject(body.content) ? body.content : undefined;
  const requestMediaType = bodyContent ? str(request.mediaType) || Object.keys(bodyContent)[0] : undefined;
  const bodyMedia = bodyContent && requestMediaType ? bodyContent[requestMediaType] : undefined;
  const requestSchema = isObject(bodyMedia) && isObject(bodyMedia.schema) ? bodyMedia.schema : undefined;
  const extraRequired = Array.isArray(request.required) ? request.required.map(String) : [];
  const response = responseSpec(ctx.doc, op, isObject(raw.response) ? raw.response : {});
  return {
    name,
    resourceFqn: fqn,
    verb,
    httpMethod: where.httpMethod,
    path: where.path,
    servers,
    description: str(op.description).trim() || str(op.summary).trim(),
    operationId: str(op.operationId) || undefined,
    params: [
      ...operationParams(ctx.doc, pathItem, op),
      ...bodyParams(ctx.doc, requestSchema, extraRequired),
      ...serverParams(servers),
    ],
    requestMediaType,
    requestSchema,
    response,
    columns: responseColumns(ctx.doc, response),
    config: isObject(raw.config) ? raw.config : undefined,
    entry: raw,
  };
}

/** Method names listed under one verb of `sqlVerbs`, in order (`$ref` → last path segment). */
function verbMethodNames(
  sqlVerbs: JsonObject | undefined,
  verb: TableVerb,
  methodNames: readonly string[],
): string[] {
  const list = sqlVerbs?.[verb];
  if (Array.isArray(list)) {
    return list
      .map((r) => (isObject(r) ? (str(r.$ref).split('/').pop() ?? '') : ''))
      .map((n) => n.replace(/~1/g, '/').replace(/~0/g, '~'))
      .filter((n) => methodNames.includes(n));
  }
  return NAME_FALLBACK[verb].filter((n) => methodNames.includes(n));
}

/**
 * Builds a Resource from its entry (in `x-stackQL-resources` or a resource register): methods in
 * document order bound to their operations in `ctx.doc`, each tagged with the first SQL verb that
 * lists it (others are EXEC methods).
 */
export function buildResource(ctx: ServiceContext, name: string, entry: JsonObject): Resource {
  const fqn = `${ctx.provider}.${ctx.service}.${name}`;
  const rawMethods = isObject(entry.methods) ? entry.methods : {};
  const methodNames = Object.keys(rawMethods);
  const sqlVerbs = isObject(entry.sqlVerbs) ? entry.sqlVerbs : undefined;
  const verbOf = new Map<string, SqlVerb>();
  const verbNames = {} as Record<TableVerb, string[]>;
  for (const verb of VERBS) {
    verbNames[verb] = verbMethodNames(sqlVerbs, verb, methodNames);
    for (const m of verbNames[verb]) if (!verbOf.has(m)) verbOf.set(m, verb);
  }
  const methods = methodNames.map((m) =>
    buildMethod(ctx, fqn, m, rawMethods[m] as JsonObject, verbOf.get(m) ?? 'exec'),
  );
  const byName = new Map(methods.map((m) => [m.name, m]));
  const verbs = {} as Record<TableVerb, Method[]>;
  for (const verb of VERBS) verbs[verb] = verbNames[verb].map((n) => byName.get(n) as Method);
  return {
    provider: ctx.provider,
    service: ctx.service,
    name,
    fqn,
    id: str(entry.id) || fqn,
    title: str(entry.title),
    description: str(entry.description).trim(),
    methods,
    verbs,
    config: isObject(entry.config) ? entry.config : undefined,
    doc: ctx.doc,
  };
}
