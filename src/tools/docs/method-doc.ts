import type { JsonObject, Method, Resource, SqlVerb } from '../../core/catalog/model/catalog-types.js';
import { isObject } from '../../core/catalog/openapi/json-pointer.js';
import { type ParamsDoc, paramsDoc } from './params-doc.js';
import { type RequestBodyDoc, requestBodyDoc } from './request-body-doc.js';
import { type ResponseDoc, responseDoc } from './response-fields.js';

/** Everything the page sections need to know about one method. */
export interface MethodDoc {
  readonly name: string;
  /** The operation's `description` as written in the document. */
  readonly description: string;
  readonly response: ResponseDoc;
  readonly params: ParamsDoc;
  readonly body: RequestBodyDoc;
}

/** Section order of the docs: the verbs, then the EXEC-only ("lifecycle") methods. */
export const DOC_VERB_ORDER: readonly SqlVerb[] = ['select', 'insert', 'update', 'replace', 'delete', 'exec'];

const cache = new WeakMap<Method, MethodDoc>();

function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

/** The operation object a method is bound to. */
function operationOf(doc: JsonObject, method: Method): JsonObject {
  const item = obj(obj(doc.paths)[method.path]);
  return obj(item[method.httpMethod.toLowerCase()]);
}

/** The method's `response` entry as written (under `x-stackQL-resources` or in a resource register). */
function responseSpecOf(method: Method): JsonObject {
  return obj(method.entry.response);
}

/**
 * The doc model of a method (computed once per Method object; the sections of a page all ask for it).
 *
 * @param doc the OpenAPI document of the method's resource (`Resource.doc`)
 */
function methodDoc(doc: JsonObject, method: Method): MethodDoc {
  const cached = cache.get(method);
  if (cached) return cached;
  const op = operationOf(doc, method);
  const result: MethodDoc = {
    name: method.name,
    description: typeof op.description === 'string' ? op.description : '',
    response: responseDoc(doc, op, responseSpecOf(method)),
    params: paramsDoc(doc, op),
    body: requestBodyDoc(doc, op),
  };
  cache.set(method, result);
  return result;
}

/**
 * The methods the docs show under a verb: the `sqlVerbs` list for SQL verbs (a method listed under
 * two verbs appears under both), and for `exec` the methods no verb lists, in document order.
 */
export function methodsForVerb(resource: Resource, doc: JsonObject, verb: SqlVerb): MethodDoc[] {
  const methods = verb === 'exec' ? resource.methods.filter((m) => m.verb === 'exec') : resource.verbs[verb];
  return methods.map((m) => methodDoc(doc, m));
}
