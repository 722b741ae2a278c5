import type { JsonObject } from '../../core/catalog/model/catalog-types.js';
import { isObject } from '../../core/catalog/openapi/json-pointer.js';
import { derefMerged, mergedProperties, rawType } from './schema-deref.js';

/** One request-body property, resolved (`type`, `description`, `readOnly`, `enum`, `default`…). */
export interface BodyProp {
  readonly name: string;
  readonly schema: JsonObject;
}

/** The request body of a method as the docs use it: `data__<name>` inputs. */
export interface RequestBodyDoc {
  /** Properties in declaration order, including read-only ones. */
  readonly properties: readonly BodyProp[];
  /** Names listed in the body schema's `required`. */
  readonly required: readonly string[];
}

const NO_BODY: RequestBodyDoc = { properties: [], required: [] };

/** Properties that a request may set: read-only ones are left out of the examples. */
export function writableProps(body: RequestBodyDoc): BodyProp[] {
  return body.properties.filter((p) => p.schema.readOnly !== true);
}

/** True when the value is written without quotes in SQL and JSON examples. */
export function isUnquoted(prop: BodyProp): boolean {
  const t = rawType(prop.schema);
  return t === 'number' || t === 'integer' || t === 'boolean';
}

/**
 * The body schema of an operation: the first media type of `requestBody.content`; for a
 * `oneOf`/`anyOf` body, its first alternative.
 */
export function requestBodyDoc(doc: unknown, operation: JsonObject): RequestBodyDoc {
  const requestBody = derefMerged(doc, operation.requestBody);
  const content = isObject(requestBody.content) ? requestBody.content : undefined;
  if (!content) return NO_BODY;
  const first = Object.values(content)[0];
  if (!isObject(first) || first.schema === undefined) return NO_BODY;
  let schema = derefMerged(doc, first.schema);
  const alternatives = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : [];
  if (alternatives.length > 0 && !isObject(schema.properties)) schema = derefMerged(doc, alternatives[0]);
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const properties = mergedProperties(doc, schema).map(([name, prop]) => ({ name, schema: prop }));
  return { properties, required };
}
