import type { JsonObject } from '../../catalog/model/catalog-types.js';
import { resolveSchema, schemaProperties, schemaType } from '../../catalog/openapi/schema-shape.js';

function shapeOf(doc: unknown, schema: unknown, depth: number): unknown {
  const type = schemaType(doc, schema);
  if (depth <= 0) return { type };
  if (type === 'array') {
    const items = resolveSchema(doc, schema).items;
    return { type, items: shapeOf(doc, items, depth - 1) };
  }
  if (type === 'object') {
    const props = schemaProperties(doc, schema);
    if (props.size === 0) return { type };
    const properties: Record<string, unknown> = {};
    for (const [k, v] of props) properties[k] = shapeOf(doc, v, depth - 1);
    return { type, properties };
  }
  return { type };
}

/**
 * The `shape` column of DESCRIBE METHOD: a compact JSON-schema subset (types and property names,
 * two levels deep) for object and array fields; empty for scalars.
 */
export function schemaShape(doc: unknown, schema: JsonObject | undefined): string {
  if (schema === undefined) return '';
  const type = schemaType(doc, schema);
  if (type !== 'object' && type !== 'array') return '';
  return JSON.stringify(shapeOf(doc, schema, 2));
}
