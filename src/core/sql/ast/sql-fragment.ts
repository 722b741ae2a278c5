/**
 * A piece of the statement kept as the user wrote it, to be evaluated later by the local SQL engine
 * (SQLite), e.g. the expression after `WHERE` in SHOW. Offsets are in the full source, so
 * `source.slice(start, end) === text`.
 */
export interface SqlFragment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}
