import type { Cell, ColumnType } from '../../../base/result/result-set.js';

/** The PostgreSQL type of a column skyql creates, by its column type (typed from the response schema). */
export const PG_TYPE: Readonly<Record<ColumnType, string>> = {
  text: 'text',
  integer: 'bigint',
  real: 'double precision',
  boolean: 'boolean',
  json: 'jsonb',
};

const INTEGER_OIDS = new Set([20, 21, 23, 26]); // int8, int2, int4, oid
const REAL_OIDS = new Set([700, 701, 1700]); // float4, float8, numeric
const JSON_OIDS = new Set([114, 3802]); // json, jsonb

/** A result column's type from its PostgreSQL type OID. */
export function columnTypeOf(oid: number): ColumnType {
  if (oid === 16) return 'boolean';
  if (INTEGER_OIDS.has(oid)) return 'integer';
  if (REAL_OIDS.has(oid)) return 'real';
  if (JSON_OIDS.has(oid)) return 'json';
  return 'text';
}

const asText = (v: string) => v;
const asInteger = (v: string): Cell => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
};
const asReal = (v: string): Cell => Number(v);
const asBoolean = (v: string): Cell => v === 't';
/** jsonb prints `{"a": 1}`; results carry compact JSON text, as on SQLite. */
const asJson = (v: string): Cell => JSON.stringify(JSON.parse(v));

/**
 * Text-format values as cells: integers as numbers (bigint beyond 2^53, as SQLite reads them),
 * floats and numeric as numbers, booleans, and everything else (JSON, dates, arrays) as the text
 * PostgreSQL sent, so output matches what psql shows and JSON stays compact text.
 */
export function cellParser(oid: number): (value: string) => Cell {
  if (oid === 16) return asBoolean;
  if (INTEGER_OIDS.has(oid)) return asInteger;
  if (REAL_OIDS.has(oid)) return asReal;
  if (JSON_OIDS.has(oid)) return asJson;
  return asText;
}
