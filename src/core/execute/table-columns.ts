import type { Cell, ColumnType } from '../../base/result/result-set.js';
import type { Method, SchemaColumn } from '../catalog/model/catalog-types.js';
import { byteOrder } from '../catalog/resource-info.js';

/** OpenAPI type → result column type. */
export function columnType(openApiType: string): ColumnType {
  switch (openApiType) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'object':
    case 'array':
    case 'any':
      return 'json';
    default:
      return 'text';
  }
}

/** A JS value from an API row as a cell of the given type (objects as compact JSON text). */
export function toCell(value: unknown, type: ColumnType): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  if (type === 'boolean') return typeof value === 'boolean' ? value : value === 'true';
  if (type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : BigInt(value);
  }
  if (type === 'json') return JSON.stringify(value);
  if (type === 'text' && typeof value === 'boolean') return String(value); // `all = true` reads back 'true'
  return value as Cell;
}

/**
 * The columns `SELECT *` shows for a method: response columns sorted by name (byte order), then
 * server variables not already present (StackQL's rule).
 */
export function visibleColumns(method: Method): SchemaColumn[] {
  const cols = [...method.columns].sort((a, b) => byteOrder(a.name, b.name));
  const names = new Set(cols.map((c) => c.name));
  for (const p of method.params) {
    if (p.location === 'server' && !names.has(p.name)) {
      cols.push({ name: p.name, type: 'string', format: undefined, description: p.description, schema: {} });
    }
  }
  return cols;
}
