import type { JsonObject } from '../../core/catalog/model/catalog-types.js';
import { isObject } from '../../core/catalog/openapi/json-pointer.js';
import { flattenLines, jsString } from './markdown-escape.js';
import { derefMerged, rawDescription, rawType, typeWithFormat } from './schema-deref.js';

/** A method input as the docs show it (path, query and header parameters, server variables). */
export interface DocParam {
  readonly name: string;
  /** `type` or `type (format)`. */
  readonly type: string;
  readonly description: string;
  /** Boolean parameters are written without quotes in some examples. */
  readonly boolean: boolean;
}

/** Required and optional inputs of one method, in declaration order. */
export interface ParamsDoc {
  readonly required: readonly DocParam[];
  readonly optional: readonly DocParam[];
}

/**
 * Variables of the document's first server, as required parameters. Their other attributes
 * (`default`, `enum`…) are appended to the description: `… (default: us, enum: [us, eu])`.
 */
function serverVariables(doc: JsonObject): DocParam[] {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const first = servers[0];
  const vars = isObject(first) && isObject(first.variables) ? first.variables : {};
  const out: DocParam[] = [];
  for (const [name, raw] of Object.entries(vars)) {
    const v = isObject(raw) ? raw : {};
    const type = v.format !== undefined ? `string (${jsString(v.format)})` : 'string';
    let description = flattenLines(rawDescription(v));
    const extras = Object.entries(v)
      .filter(([k]) => k !== 'description' && k !== 'format')
      .map(
        ([k, val]) =>
          `${k}: ${Array.isArray(val) ? `[${val.join(', ')}]` : isObject(val) ? JSON.stringify(val) : String(val)}`,
      );
    if (extras.length > 0) description += `${description ? ' ' : ''}(${extras.join(', ')})`;
    out.push({ name, type, description, boolean: false });
  }
  return out;
}

/**
 * The inputs the docs list for an operation: its own `parameters` (not the path-item ones, which
 * are Google's standard query parameters), split by `required`, then the server variables as
 * required inputs. Parameters without a schema are skipped, as the published pages do.
 */
export function paramsDoc(doc: JsonObject, operation: JsonObject): ParamsDoc {
  const required: DocParam[] = [];
  const optional: DocParam[] = [];
  const params = Array.isArray(operation.parameters) ? operation.parameters : [];
  for (const raw of params) {
    const p = derefMerged(doc, raw);
    if (typeof p.name !== 'string' || p.name === '' || p.schema === undefined || p.schema === null) continue;
    const schema = derefMerged(doc, p.schema);
    const param: DocParam = {
      name: p.name,
      type: typeWithFormat(schema),
      description: flattenLines(rawDescription(p)),
      boolean: rawType(schema) === 'boolean',
    };
    (p.required === true ? required : optional).push(param);
  }
  required.push(...serverVariables(doc));
  return { required, optional };
}
