/** Fields every statement node has. */
export interface StatementBase {
  /** The statement's source text (without the terminating `;`). */
  readonly text: string;
  /** Offset of `text` in the full source. */
  readonly start: number;
}
