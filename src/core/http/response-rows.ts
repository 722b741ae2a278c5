import { appendAll } from '../../base/util/append-all.js';
/**
 * Response → rows (StackQL §3.1, §3.5): decode by the declared media type (over a wrong
 * Content-Type), apply the objectKey (JSONPath subset or bare key, with Google's `items`
 * default), and turn get responses, arrays and scalars into rows. Methods declaring Google's
 * `HttpBody` always give one row `{contentType, data (base64 of the exact bytes), extensions: null}`.
 * Nested values stay JS objects; the caller serialises them.
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { JsonObject, Method } from '../catalog/model/catalog-types.js';
import { type KeyStep, parseObjectKey } from '../catalog/openapi/object-key.js';
import { resolveSchema, schemaProperties } from '../catalog/openapi/schema-shape.js';
import type { HttpResponse } from './http-types.js';
import {
  baseMediaType,
  bodyText,
  isBlankBody,
  isJsonMediaType,
  isTextMediaType,
  parseJsonBody,
} from './json-body.js';
import { redactText } from './redact.js';

/** One result row. */
export type Row = Record<string, unknown>;

/** Column of scalar responses and scalar list elements. */
const ANON_COLUMN = 'column_anon';

/** Text of the synthetic row for a mutation answered with an empty body. */
export const EMPTY_MUTATION_RESULT = 'The Operation Completed Successfully';

/** Options of {@link extractRows}. */
export interface ExtractOptions {
  /**
   * Treat an empty body as a completed mutation (one synthetic row) rather than zero rows.
   * Default: true for methods whose HTTP method is not GET/HEAD.
   */
  readonly mutation?: boolean;
  /**
   * The service document, to resolve the response schema: with it, "is this a list response?"
   * (an absent list key means zero rows) is answered exactly instead of by heuristics.
   */
  readonly doc?: unknown;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** isHttpBodyMethod's answers: asked once per call of a fan-out, settled once per method. */
const httpBodyMethods = new WeakMap<Method, boolean>();

/** True when the method's declared response is Google's `HttpBody` (raw bytes + content type). */
export function isHttpBodyMethod(method: Method): boolean {
  let known = httpBodyMethods.get(method);
  if (known === undefined) {
    known = declaresHttpBody(method);
    httpBodyMethods.set(method, known);
  }
  return known;
}

function declaresHttpBody(method: Method): boolean {
  const s = method.response.schema;
  if (s) {
    const ref = s.$ref;
    if (typeof ref === 'string' && /\/HttpBody$/.test(ref)) return true;
    if (s.id === 'HttpBody') return true;
    const props = isObject(s.properties) ? Object.keys(s.properties) : [];
    if (
      props.length > 0 &&
      props.includes('contentType') &&
      props.includes('data') &&
      props.every((p) => ['contentType', 'data', 'extensions'].includes(p))
    )
      return true;
  }
  const cols = method.columns.map((c) => c.name).sort();
  return cols.length === 3 && cols[0] === 'contentType' && cols[1] === 'data' && cols[2] === 'extensions';
}

function label(method: Method): string {
  return `${method.resourceFqn}.${method.name}`;
}

/** A value as a row: objects as they are, anything else under `column_anon`. */
function asRow(v: unknown): Row {
  return isObject(v) ? v : { [ANON_COLUMN]: v };
}

function rowsOf(v: unknown): Row[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(asRow);
  return [asRow(v)];
}

/** Evaluates JSONPath steps; wildcards step into array elements and object-map values. */
function evaluate(value: unknown, steps: readonly KeyStep[]): unknown[] {
  let current: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'key') {
        if (isObject(v) && v[step.name] !== undefined) next.push(v[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.n < v.length) next.push(v[step.n]);
      } else if (Array.isArray(v)) appendAll(next, v);
      else if (isObject(v)) appendAll(next, Object.values(v));
    }
    current = next;
  }
  return current;
}

/**
 * Compute-style aggregated map (`{"zones/a": {"instances": [...]}, "zones/b": {"warning": {...}}}`):
 * the concatenated lists, or undefined when `v` is not of that shape.
 */
