import { BufferWriter } from './buffer-writer.js';

/** One column of a RowDescription. */
export interface FieldDescription {
  readonly name: string;
  readonly typeOid: number;
  /** pg_type.typlen: 8 for int8/float8, 1 for bool, -1 for variable length. */
  readonly typeSize: number;
  /** 0 text, 1 binary. */
  readonly format: number;
}

/** ErrorResponse / NoticeResponse fields. */
export interface ErrorFields {
  readonly severity: 'ERROR' | 'FATAL' | 'NOTICE' | 'WARNING' | 'INFO';
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  /** 1-based character position in the query. */
  readonly position?: number;
}

/**
 * Encoders of the backend messages skyql sends, one function per message.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
export const backend = {
  /** 'R' int32 0 */
  authenticationOk: () => new BufferWriter('R').int32(0).finish(),
  /** 'R' int32 10, mechanism names each NUL-terminated, then an empty name */
  authenticationSasl: (mechanisms: readonly string[]) => {
    const w = new BufferWriter('R').int32(10);
    for (const m of mechanisms) w.cstring(m);
    return w.byte(0).finish();
  },
  /** 'R' int32 11, server-first-message */
  authenticationSaslContinue: (data: string) => new BufferWriter('R').int32(11).bytes(data).finish(),
  /** 'R' int32 12, server-final-message */
  authenticationSaslFinal: (data: string) => new BufferWriter('R').int32(12).bytes(data).finish(),
  /** 'S' name\0 value\0 */
  parameterStatus: (name: string, value: string) =>
    new BufferWriter('S').cstring(name).cstring(value).finish(),
  /** 'K' int32 process id, int32 secret key (for CancelRequest) */
  backendKeyData: (pid: number, key: number) => new BufferWriter('K').int32(pid).int32(key).finish(),
  /** 'Z' status byte: I idle, T in a transaction block, E failed transaction */
  readyForQuery: (status: 'I' | 'T' | 'E') => new BufferWriter('Z').bytes(status).finish(),
  /** 'T' int16 count, per field: name\0 int32 table oid, int16 attnum, int32 type oid, int16 size, int32 typmod, int16 format */
  rowDescription: (fields: readonly FieldDescription[]) => {
    const w = new BufferWriter('T').int16(fields.length);
    for (const f of fields)
      w.cstring(f.name).int32(0).int16(0).int32(f.typeOid).int16(f.typeSize).int32(-1).int16(f.format);
    return w.finish();
  },
  /** 'D' int16 count, per value: int32 length (-1 NULL) and bytes */
  dataRow: (values: ReadonlyArray<Buffer | null>) => {
    const w = new BufferWriter('D').int16(values.length);
    for (const v of values) {
      if (v === null) w.int32(-1);
      else w.int32(v.length).bytes(v);
    }
    return w.finish();
  },
  /** 'C' tag\0 (`SELECT 3`, `CREATE TABLE`) */
  commandComplete: (tag: string) => new BufferWriter('C').cstring(tag).finish(),
  /** 'I' (a query string with no statement) */
  emptyQueryResponse: () => new BufferWriter('I').finish(),
  /** 'E' fields as type byte + cstring, ended by a NUL */
  errorResponse: (f: ErrorFields) => fieldsMessage('E', f),
  /** 'N' like ErrorResponse */
  noticeResponse: (f: ErrorFields) => fieldsMessage('N', f),
  /** '1' */
  parseComplete: () => new BufferWriter('1').finish(),
  /** '2' */
  bindComplete: () => new BufferWriter('2').finish(),
  /** '3' */
  closeComplete: () => new BufferWriter('3').finish(),
  /** 'n' (the statement returns no rows) */
  noData: () => new BufferWriter('n').finish(),
  /** 's' (Execute stopped at its row limit) */
  portalSuspended: () => new BufferWriter('s').finish(),
  /** 't' int16 count, int32 type oid each */
  parameterDescription: (oids: readonly number[]) => {
    const w = new BufferWriter('t').int16(oids.length);
    for (const o of oids) w.int32(o);
    return w.finish();
  },
};

function fieldsMessage(code: 'E' | 'N', f: ErrorFields): Buffer {
  const w = new BufferWriter(code);
  w.bytes('S').cstring(f.severity);
  w.bytes('V').cstring(f.severity); // non-localized severity (protocol 3, PG 9.6+)
  w.bytes('C').cstring(f.code);
  w.bytes('M').cstring(f.message);
  if (f.detail) w.bytes('D').cstring(f.detail);
  if (f.hint) w.bytes('H').cstring(f.hint);
  if (f.position !== undefined) w.bytes('P').cstring(String(f.position));
  return w.byte(0).finish();
}
