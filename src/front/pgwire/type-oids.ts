import type { Cell, ColumnType, ResultColumn } from '../../base/result/result-set.js';
import { binaryDate, binaryNumeric, binaryTimestamp } from './binary-values.js';
import type { FieldDescription } from './protocol/backend-messages.js';

/** PostgreSQL type OIDs skyql sends and understands. */
export const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  varchar: 1043,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
} as const;

/** Sizes of the types a PostgreSQL backend's columns may carry (ResultColumn.pgTypeOid). */
const SIZE_BY_OID: Readonly<Record<number, number>> = {
  [OID.date]: 4,
  [OID.timestamp]: 8,
  [OID.timestamptz]: 8,
  [OID.numeric]: -1,
};

/** Binary encoders for those types (their cells are PostgreSQL's text, or a number for numeric). */
const BINARY_BY_OID: Readonly<Record<number, (text: string) => Buffer>> = {
  [OID.date]: binaryDate,
  [OID.timestamp]: binaryTimestamp,
  [OID.timestamptz]: binaryTimestamp,
  [OID.numeric]: binaryNumeric,
};

const BY_TYPE: Readonly<Record<ColumnType, { oid: number; size: number }>> = {
  text: { oid: OID.text, size: -1 },
  integer: { oid: OID.int8, size: 8 },
  real: { oid: OID.float8, size: 8 },
  boolean: { oid: OID.bool, size: 1 },
  json: { oid: OID.json, size: -1 },
};

/** RowDescription fields for result columns (`formats`: per column, one for all, or none = text). */
export function fieldsOf(
  columns: readonly ResultColumn[],
  formats: readonly number[] = [],
): FieldDescription[] {
  return columns.map((c, i) => ({
    name: c.name,
    typeOid: c.pgTypeOid !== undefined && c.pgTypeOid in SIZE_BY_OID ? c.pgTypeOid : BY_TYPE[c.type].oid,
    typeSize:
      c.pgTypeOid !== undefined && c.pgTypeOid in SIZE_BY_OID
        ? SIZE_BY_OID[c.pgTypeOid]
        : BY_TYPE[c.type].size,
    format: formats.length === 1 ? formats[0] : (formats[i] ?? 0),
  }));
}

/** A cell in PostgreSQL's text format (booleans `t`/`f`), or null for NULL. */
export function textValue(cell: Cell): Buffer | null {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return Buffer.from(cell ? 't' : 'f');
  return Buffer.from(String(cell), 'utf8');
}

/** A cell in PostgreSQL's binary format for the column's type. */
export function binaryValue(cell: Cell, column: ResultColumn): Buffer | null {
  if (cell === null) return null;
  const type: ColumnType = column.type;
  const encode = column.pgTypeOid === undefined ? undefined : BINARY_BY_OID[column.pgTypeOid];
  if (encode) return encode(String(cell));
  if (type === 'integer' && (typeof cell === 'number' || typeof cell === 'bigint')) {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(cell));
    return b;
  }
  if (type === 'real' && typeof cell === 'number') {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(cell);
    return b;
  }
  if (type === 'boolean') return Buffer.from([cell === true || cell === 1 ? 1 : 0]);
  return textValue(cell);
}

/** Decodes a binary-format parameter of a known type to text; undefined for types it cannot decode. */
export function decodeBinaryParam(value: Buffer, oid: number): string | undefined {
  switch (oid) {
    case OID.int2:
      return String(value.readInt16BE());
    case OID.int4:
    case OID.oid:
      return String(value.readInt32BE());
    case OID.int8:
      return value.readBigInt64BE().toString();
    case OID.float4:
      return String(value.readFloatBE());
    case OID.float8:
      return String(value.readDoubleBE());
    case OID.bool:
      return value[0] ? 'true' : 'false';
    case OID.text:
    case OID.varchar:
    case OID.json:
    case 0:
      return value.toString('utf8');
    default:
      return undefined;
  }
}

/** True for parameter types whose text is a number literal. */
export function isNumericOid(oid: number): boolean {
  return [OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric, OID.oid].includes(oid as 20);
}
