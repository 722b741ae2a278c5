import { SkyqlError } from '../../base/errors/skyql-error.js';

/**
 * `SET [SESSION | LOCAL] statement_timeout { TO | = } value | DEFAULT` and `RESET statement_timeout`
 * (also RESET ALL, DISCARD ALL) from a client: the connection's statement timeout, applied like
 * `--execution.timeout` (API calls and local SQL alike; SQLSTATE 57014). LOCAL is taken as SESSION:
 * there are no transactions to end it.
 */

/** Units PostgreSQL takes for statement_timeout, in milliseconds. */
const UNITS: Readonly<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const SET = /^set\s+(?:session\s+|local\s+)?"?statement_timeout"?\s*(?:to|=)\s*(.+?)\s*;*\s*$/is;
const RESET = /^(?:reset\s+(?:"?statement_timeout"?|all)|discard\s+all)\s*;*\s*$/is;

/** What a statement does to the timeout: `ms` (0: none), `default` (the server's), or undefined when it is not about it. */
export function statementTimeoutCommand(sql: string): { ms: number } | 'default' | undefined {
  const text = sql.trim();
  if (RESET.test(text)) return 'default';
  const m = SET.exec(text);
  if (!m) return undefined;
  const raw = m[1].replace(/^'(.*)'$/s, '$1').trim();
  if (/^default$/i.test(raw)) return 'default';
  const v = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw);
  const unit = v ? UNITS[v[2] === '' ? 'ms' : v[2].toLowerCase()] : undefined;
  if (!v || unit === undefined)
    throw new SkyqlError('BAD_PARAMETER', `invalid value for parameter "statement_timeout": "${raw}"`, {
      hint: 'valid units for this parameter are "us", "ms", "s", "min", "h", and "d" (no unit: ms; 0: no limit)',
    });
  return { ms: Math.round(Number(v[1]) * unit) };
}

/** The setting's text as SHOW statement_timeout gives it (`0`, `1500ms`, `2s`). */
export function showTimeout(ms: number): string {
  if (ms === 0) return '0';
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
