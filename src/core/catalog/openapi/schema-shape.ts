import type { JsonObject, SchemaColumn } from '../model/catalog-types.js';
import { deref, isObject } from './json-pointer.js';

/**
 * Reading OpenAPI schemas the way StackQL derives columns: `$ref`s followed shallowly (documents are
 * never fully dereferenced: that inflates them ~15x), `allOf`/`anyOf`/`oneOf` merged.
 */

/** The schema with its `$ref` followed; `{}` when it cannot be resolved. */
export function resolveSchema(doc: unknown, schema: unknown): JsonObject {
  const s = deref(doc, schema);
  return isObject(s) ? s : {};
}

/** Properties of an object schema, merging `allOf`/`anyOf`/`oneOf` members, in declaration order. */
export function schemaProperties(doc: unknown, schema: unknown, depth = 0): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const s = resolveSchema(doc, schema);
  if (depth > 8) return out;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const members = s[key];
    if (Array.isArray(members)) {
      for (const m of members) for (const [k, v] of schemaProperties(doc, m, depth + 1)) out.set(k, v);
    }
  }
  if (isObject(s.properties)) {
    for (const [k, v] of Object.entries(s.properties)) if (isObject(v)) out.set(k, v);
  }
  return out;
}

/** OpenAPI type of a (possibly `$ref`) schema: `string`, `object`, `array`…; `object` for bare refs/compositions. */
export function schemaType(doc: unknown, schema: unknown): string {
  const own = isObject(schema) ? schema : {};
  if (typeof own.type === 'string') return own.type;
  const s = resolveSchema(doc, schema);
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return String(s.type.find((t) => t !== 'null') ?? 'string');
  if (s.properties || s.allOf || s.anyOf || s.oneOf || s.additionalProperties) return 'object';
  return 'string';
}

/** `format` of a schema (`byte`, `int64`…), own first then the referenced one. */
export function schemaFormat(doc: unknown, schema: unknown): string | undefined {
  const own = isObject(schema) ? schema : {};
  if (typeof own.format === 'string') return own.format;
  const s = resolveSchema(doc, schema);
  return typeof s.format === 'string' ? s.format : undefined;
}

/** Description of a property: its own, else the referenced schema's. */
export function schemaDescription(doc: unknown, schema: unknown): string {
  const own = isObject(schema) ? schema : {};
  if (typeof own.description === 'string') return own.description;
  const s = resolveSchema(doc, schema);
  return typeof s.description === 'string' ? s.description : '';
}

/** Columns of an object schema, one per property, in declaration order. */
export function schemaColumns(doc: unknown, schema: unknown): SchemaColumn[] {
  const cols: SchemaColumn[] = [];
  for (const [name, prop] of schemaProperties(doc, schema)) {
    cols.push({
      name,
      type: schemaType(doc, prop),
      format: schemaFormat(doc, prop),
      description: schemaDescription(doc, prop).trim(),
      schema: prop,
    });
  }
  return cols;
}
