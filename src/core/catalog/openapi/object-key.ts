import type { JsonObject } from '../model/catalog-types.js';
import { isObject } from './json-pointer.js';
import { resolveSchema, schemaProperties, schemaType } from './schema-shape.js';

/** One step of an objectKey: a property, every element/value (`[*]`, `.*`) or an index. */
export type KeyStep =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'index'; readonly n: number };

/**
 * Parses a response objectKey in either form: JSONPath (`$.items[*].instances[*]`, `$['a']`) or the
 * older bare key (`items`, meaning the top-level property).
 */
export function parseObjectKey(key: string): KeyStep[] {
  if (!key.startsWith('$')) return [{ kind: 'key', name: key }];
  const steps: KeyStep[] = [];
  const re = /\.([A-Za-z0-9_@$-]+)|\.\*|\[\*\]|\[(\d+)\]|\[['"]([^'"]+)['"]\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < key.length) {
    const m = re.exec(key);
    if (!m) break;
    if (m[1] !== undefined) steps.push({ kind: 'key', name: m[1] });
    else if (m[2] !== undefined) steps.push({ kind: 'index', n: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ kind: 'key', name: m[3] });
    else steps.push({ kind: 'all' });
  }
  return steps;
}

function elementSchema(doc: unknown, schema: JsonObject): JsonObject {
  const s = resolveSchema(doc, schema);
  if (schemaType(doc, s) === 'array' && s.items !== undefined) return resolveSchema(doc, s.items);
  if (isObject(s.additionalProperties)) return resolveSchema(doc, s.additionalProperties);
  return s;
}

/**
 * The schema of one row: follow the objectKey through the response schema (arrays step into their
 * items, maps into their values); with no objectKey, StackQL's default uses a property named
 * `items` when there is one. A final array yields its element schema.
 */
export function rowSchema(
  doc: unknown,
  responseSchema: JsonObject | undefined,
  objectKey: string | undefined,
): JsonObject | undefined {
  if (responseSchema === undefined) return undefined;
  let s = resolveSchema(doc, responseSchema);
  let steps: KeyStep[];
  if (objectKey !== undefined) steps = parseObjectKey(objectKey);
  else steps = schemaProperties(doc, s).has('items') ? [{ kind: 'key', name: 'items' }] : [];
  for (const step of steps) {
    if (step.kind === 'key') {
      const prop = schemaProperties(doc, s).get(step.name);
      if (prop === undefined) return undefined;
      s = resolveSchema(doc, prop);
    } else {
      s = elementSchema(doc, s);
    }
  }
  if (objectKey === undefined) {
    const scoped = scopedListElement(doc, s);
    if (scoped) return scoped;
  }
  return schemaType(doc, s) === 'array' ? elementSchema(doc, s) : s;
}

/**
 * Compute's aggregated lists without an objectKey (the v1.0.4 documents): `items` is a map of scope →
 * `{instances: [...], warning}`; the rows are the array's elements, as the newer documents say with
 * `$.items[*].instances[*]`.
 */
function scopedListElement(doc: unknown, s: JsonObject): JsonObject | undefined {
  if (!isObject(s.additionalProperties)) return undefined;
  const value = resolveSchema(doc, s.additionalProperties);
  const arrays = [...schemaProperties(doc, value)].filter(
    ([name, p]) => name !== 'warning' && schemaType(doc, p) === 'array',
  );
  if (arrays.length !== 1) return undefined;
  return elementSchema(doc, resolveSchema(doc, arrays[0][1]));
}
