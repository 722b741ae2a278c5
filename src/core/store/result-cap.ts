import { SkyqlError } from '../../base/errors/skyql-error.js';

/**
 * The byte cap on a local query's result (`--pgsrv.maxResultBytes`, mcp's limits), shared by the
 * stores: rows are counted as they are read, so a huge result fails before it is built whole.
 */

/** Bytes a cell counts for: text and blob lengths, JSON text length for objects, 8 for anything else. */
export function cellBytes(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v !== null && typeof v === 'object') return JSON.stringify(v).length;
  return 8;
}

export function rowBytes(row: readonly unknown[]): number {
  let bytes = 0;
  for (const v of row) bytes += cellBytes(v);
  return bytes;
}

/** RESULT_TOO_LARGE: `rowsRead` rows fitted, the next did not. */
export function resultTooLarge(maxBytes: number, rowsRead: number): SkyqlError {
  return new SkyqlError(
    'RESULT_TOO_LARGE',
    `the query's result is over ${mib(maxBytes)} (at row ${rowsRead + 1}); nothing was returned`,
    {
      hint: "select fewer or shorter columns (substr(), length()), add WHERE or LIMIT, or raise the front end's result cap",
    },
  );
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
