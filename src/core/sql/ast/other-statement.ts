import type { StatementBase } from './statement-base.js';

/**
 * Verbs of statements the engine runs from their text: queries, and statements on the session's
 * own views and tables (DDL/DML on one-part names; on provider tables they parse as mutations).
 */
export const QUERY_AND_LOCAL_VERBS = [
  'SELECT',
  'WITH',
  'INSERT',
  'UPDATE',
  'REPLACE',
  'DELETE',
  'CREATE',
  'DROP',
  'REFRESH',
] as const;

/**
 * StackQL verbs that are recognised, so they are not reported as typos, but not run (the wire
 * server answers SET and transaction statements itself).
 */
export const UNSUPPORTED_VERBS = ['SET', 'PURGE', 'NATIVEQUERY', 'BEGIN', 'COMMIT', 'ROLLBACK'] as const;

/** Verbs of statements that are recognised but parsed by later stages (as {@link OtherStatement}). */
export const OTHER_VERBS = [...QUERY_AND_LOCAL_VERBS, ...UNSUPPORTED_VERBS] as const;

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
