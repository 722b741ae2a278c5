import type { JsonObject, Method, MethodParam } from '../../catalog/model/catalog-types.js';
import { isObject } from '../../catalog/openapi/json-pointer.js';
import { resolveSchema, schemaProperties } from '../../catalog/openapi/schema-shape.js';
import { byteOrder } from '../../catalog/resource-info.js';
import {
  declaredType,
  PLACEHOLDER_NAMING,
  TEMPLATE_NAMING,
  type TemplateTree,
  templateTree,
  UntemplatableSchema,
} from './body-template-tree.js';

/**
 * StackQL's SHOW [EXTENDED] INSERT text, byte for byte: a `<<<jsonnet` block of `<< name >>`
 * placeholders, then `INSERT INTO <fqn>(columns) SELECT <templates>;`. StackQL prints with a base
 * indentation of 2 and `'` as the delimiter of quoted values; these constants are that layout.
 */
const BASE = '  ';
const UNQUOTED = '   ';

/** Which fields the skeleton lists. */
export interface SkeletonOptions {
  /** SHOW EXTENDED INSERT: every non-body parameter, Google's standard query parameters included. */
  readonly extended: boolean;
  /** `/*+ REQUIRED *\/`: only the body properties the schema (or `request.required`) requires. */
  readonly requiredOnly: boolean;
}

interface Column {
  readonly name: string;
  readonly expr: string;
  readonly placeholder: string;
}

/** One printed tree, as in the SELECT: `{ "k": v, ... }` with sorted keys, `[ v ]`, or the leaf. */
function printTemplate(t: TemplateTree | undefined): string {
  if (t === undefined) throw new UntemplatableSchema('nil value');
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return `[ ${t.map(printTemplate).join(', ')} ]`;
  const map = t as ReadonlyMap<string, TemplateTree>;
  const keys = [...map.keys()].sort(byteOrder);
  return `{ ${keys.map((k) => `"${k}": ${printTemplate(map.get(k))}`).join(', ')} }`;
}

/** One placeholder tree: objects on their own lines, one space past `indent`; arrays `[ v ]` at indent + 2. */
function printPlaceholder(t: TemplateTree | undefined, indent: number): string {
  if (t === undefined) throw new UntemplatableSchema('nil value');
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return `[ ${t.map((v) => printPlaceholder(v, indent + 2)).join(', ')} ]`;
  const map = t as ReadonlyMap<string, TemplateTree>;
  const pad = ' '.repeat(indent + 1);
  const keys = [...map.keys()].sort(byteOrder);
  const lines = keys.map((k) => `${k}: ${printPlaceholder(map.get(k), indent + 2)}`);
  return `{\n${pad}${lines.join(`,\n${pad}`)}\n${pad}}`;
}

/** A SELECT expression: a quoted leaf loses its quotes inside `'...'`, a bare one is indented past the quote. */
function selectExpr(t: TemplateTree): string {
  if (typeof t !== 'string') return `${BASE}'${printTemplate(t)}'`;
  let inner = t.startsWith('"') ? t.slice(1) : t;
  if (inner.endsWith('"')) inner = inner.slice(0, -1);
  return inner === t ? `${UNQUOTED}${t}` : `${BASE}'${inner}'`;
}

/** The body columns (sorted by property), or none when StackQL could not template the schema. */
function bodyColumns(method: Method, doc: unknown, options: SkeletonOptions): Column[] {
  const body = method.requestSchema === undefined ? {} : resolveSchema(doc, method.requestSchema);
  if (declaredType(body) !== 'object') return [];
  const ref = method.requestSchema?.$ref;
  const global = new Set([typeof ref === 'string' ? (ref.split('/').pop() as string) : '']);
  const schemaRequired = new Set(Array.isArray(body.required) ? body.required.map(String) : []);
  const bodyParams = new Map(method.params.filter((p) => p.location === 'body').map((p) => [p.wireName, p]));
  // The model merges `request.required` into `required`; what the schema does not require came from there.
  const requestRequired = (k: string) => bodyParams.get(k)?.required === true && !schemaRequired.has(k);
  const columns = (props: ReadonlyMap<string, JsonObject>): Column[] => {
    const out: Column[] = [];
    for (const [k, raw] of props) {
      if (k !== '' && global.has(k)) continue;
      const prop = resolveSchema(doc, raw);
      const skip = prop.readOnly === true || (options.requiredOnly && !schemaRequired.has(k));
      if (skip && !requestRequired(k)) continue;
      const name = bodyParams.get(k)?.name ?? `data__${k}`;
      const seen = new Set([k]);
      const expr = templateTree(doc, raw, `.values.${name}`, seen, global, TEMPLATE_NAMING);
      const holder = templateTree(doc, raw, name, seen, global, PLACEHOLDER_NAMING);
      if (expr === undefined || holder === undefined) continue;
      const shown = typeof holder === 'string' ? holder : printPlaceholder(holder, BASE.length);
      out.push({ name, expr: selectExpr(expr), placeholder: `${UNQUOTED}${name}: ${UNQUOTED}${shown}` });
    }
    return out.sort((a, b) => byteOrder(a.name, b.name));
  };
  try {
    const found = columns(schemaProperties(doc, body));
    if (found.length > 0 || !isObject(body.additionalProperties)) return found;
    return columns(new Map([['k1', body.additionalProperties]]));
  } catch (err) {
    if (err instanceof UntemplatableSchema) return []; // StackQL drops the whole body then
    throw err;
  }
}

/** A non-body parameter: quoted when its schema says string. */
function paramColumn(p: MethodParam, doc: unknown): Column {
  const type = p.schema ? declaredType(resolveSchema(doc, p.schema)) : 'string';
  const expr = type === 'string' ? `${BASE}'{{ .values.${p.name} }}'` : `${UNQUOTED}{{ .values.${p.name} }}`;
  return { name: p.name, expr, placeholder: `${UNQUOTED}${p.name}: << ${p.name} >>` };
}

/**
 * The INSERT skeleton StackQL prints for `method`: non-body parameters first, sorted (required
 * ones; all of them with EXTENDED unless REQUIRED), then the body properties sorted, read-only
 * ones skipped. `doc` is the document the method's schemas `$ref` into.
 */
export function insertSkeleton(fqn: string, method: Method, doc: unknown, options: SkeletonOptions): string {
  const byName = new Map<string, MethodParam>();
  for (const p of method.params)
    if (
      p.location !== 'body' &&
      !byName.has(p.name) &&
      (p.required || (options.extended && !options.requiredOnly))
    )
      byName.set(p.name, p);
  const params = [...byName.keys()]
    .sort(byteOrder)
    .map((n) => paramColumn(byName.get(n) as MethodParam, doc));
  const cols = [...params, ...bodyColumns(method, doc, options)];
  return (
    `<<<jsonnet\n{\n${cols.map((c) => c.placeholder).join(',\n')}\n}\n>>>\n` +
    `INSERT INTO ${fqn}(\n${cols.map((c) => `${BASE}${c.name}`).join(',\n')}\n)\n` +
    `SELECT\n${cols.map((c) => c.expr).join(',\n')}\n;\n`
  );
}
