import { SkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../base/result/result-set.js';

/** StackQL's own SHOW statements (everything else after SHOW is a PostgreSQL setting). */
const STACKQL_SHOW = new Set([
  'PROVIDERS',
  'SERVICES',
  'RESOURCES',
  'METHODS',
  'EXTENDED',
  'VERSION',
  'INSERT',
  'TRANSACTION',
]);

/** What a session command did. */
export interface CommandOutcome {
  readonly tag: string;
  readonly result?: ResultSet;
  /** The transaction block state after it. */
  readonly transaction?: 'begin' | 'end';
}

/**
 * Answers PostgreSQL session commands that clients send on connect or around queries, without the
 * engine: SET/RESET/DISCARD (accepted and ignored), BEGIN/COMMIT/ROLLBACK (accepted; skyql has no
 * transactions over APIs), and `SHOW <setting>` / `SHOW ALL`. Returns undefined for other statements.
 * Throws UNSUPPORTED_STATEMENT (SQLSTATE 0A000) for an unknown setting.
 */
export function clientCommand(
  sql: string,
  settings: ReadonlyMap<string, string>,
): CommandOutcome | undefined {
  const words = sql.trim().replace(/;+$/, '').split(/\s+/);
  const verb = words[0]?.toUpperCase();
  switch (verb) {
    case 'SET':
      return { tag: 'SET' };
    case 'RESET':
      return { tag: 'RESET' };
    case 'DISCARD':
      return { tag: 'DISCARD ALL' };
    case 'BEGIN':
    case 'START':
      return { tag: 'BEGIN', transaction: 'begin' };
    case 'COMMIT':
    case 'END':
      return { tag: 'COMMIT', transaction: 'end' };
    case 'ROLLBACK':
    case 'ABORT':
      return { tag: 'ROLLBACK', transaction: 'end' };
    case 'SHOW': {
      const name = words.slice(1).join(' ').replace(/"/g, '').toLowerCase();
      if (name === '' || STACKQL_SHOW.has(words[1].toUpperCase())) return undefined;
      if (name === 'all') return { tag: 'SHOW', result: textResult(['name', 'setting'], [...settings]) };
      const value = settings.get(name);
      if (value === undefined)
        throw new SkyqlError('UNSUPPORTED_STATEMENT', `unrecognized configuration parameter "${name}"`);
      return { tag: 'SHOW', result: textResult([name], [[value]]) };
    }
    default:
      return undefined;
  }
}
