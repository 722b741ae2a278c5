import type { JsonObject } from '../../catalog/model/catalog-types.js';
import { isObject } from '../../catalog/openapi/json-pointer.js';
import { resolveSchema, schemaProperties } from '../../catalog/openapi/schema-shape.js';

/**
 * The value tree StackQL's SHOW INSERT builds for one request-body property before printing it: a
 * leaf text, an object (printed with its keys sorted) or a one-element array. `undefined` is Go's
 * nil: an object that yielded nothing. The rules follow StackQL's SchemaRequestTemplateVisitor,
 * including its quirks, because users diff the output against StackQL's.
 */
export type TemplateTree = string | ReadonlyMap<string, TemplateTree> | readonly (TemplateTree | undefined)[];

/** How the two trees StackQL builds (the SELECT's template and the Jsonnet placeholders) name things. */
export interface TreeNaming {
  /** The path of property `key` under `path`. */
  child(path: string, key: string): string;
  /** A scalar of OpenAPI `type` at `path`. */
  leaf(path: string, type: string): string;
  /** An object nested too deep (its schema title seen on the way down): one value. */
  collapsed(path: string): string;
  /** The key and value of a map (`additionalProperties`); `key` is `key` or a property of the value schema. */
  mapKey(path: string, key: string): string;
  mapValue(path: string, type: string): string;
}

/** The SELECT side: `.values.data__x.y` paths inside `{{ }}`, strings quoted for JSON. */
export const TEMPLATE_NAMING: TreeNaming = {
  child: (path, key) => `${path}.${key}`,
  leaf: (path, type) => (type === 'string' ? `"{{ ${path} }}"` : `{{ ${path} }}`),
  collapsed: (path) => `"{{ ${path} }}"`,
  mapKey: (path, key) => `{{ ${path}[0].${key} }}`,
  mapValue: (path, type) => (type === 'string' ? `"{{ ${path}[0].val }}"` : `{{ ${path}[0].val }}`),
};

/** The Jsonnet side: `<< name >>` with only the last segment of the path. */
export const PLACEHOLDER_NAMING: TreeNaming = {
  child: (path, key) => `${path}.${key}`.split('.').pop() as string,
  leaf: (path) => `<< ${path} >>`,
  collapsed: (path) => `<< ${path} >>`,
  mapKey: (path, key) => `<< ${path}[0].${key} >>`,
  mapValue: (path) => `<< ${path}[0].val >>`,
};

/** A schema StackQL cannot template (an array without `items`): the whole body is dropped. */
export class UntemplatableSchema extends Error {}

/** The schema's own `type` after `$ref` (StackQL reads the declared type only; '' when absent). */
export function declaredType(schema: JsonObject): string {
  return typeof schema.type === 'string' ? schema.type : '';
}

function titleOf(schema: JsonObject): string {
  return typeof schema.title === 'string' ? schema.title : '';
}

/** The tree of a map: one entry per property of the value schema, or a single `key` entry. */
function mapTree(
  doc: unknown,
  object: JsonObject,
  path: string,
  naming: TreeNaming,
): TemplateTree | undefined {
  if (!isObject(object.additionalProperties)) return undefined;
  const value = resolveSchema(doc, object.additionalProperties);
  const out = new Map<string, TemplateTree>();
  for (const [k, v] of schemaProperties(doc, value))
    out.set(
      naming.mapKey(path, k === '' ? 'key' : k),
      naming.mapValue(path, declaredType(resolveSchema(doc, v))),
    );
  if (out.size === 0) out.set(naming.mapKey(path, 'key'), naming.mapValue(path, declaredType(value)));
  return out;
}

/**
 * The tree of the schema at `path`. `seen` holds the names and schema titles on the way down (a
 * property whose title was seen collapses its parent into one value — with Google's untitled
 * schemas, every object below the first level); `global` the request schema's name, which hides
 * arrays of that title.
 */
export function templateTree(
  doc: unknown,
  schema: unknown,
  path: string,
  seen: ReadonlySet<string>,
  global: ReadonlySet<string>,
  naming: TreeNaming,
): TemplateTree | undefined {
  const s = resolveSchema(doc, schema);
  const type = declaredType(s);
  if (type === 'array') {
    if (!isObject(s.items)) throw new UntemplatableSchema(`array ${path} has no items`);
    return [templateTree(doc, s.items, `${path}[0]`, seen, global, naming)];
  }
  if (type !== 'object') return naming.leaf(path, type);
  const out = new Map<string, TemplateTree>();
  for (const [k, raw] of schemaProperties(doc, s)) {
    const prop = resolveSchema(doc, raw);
    const title = titleOf(prop);
    if (declaredType(prop) === 'array' && (seen.has(title) || global.has(title))) continue;
    if (seen.has(title)) return naming.collapsed(path);
    const v = templateTree(doc, raw, naming.child(path, k), new Set([...seen, title]), global, naming);
    if (v !== undefined) out.set(k, v);
  }
  return out.size > 0 ? out : mapTree(doc, s, path, naming);
}
