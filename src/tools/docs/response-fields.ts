import type { JsonObject } from '../../core/catalog/model/catalog-types.js';
import { isObject } from '../../core/catalog/openapi/json-pointer.js';
import { byteOrder } from '../../core/catalog/resource-info.js';
import { flattenLines } from './markdown-escape.js';
import { derefMerged, mergedProperties, rawDescription, rawType, typeWithFormat } from './schema-deref.js';

/** One row of a "Fields" table (also the column list of SELECT examples and RETURNING clauses). */
export interface DocField {
  readonly name: string;
  /** `type` or `type (format)`. */
  readonly type: string;
  /** Description on one line, with the schema's other text attributes appended: `… (id: Dataset)`. */
  readonly description: string;
}

/** What a method's response looks like in the docs. */
export interface ResponseDoc {
  /** The response schema's description, else the response's own (`Successful response`). */
  readonly description: string;
  readonly fields: readonly DocField[];
}

/**
 * Field order of the published pages: `id` and `name` first, then names ending in `_id`, then in
 * `_name`, then the rest; each group in code-unit order.
 */
export function orderFields<T extends { readonly name: string }>(fields: readonly T[]): T[] {
  const rank = (n: string) =>
    n === 'id' || n === 'name' ? 0 : n.endsWith('_id') ? 1 : n.endsWith('_name') ? 2 : 3;
  return [...fields].sort((a, b) => rank(a.name) - rank(b.name) || byteOrder(a.name, b.name));
}

/** A property as a field: one-line description plus ` (key: value, …)` for its other string attributes. */
export function toDocField(name: string, prop: JsonObject): DocField {
  const extras: string[] = [];
  for (const [key, value] of Object.entries(prop)) {
    if (key === 'type' || key === 'format' || key === 'description' || typeof value !== 'string') continue;
    extras.push(`${key}: ${value}`);
  }
  const description =
    flattenLines(rawDescription(prop)) + (extras.length > 0 ? ` (${extras.join(', ')})` : '');
  return { name, type: typeWithFormat(prop), description };
}

/**
 * The fields of a method's response as the published docs list them: the properties of the whole
 * response body (the `objectKey` is not applied), or of an array's items.
 *
 * @param doc the service's OpenAPI document
 * @param operation the method's OpenAPI operation object
 * @param spec the method's `response` entry in `x-stackQL-resources` (`mediaType`, `openAPIDocKey`)
 */
export function responseDoc(doc: unknown, operation: JsonObject, spec: JsonObject): ResponseDoc {
  const key =
    typeof spec.openAPIDocKey === 'string' && spec.openAPIDocKey !== '' ? spec.openAPIDocKey : '200';
  const responses = isObject(operation.responses) ? operation.responses : {};
  if (!Object.hasOwn(responses, key)) return { description: '', fields: [] };
  const response = derefMerged(doc, responses[key]);
  const fallback = rawDescription(response);
  const mediaType = typeof spec.mediaType === 'string' ? spec.mediaType : '';
  const content = isObject(response.content) ? response.content : {};
  const media = mediaType !== '' && Object.hasOwn(content, mediaType) ? content[mediaType] : undefined;
  if (!isObject(media) || media.schema === undefined) return { description: fallback, fields: [] };
  let body = derefMerged(doc, media.schema);
  if (rawType(body) === 'array') body = derefMerged(doc, body.items);
  else if (rawType(body) !== 'object') return { description: fallback, fields: [] };
  const fields = mergedProperties(doc, body).map(([name, prop]) => toDocField(name, prop));
  return { description: rawDescription(body) || fallback, fields: orderFields(fields) };
}
