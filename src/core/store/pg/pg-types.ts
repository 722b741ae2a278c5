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
/** numeric: the number when it prints back as PostgreSQL's exact text, else that text (never rounded). */
const asNumeric = (v: string): Cell => {
  const n = Number(v);
  return String(n) === v ? n : v;
};

/** Types a result column names by OID (ResultColumn.pgTypeOid): numeric, timestamptz, timestamp, date. */
const KEPT_OIDS = new Set([1700, 1184, 1114, 1082]);

/** The OID to keep on a result column of PostgreSQL type `oid`, or undefined. */
export function keptTypeOid(oid: number): number | undefined {
  return KEPT_OIDS.has(oid) ? oid : undefined;
}
const asBoolean = (v: string): Cell => v === 't';
/** jsonb prints `{"a": 1}`; results carry compact JSON text, as on SQLite. */
const asJson = (v: string): Cell => JSON.stringify(JSON.parse(v));

/**
 * Text-format values as cells: integers as numbers (bigint beyond 2^53, as SQLite reads them),
 * floats as numbers, numeric as a number when that is exact and as its text otherwise
 * (`9007199254740993`, `1.50`), booleans, and everything else (JSON, dates, arrays) as the text
 * PostgreSQL sent, so output matches what psql shows and JSON stays compact text.
 */
export function cellParser(oid: number): (value: string) => Cell {
  if (oid === 16) return asBoolean;
  if (INTEGER_OIDS.has(oid)) return asInteger;
  if (oid === 1700) return asNumeric;
  if (REAL_OIDS.has(oid)) return asReal;
  if (JSON_OIDS.has(oid)) return asJson;
  return asText;
}
