import type { JsonObject } from '../model/catalog-types.js';
import { escapeToken, isObject, resolvePointer, unescapeToken } from './json-pointer.js';
import { operationLocation } from './operation-ref.js';

/**
 * A resource's slice of its OpenAPI document: everything building and using the resource reads
 * (its entry, the operations its methods name with their path items' parameters and servers, the
 * transitive closure of local `$ref`s) at the places the whole document has them, so JSON pointers
 * resolve alike in both. Compute's document is 3.2 MB; the slice for `instances` is ~160 KB, which
 * is what start-up then reads and parses.
 */

const HTTP_VERBS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** `components` maps reached only through `$ref` (the others, e.g. securitySchemes, are kept whole). */
const REFERENCED_COMPONENTS = new Set([
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'examples',
  'links',
  'callbacks',
  'x-stackQL-resources',
]);

function tokens(pointer: string): string[] {
  return pointer.slice(2).split('/').map(unescapeToken);
}

/**
 * Copies the value at `path` of `doc` into `out` at the same place, making objects along the way.
 * Values are shared, not cloned; where `out` already shares a whole subtree of `doc` (a top-level
 * key kept whole) nothing is written, so the document itself is never touched.
 */
function place(out: JsonObject, doc: JsonObject, path: readonly string[]): void {
  let node = out;
  let source: unknown = doc;
  for (const t of path.slice(0, -1)) {
    source = isObject(source) ? source[t] : undefined;
    const next = node[t];
    if (next !== undefined && next === source) return; // already there, shared with the document
    if (!isObject(next)) node[t] = {};
    node = node[t] as JsonObject;
  }
  const last = path[path.length - 1];
  node[last] = isObject(source) ? source[last] : undefined;
}

/**
 * The slice of `doc` for the resource `entry` (as found in `x-stackQL-resources` or a resource
 * register). `entryPointer` is where the entry sits in `doc` (current layout), copied too so the
 * entry's own `#/components/x-stackQL-resources/...` refs resolve.
 */
export function sliceDocument(doc: JsonObject, entry: JsonObject, entryPointer?: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) if (k !== 'paths' && k !== 'components') out[k] = v;
  if (isObject(doc.components)) {
    const components: JsonObject = {};
    for (const [k, v] of Object.entries(doc.components)) if (!REFERENCED_COMPONENTS.has(k)) components[k] = v;
    out.components = components;
  }
  if (isObject(doc.paths)) out.paths = {};

  const wanted = new Set<string>();
  const pending: unknown[] = [entry];
  const add = (ref: string) => {
    if (!ref.startsWith('#/')) return;
    // a pointer into an array takes the whole array (slices place objects, not array holes)
    const path = tokens(ref);
    let node: unknown = doc;
    for (let i = 0; i < path.length; i++) {
      if (Array.isArray(node)) {
        path.length = i;
        break;
      }
      node = isObject(node) && Object.hasOwn(node, path[i]) ? node[path[i]] : undefined;
      if (node === undefined) return;
    }
    const pointer = `#/${path.map(escapeToken).join('/')}`;
    if (path.length === 0 || wanted.has(pointer)) return;
    wanted.add(pointer);
    pending.push(resolvePointer(doc, pointer));
  };
  if (entryPointer !== undefined) add(entryPointer);
  const methods = isObject(entry.methods) ? entry.methods : {};
  for (const method of Object.values(methods)) {
    const loc = isObject(method) ? operationLocation(method) : undefined;
    if (!loc) continue;
    add(`${loc.pathPointer}/${loc.httpMethod.toLowerCase()}`);
    const item = resolvePointer(doc, loc.pathPointer);
    // the path item's own keys (parameters, servers, …), not its other operations
    if (isObject(item))
      for (const key of Object.keys(item))
        if (!HTTP_VERBS.has(key.toLowerCase())) add(`${loc.pathPointer}/${escapeToken(key)}`);
  }
  // the $ref closure: every local ref reachable from what is in the slice
  const seen = new Set<object>();
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const v of node) pending.push(v);
      continue;
    }
    const obj = node as JsonObject;
    if (typeof obj.$ref === 'string') add(obj.$ref.trim());
    for (const v of Object.values(obj)) if (v !== null && typeof v === 'object') pending.push(v);
  }
  // shorter pointers first, so a value already placed whole is not placed again in parts
  const sorted = [...wanted].map(tokens).sort((a, b) => a.length - b.length);
  const placed = new Set<string>();
  for (const path of sorted) {
    let covered = false;
    for (let i = 1; i < path.length && !covered; i++) covered = placed.has(JSON.stringify(path.slice(0, i)));
    if (covered) continue;
    place(out, doc, path);
    placed.add(JSON.stringify(path));
  }
  return out;
}
