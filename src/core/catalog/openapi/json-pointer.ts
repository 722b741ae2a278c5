import type { JsonObject } from '../model/catalog-types.js';

/** Decodes one RFC 6901 token: `~1` → `/`, `~0` → `~`. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Encodes one RFC 6901 token: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Follows a local JSON pointer (`#/paths/~1v1~1projects/get`) inside `doc`. Returns undefined when
 * any step is missing.
 */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const path = ref.slice(1);
  if (path === '') return doc;
  let node: unknown = doc;
  for (const raw of path.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(raw)];
  }
  return node;
}

/** True for a plain (non-array) object. */
export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Follows `$ref` chains from `node` until a node without `$ref` is reached (at most 32 hops, so a
 * cyclic document cannot hang the loader). Non-objects are returned as they are.
 */
export function deref(doc: unknown, node: unknown): unknown {
  let cur = node;
  for (let i = 0; i < 32 && isObject(cur) && typeof cur.$ref === 'string'; i++) {
    cur = resolvePointer(doc, cur.$ref);
  }
  return cur;
}
