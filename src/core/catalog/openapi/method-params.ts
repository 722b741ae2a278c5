import type { JsonObject, MethodParam, ParamLocation, ServerSpec } from '../model/catalog-types.js';
import { deref, isObject } from './json-pointer.js';
import { schemaDescription, schemaFormat, schemaProperties, schemaType } from './schema-shape.js';

/** Prefix StackQL gives request-body fields used as SQL columns. */
const BODY_PREFIX = 'data__';

function toParam(doc: unknown, raw: JsonObject, shared: boolean): MethodParam | undefined {
  const p = deref(doc, raw);
  if (!isObject(p) || typeof p.name !== 'string') return undefined;
  const where = p.in === 'path' || p.in === 'header' ? p.in : p.in === 'query' ? 'query' : undefined;
  if (where === undefined) return undefined; // cookie parameters are not supported by StackQL either
  const schema = isObject(p.schema) ? p.schema : undefined;
  return {
    name: p.name,
    wireName: p.name,
    location: where as ParamLocation,
    required: where === 'path' || p.required === true,
    type: schema ? schemaType(doc, schema) : 'string',
    format: schema ? schemaFormat(doc, schema) : undefined,
    description:
      typeof p.description === 'string'
        ? p.description.trim()
        : schema
          ? schemaDescription(doc, schema).trim()
          : '',
    shared,
    schema,
  };
}

/**
 * Path, query and header parameters of an operation: path-item-level ones (Google's standard query
 * parameters, marked `shared`) overridden by operation-level ones with the same name and location.
 */
export function operationParams(doc: unknown, pathItem: JsonObject, op: JsonObject): MethodParam[] {
  const byKey = new Map<string, MethodParam>();
  const add = (list: unknown, shared: boolean) => {
    if (!Array.isArray(list)) return;
    for (const raw of list) {
      const p = isObject(raw) ? toParam(doc, raw, shared) : undefined;
      if (p) byKey.set(`${p.location}:${p.name}`, p);
    }
  };
  add(pathItem.parameters, true);
  add(op.parameters, false);
  return [...byKey.values()];
}

/** `data__<field>` parameters of a request body schema; required from the schema and `request.required`. */
export function bodyParams(
  doc: unknown,
  schema: JsonObject | undefined,
  extraRequired: readonly string[],
): MethodParam[] {
  if (schema === undefined) return [];
  const s = deref(doc, schema);
  const required = new Set<string>([
    ...(isObject(s) && Array.isArray(s.required) ? s.required.map(String) : []),
    ...extraRequired,
  ]);
  const out: MethodParam[] = [];
  for (const [name, prop] of schemaProperties(doc, schema)) {
    out.push({
      name: BODY_PREFIX + name,
      wireName: name,
      location: 'body',
      required: required.has(name),
      type: schemaType(doc, prop),
      format: schemaFormat(doc, prop),
      description: schemaDescription(doc, prop).trim(),
      shared: false,
      schema: prop,
    });
  }
  return out;
}

/** Server variables (`{var}` in the URL) as required parameters. */
export function serverParams(servers: readonly ServerSpec[]): MethodParam[] {
  const first = servers[0];
  if (!first) return [];
  const out: MethodParam[] = [];
  for (const m of first.url.matchAll(/\{([^}]+)\}/g)) {
    const name = m[1];
    const v = first.variables[name];
    out.push({
      name,
      wireName: name,
      location: 'server',
      required: true,
      type: 'string',
      format: undefined,
      description: v?.description ?? '',
      shared: false,
      schema: undefined,
    });
  }
  return out;
}

/** Server list in the document's form → ServerSpec[]. */
export function readServers(raw: unknown): ServerSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((s) => ({
    url: String(s.url ?? ''),
    variables: (isObject(s.variables) ? s.variables : {}) as ServerSpec['variables'],
  }));
}
