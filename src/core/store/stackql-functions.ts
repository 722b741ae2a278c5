import type BetterSqlite3 from 'better-sqlite3';
import type { Cell } from '../../base/result/result-set.js';

/** Compiled regexps, reused across rows. */
const cache = new Map<string, RegExp>();
function regex(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    if (cache.size > 256) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function canonicalJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalJson);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonicalJson((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function jsonEqual(a: unknown, b: unknown): number | null {
  if (a === null || b === null) return null;
  try {
    return JSON.stringify(canonicalJson(JSON.parse(String(a)))) ===
      JSON.stringify(canonicalJson(JSON.parse(String(b))))
      ? 1
      : 0;
  } catch {
    return 0;
  }
}

/**
 * StackQL's extra SQL functions (its sqlite-ext-functions): split_part, regexp_like,
 * regexp_replace, regexp_substr, json_equal; also `regexp` (what SQLite's REGEXP operator calls) and
 * PostgreSQL's `quote_ident`. JavaScript regular expressions stand in for Go's RE2 (the same syntax
 * for everything these functions are used for); user SQL that may run them long runs in a process
 * that can be killed (sql-runner-pool.ts).
 */
export function registerStackqlFunctions(db: BetterSqlite3.Database): void {
  const det = { deterministic: true };
  db.function('regexp', det, (p: unknown, s: unknown) =>
    s === null || p === null ? null : regex(String(p)).test(String(s)) ? 1 : 0,
  );
  db.function('quote_ident', det, (s: unknown) => (s === null ? null : `"${String(s).replace(/"/g, '""')}"`));
  db.function('split_part', det, (s: unknown, delim: unknown, n: unknown) => {
    if (s === null || delim === null || n === null) return null;
    const parts = String(s).split(String(delim));
    const i = Number(n);
    const part = i > 0 ? parts[i - 1] : i < 0 ? parts[parts.length + i] : undefined;
    return part ?? '';
  });
  db.function('regexp_like', det, (s: unknown, p: unknown) =>
    s === null || p === null ? null : regex(String(p)).test(String(s)) ? 1 : 0,
  );
  db.function('regexp_replace', det, (s: unknown, p: unknown, r: unknown) =>
    s === null || p === null || r === null ? null : String(s).replace(regex(String(p), 'g'), String(r)),
  );
  db.function('regexp_substr', det, (s: unknown, p: unknown) => {
    if (s === null || p === null) return null;
    return regex(String(p)).exec(String(s))?.[0] ?? null;
  });
  db.function('json_equal', det, jsonEqual);
  db.function('aws_policy_equal', det, jsonEqual);
}

/**
 * Functions a front end adds to its sessions' SQL (the wire server's pg_catalog shims such as
 * `version()` or `format_type(oid)`): plain data, so a runner process can register them too.
 */
export interface ExtraFunctions {
  /** name → the value it returns, whatever the arguments. */
  readonly constants?: Readonly<Record<string, Cell>>;
  /** name → value by its first argument (as text), `otherwise` for any other argument. */
  readonly lookups?: Readonly<
    Record<string, { readonly values: Readonly<Record<string, Cell>>; readonly otherwise: Cell }>
  >;
}

const sqlValue = (v: Cell) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** Registers {@link ExtraFunctions} on a connection. */
export function registerExtraFunctions(db: BetterSqlite3.Database, extra: ExtraFunctions): void {
  const options = { deterministic: true, varargs: true };
  for (const [name, value] of Object.entries(extra.constants ?? {}))
    db.function(name, options, () => sqlValue(value));
  for (const [name, { values, otherwise }] of Object.entries(extra.lookups ?? {}))
    db.function(name, options, (arg: unknown) => {
      const key = String(arg);
      return sqlValue(Object.hasOwn(values, key) ? values[key] : otherwise);
    });
}
