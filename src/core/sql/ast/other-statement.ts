import type { StatementBase } from './statement-base.js';

/** Verbs of statements that are recognised but parsed by later stages (as {@link OtherStatement}). */
export const OTHER_VERBS = [
  'SELECT',
  'WITH',
  'INSERT',
  'UPDATE',
  'REPLACE',
  'DELETE',
  'EXEC',
  'CREATE',
  'DROP',
  'REFRESH',
  'EXPLAIN',
  'SET',
  'PURGE',
  'NATIVEQUERY',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
] as const;

/** One of {@link OTHER_VERBS}. */
export type OtherVerb = (typeof OTHER_VERBS)[number];

/**
 * A statement whose verb is known but whose body is parsed later (queries, DML, EXEC, views,
 * transactions...). `hints` are the names in a `/*+ ... *\/` comment directly after the verb
 * (`INSERT /*+ AWAIT *\/ INTO ...` → `['AWAIT']`), upper-cased; empty when there is none.
 */
export interface OtherStatement extends StatementBase {
  readonly kind: 'other';
  readonly verb: OtherVerb;
  readonly hints: readonly string[];
}
