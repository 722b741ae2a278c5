import type { JsonObject } from '../model/catalog-types.js';
import { isObject } from './json-pointer.js';

const HTTP_VERBS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Where a method's operation sits in its OpenAPI document. */
export interface OperationLocation {
  /**
   * The file a `file#pointer` ref names, relative to the doc root (undefined for `#…` refs). Only
   * informational: the pointer is resolved against the resource's own document, as StackQL does
   * (older registers name files that are not there, e.g. another version's folder).
   */
  readonly file: string | undefined;
  /** The JSON pointer of the path item, always local: `#/paths/~1v1~1x`. */
  readonly pathPointer: string;
  /** The key under `paths`, unescaped: `/v1/x`. */
  readonly path: string;
  /** The HTTP method in upper case, from the pointer's last segment. */
  readonly httpMethod: string;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function refOf(v: unknown): string {
  return isObject(v) ? str(v.$ref) : '';
}

/** RFC 6901 escaping of one token: `~` → `~0`, `/` → `~1`. */
function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Reads a method entry's operation reference in every form StackQL accepts:
 * `operation: {$ref: '#/paths/~1v1~1x/get'}`, the same with a file before the `#`
 * (`googleapis.com/v0.1.2/services-split/compute/compute-v1.yaml#/paths/…/get`), and the deprecated
 * pair `path: {$ref: '/v1/x'}` + `operation: {$ref: 'get'}`. The verb's case does not matter.
 * Undefined when none of them is there or the pointer is not `#/paths/<path>/<HTTP verb>`.
 */
export function operationLocation(entry: JsonObject): OperationLocation | undefined {
  const opRef = refOf(entry.operation);
  const pathRef = refOf(entry.path);
  let file: string | undefined;
  let pointer: string;
  if (pathRef !== '' && !opRef.includes('#')) {
    pointer = `#/paths/${escapeToken(pathRef)}/${opRef}`;
  } else {
    const hash = opRef.indexOf('#');
    if (hash < 0) return undefined;
    file = hash > 0 ? opRef.slice(0, hash) : undefined;
    pointer = opRef.slice(hash);
  }
  const tokens = pointer.slice(2).split('/');
  if (!pointer.startsWith('#/') || tokens.length !== 3 || tokens[0] !== 'paths') return undefined;
  const verb = tokens[2].toLowerCase();
  if (!HTTP_VERBS.has(verb) || tokens[1] === '') return undefined;
  return {
    file,
    pathPointer: `#/paths/${tokens[1]}`,
    path: unescapeToken(tokens[1]),
    httpMethod: verb.toUpperCase(),
  };
}

/** The operation reference as written, for error messages (`path` + `operation` joined by a space). */
export function operationRefText(entry: JsonObject): string {
  const pathRef = refOf(entry.path);
  const opRef = refOf(entry.operation);
  return pathRef !== '' ? `${pathRef} ${opRef}` : opRef;
}