function flattenAggregated(v: JsonObject): unknown[] | undefined {
  const scopes = Object.values(v);
  if (scopes.length === 0) return [];
  const out: unknown[] = [];
  for (const scope of scopes) {
    if (!isObject(scope)) return undefined;
    const lists = Object.entries(scope).filter(([k]) => k !== 'warning');
    if (lists.length === 0) continue;
    if (lists.length !== 1 || !Array.isArray(lists[0][1])) return undefined;
    appendAll(out, lists[0][1]);
  }
  return out;
}

/** Does the response schema declare `key` (so an absent key means an empty list)? */
function declaresKey(method: Method, key: string, doc: unknown, body: JsonObject): boolean {
  if (doc !== undefined && method.response.schema) {
    try {
      return schemaProperties(doc, resolveSchema(doc, method.response.schema)).has(key);
    } catch {
      // fall through to the heuristics
    }
  }
  if (typeof body.nextPageToken === 'string') return true;
  if (typeof body.kind === 'string' && /list$/i.test(body.kind)) return true;
  const ref = method.response.schema?.$ref;
  if (typeof ref === 'string' && /(List|ListResponse|AggregatedList)$/.test(ref)) return true;
  return /(^|_)list$|List$/.test(method.name) && !/^get/i.test(method.name);
}

function rowsFromJson(method: Method, value: unknown, doc: unknown): Row[] {
  if (Array.isArray(value)) return rowsOf(value);
  if (!isObject(value)) return rowsOf(value);
  const objectKey = method.response.objectKey;
  if (objectKey !== undefined && objectKey !== '') {
    const steps = parseObjectKey(objectKey);
    if (!objectKey.startsWith('$')) {
      const v = value[objectKey];
      return v === undefined ? [] : rowsOf(v);
    }
    const wildcard = steps.some((s) => s.kind === 'all');
    const matches = evaluate(value, steps);
    if (!wildcard) return matches.length === 0 ? [] : rowsOf(matches[0]);
    return matches.flatMap((m) => (Array.isArray(m) ? rowsOf(m) : rowsOf(m)));
  }
  const items = value.items;
  if (Array.isArray(items)) return rowsOf(items);
  if (isObject(items)) {
    const flat = flattenAggregated(items);
    if (flat) return rowsOf(flat);
  }
  if (items === undefined && declaresKey(method, 'items', doc, value)) return [];
  return [value];
}

function notJson(method: Method, res: HttpResponse, err: unknown): SkyqlError {
  const ct = res.headers['content-type'] ?? 'none';
  const sample = redactText(bodyText(res).slice(0, 120).replace(/\s+/g, ' '));
  return new SkyqlError(
    'RESPONSE_ERROR',
    `${label(method)}: response is not valid JSON (Content-Type ${ct}, ${res.body.length} bytes): ${(err as Error).message}${sample ? `; body starts: ${sample}` : ''}`,
    { cause: err },
  );
}

/**
 * The rows of one response of `method`. Empty list keys give zero rows without noise; a get
 * response (an object with no list) gives one row; a top-level array gives its elements; a scalar
 * gives `{column_anon: value}`; an empty 2xx body gives zero rows, or for mutations the row
 * `{result: 'The Operation Completed Successfully'}`. Invalid JSON → RESPONSE_ERROR.
 */
export function extractRows(method: Method, response: HttpResponse, options: ExtractOptions = {}): Row[] {
  if (isHttpBodyMethod(method)) {
    return [
      {
        contentType: response.headers['content-type'] ?? null,
        data: response.body.toString('base64'),
        extensions: null,
      },
    ];
  }
  const mutation = options.mutation ?? !/^(GET|HEAD)$/i.test(method.httpMethod);
  if (isBlankBody(response)) return mutation ? [{ result: EMPTY_MUTATION_RESULT }] : [];

  const declared = baseMediaType(method.response.mediaType);
  const actual = baseMediaType(response.headers['content-type']);
  const mediaType = declared && declared !== '*/*' ? declared : actual;
  const asJson =
    isJsonMediaType(mediaType) || (mediaType === '' && /^\s*[[{"]/.test(bodyText(response).slice(0, 16)));
  if (asJson) {
    let value: unknown;
    try {
      value = parseJsonBody(response);
    } catch (err) {
      throw notJson(method, response, err);
    }
    return rowsFromJson(method, value, options.doc);
  }
  if (isTextMediaType(mediaType)) return [{ [ANON_COLUMN]: bodyText(response) }];
  return [{ [ANON_COLUMN]: response.body.toString('base64') }];
}
