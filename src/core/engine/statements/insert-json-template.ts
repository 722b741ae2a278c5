import type { Method, MethodParam, Resource } from '../../catalog/model/catalog-types.js';
import { schemaProperties, schemaType } from '../../catalog/openapi/schema-shape.js';

/** Nesting expanded into JSON templates at most (deeper values are one placeholder). */
const MAX_DEPTH = 3;

/**
 * A JSON template of a value at `path` (`.values.data__x.y`). It reads exactly what `skeleton`
 * puts in the data block: objects are expanded as far as the skeleton expands them, and arrays,
 * maps and deeper objects are one bare placeholder, which the renderer writes as compact JSON
 * (`[]` stays an empty array, a filled list stays a list). Strings are quoted.
 */
function jsonTemplate(doc: unknown, schema: unknown, path: string, depth: number): string {
  const type = schemaType(doc, schema);
  const placeholder = `{{ ${path} }}`;
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'array') return placeholder;
  if (type === 'object') {
    const props = depth < MAX_DEPTH ? [...schemaProperties(doc, schema)] : [];
    if (props.length === 0) return placeholder; // free-form map or deeper object: rendered as JSON
    return `{ ${props.map(([k, v]) => `"${k}": ${jsonTemplate(doc, v, `${path}.${k}`, depth + 1)}`).join(', ')} }`;
  }
  return `"${placeholder}"`;
}

/** The SELECT value of one column: `'{{ .values.x }}'`, unquoted for numbers and booleans. */
function valueTemplate(doc: unknown, p: MethodParam): string {
  const path = `.values.${p.name}`;
  const type = p.schema ? schemaType(doc, p.schema) : p.type;
  if (type === 'boolean' || type === 'integer' || type === 'number') return ` {{ ${path} }}`;
  if (p.location === 'body' && p.schema && (type === 'object' || type === 'array')) {
    const t = jsonTemplate(doc, p.schema, path, 1);
    return `'${t.startsWith('{{') ? t : t.replaceAll("'", "''")}'`;
  }
  return `'{{ ${path} }}'`;
}

/** A skeleton value for the data block of SHOW EXTENDED INSERT. */
function skeleton(doc: unknown, schema: unknown, type: string, depth: number): unknown {
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'array') return [];
  if (type === 'object') {
    if (depth >= MAX_DEPTH || schema === undefined) return {};
    return Object.fromEntries(
      [...schemaProperties(doc, schema)].map(([k, v]) => [
        k,
        skeleton(doc, v, schemaType(doc, v), depth + 1),
      ]),
    );
  }
  return '';
}

/**
 * skyql's runnable INSERT template (`SHOW [EXTENDED] INSERT /*+ JSON *\/`): required parameters,
 * then the request-body fields (all, or the required ones), and a SELECT of `{{ .values.<col> }}`
 * placeholders — quoted for strings, bare for numbers and booleans, objects expanded into JSON
 * templates. `extended` adds a `<<<json ... >>>` block with a skeleton of the values to fill in,
 * valid JSON that runs as it is once the empty values are filled.
 */
export function insertJsonTemplate(
  resource: Resource,
  method: Method,
  doc: unknown,
  requiredOnly: boolean,
  extended: boolean,
): string {
  const params = method.params.filter((p) => !p.shared && p.location !== 'body' && p.required);
  const body = method.params.filter((p) => p.location === 'body' && (!requiredOnly || p.required));
  const cols = [...params, ...body];
  let out = `INSERT INTO ${resource.fqn}(\n${cols.map((c) => `  ${c.name}`).join(',\n')}\n)\nSELECT\n`;
  out += `${cols.map((c) => `  ${valueTemplate(doc, c)}`).join(',\n')}\n;`;
  if (!extended) return out;
  const values = Object.fromEntries(
    cols.map((c) => [c.name, skeleton(doc, c.schema, c.schema ? schemaType(doc, c.schema) : c.type, 1)]),
  );
  return `<<<json\n${JSON.stringify({ values }, null, 2)}\n>>>\n${out}`;
}
