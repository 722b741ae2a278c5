import { QUERY_AND_LOCAL_VERBS } from './other-statement.js';
import type { StatementKind } from './statement.js';

/**
 * The verbs each parsed statement kind starts with. The type demands an entry for every kind, so a
 * new statement cannot be added without appearing in {@link SUPPORTED_VERBS}.
 */
const KIND_VERBS: { readonly [K in Exclude<StatementKind, 'other'>]: readonly string[] } = {
  show: ['SHOW'],
  showVersion: ['SHOW'],
  showInsert: ['SHOW'],
  showTransactionIsolation: ['SHOW'],
  describe: ['DESCRIBE'],
  describeMethod: ['DESCRIBE'],
  registryList: ['REGISTRY'],
  registryPull: ['REGISTRY'],
  insert: ['INSERT'],
  update: ['UPDATE', 'REPLACE'],
  delete: ['DELETE'],
  exec: ['EXEC'],
  explain: ['EXPLAIN'],
};

/** Every verb skyql runs, in the order hints list them. */
export const SUPPORTED_VERBS: readonly string[] = [
  ...new Set([...Object.values(KIND_VERBS).flat(), ...QUERY_AND_LOCAL_VERBS]),
];
