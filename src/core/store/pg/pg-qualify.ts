import { SKYQL_SCHEMA } from './pg-functions.js';
import { pgTokens } from './pg-tokens.js';

/**
 * Calls of skyql's own functions (`json_extract(…)`) written without a schema, qualified
 * (`skyql.json_extract(…)`), so a function of the same name that another role put in a schema
 * earlier on the search path (`public.json_extract`) is never the one that runs. `names`: the
 * upper-cased names of skyql's functions that pg_catalog lacks (pg_catalog is searched first, so
 * its own `regexp_like` cannot be shadowed and keeps its other forms).
 */
export function qualifySkyqlFunctions(sql: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return sql;
  const tokens = pgTokens(sql);
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    if (tokens[i + 1]?.value !== '(' || tokens[i - 1]?.value === '.') return;
    const name = t.kind === 'word' ? t.value : t.kind === 'quoted' ? sql.slice(t.start + 1, t.end - 1) : '';
    // a quoted name is the function only when spelled in lower case, as skyql created it
    if (
      !names.has(t.kind === 'word' ? name : name.toUpperCase()) ||
      (t.kind === 'quoted' && name !== name.toLowerCase())
    )
      return;
    out += `${sql.slice(at, t.start)}${SKYQL_SCHEMA}.`;
    at = t.start;
  });
  return out + sql.slice(at);
}
