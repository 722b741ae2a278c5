/**
 * What a statement returns: a typed table. Plain data, shared by the engine, output writers and the
 * wire server. `json` cells hold compact JSON text; writers that can (json, jsonl) embed it as JSON.
 */
export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'json';

/** One result column: its name as printed and its type. */
export interface ResultColumn {
  readonly name: string;
  readonly type: ColumnType;
  /**
   * The PostgreSQL type OID where `type` says less (numeric, timestamptz, timestamp, date), for
   * columns the PostgreSQL backend produced: the wire server reports it to its clients.
   */
  readonly pgTypeOid?: number;
}

/** One cell: SQL NULL is `null`; booleans and numbers keep their JS types. */
export type Cell = string | number | bigint | boolean | null;

/** A finished result: columns in projection order and rows of cells in the same order. */
export interface ResultSet {
  readonly columns: readonly ResultColumn[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

/** Builds a ResultSet of text columns (most metadata statements). */
export function textResult(names: readonly string[], rows: ReadonlyArray<readonly Cell[]>): ResultSet {
  return { columns: names.map((name) => ({ name, type: 'text' as const })), rows };
}
