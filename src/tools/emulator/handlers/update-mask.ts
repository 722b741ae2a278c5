import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import { badRequest } from '../server/google-error.js';

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** JSON merge patch (RFC 7386): objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(out[k])) out[k] = mergePatch(out[k] as JsonObject, v);
    else out[k] = clone(v);
  }
  return out;
}

/** Splits a field mask (`labels,description`, `a.b`, `` `x.y` ``) into paths of field names. */
function parseFieldMask(mask: string): string[][] {
  return mask
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const parts = p.split('.').map((s) => s.replace(/^`|`$/g, ''));
      if (parts.some((s) => s === '' || !/^[A-Za-z0-9_@$*-]+$/.test(s)))
        throw badRequest(`Invalid update mask path: '${p}'`);
      return parts;
    });
}

function snakeToCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Applies `patch` to `target` along each field-mask path: the patch's value at the path replaces the
 * target's, or removes it when the patch has none there. A `*` mask replaces every field. Paths may
 * be snake_case (`time_zone`) or camelCase.
 */
export function applyUpdateMask(target: JsonObject, patch: JsonObject, mask: string): JsonObject {
  const out = clone(target);
  for (const rawPath of parseFieldMask(mask)) {
    if (rawPath.length === 1 && rawPath[0] === '*') return { ...clone(patch) };
    const path = rawPath.map(snakeToCamel);
    let src: unknown = patch;
    for (const p of path) src = isObject(src) ? src[p] : undefined;
    let dst: JsonObject = out;
    for (const p of path.slice(0, -1)) {
      if (!isObject(dst[p])) dst[p] = {};
      dst = dst[p] as JsonObject;
    }
    const leaf = path[path.length - 1];
    if (src === undefined) delete dst[leaf];
    else dst[leaf] = clone(src);
  }
  return out;
}
