import type { JsonObject } from '../../core/catalog/model/catalog-types.js';
import { isObject, resolvePointer } from '../../core/catalog/openapi/json-pointer.js';

/**
 * Reads schema nodes the way the published docs see them. StackQL's generator fully dereferences a
 * document first (json-schema-ref-parser), where a `$ref` with sibling keys becomes the sibling keys
 * followed by the referenced schema's keys that are not already present. So a property
 * `{description: 'own', $ref: '#/components/schemas/X'}` reads as
 * `{description: 'own', id: 'X', type: 'object', properties: …}`. We resolve lazily, one node at a
 * time, instead of dereferencing whole documents (which inflates them many times).
 */

const refCache = new WeakMap<object, Map<string, unknown>>();

/** `resolvePointer`, memoised per document (the same schemas are referenced over and over). */
function resolveRef(doc: unknown, ref: string): unknown {
  if (!isObject(doc)) return undefined;
  let refs = refCache.get(doc);
  if (!refs) {
    refs = new Map();
    refCache.set(doc, refs);
  }
  if (!refs.has(ref)) refs.set(ref, resolvePointer(doc, ref));
  return refs.get(ref);
}

/** The node with its `$ref` chain resolved and merged as described above; `{}` when unresolvable. */
export function derefMerged(doc: unknown, node: unknown): JsonObject {
  let cur: unknown = node;
  let merged: JsonObject | undefined;
  for (let hop = 0; hop < 32 && isObject(cur) && typeof cur.$ref === 'string'; hop++) {
    const own = Object.entries(cur).filter(([k]) => k !== '$ref');
    if (own.length > 0) {
      merged ??= {};
      for (const [k, v] of own) if (!Object.hasOwn(merged, k)) merged[k] = v;
    }
    cur = resolveRef(doc, cur.$ref);
  }
  if (!isObject(cur)) return merged ?? {};
  if (merged === undefined) return cur;
  for (const [k, v] of Object.entries(cur)) if (!Object.hasOwn(merged, k)) merged[k] = v;
  return merged;
}

/** A schema's properties in declaration order, each resolved with {@link derefMerged}. */
export function mergedProperties(doc: unknown, schema: JsonObject): Array<[string, JsonObject]> {
  const props = schema.properties;
  if (!isObject(props)) return [];
  return Object.entries(props).map(([name, prop]) => [name, derefMerged(doc, prop)]);
}

/** The schema's `type` as text (`''` when absent), as the generator prints it. */
export function rawType(schema: JsonObject): string {
  const t = schema.type;
  if (t === undefined || t === null || t === '') return '';
  return Array.isArray(t) ? t.join(',') : String(t);
}

/** `type`, plus ` (format)` when the schema has a format: `string (byte)`, `integer (int32)`. */
export function typeWithFormat(schema: JsonObject): string {
  const format = schema.format;
  return format !== undefined && format !== null && format !== ''
    ? `${rawType(schema)} (${String(format)})`
    : rawType(schema);
}

/** `description` as text, `''` when absent. */
export function rawDescription(schema: JsonObject): string {
  return typeof schema.description === 'string' ? schema.description : '';
}
