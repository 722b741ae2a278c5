import { createRequire } from 'node:module';
import type * as Pg from 'pg';
import type * as PgCopy from 'pg-copy-streams';

/** The `pg` client and `pg-copy-streams`, loaded on first use: only a PostgreSQL backend needs them. */
export interface PgModules {
  readonly pg: typeof Pg;
  readonly copy: typeof PgCopy;
}

let modules: PgModules | undefined;

export function pgModules(): PgModules {
  if (!modules) {
    const require = createRequire(import.meta.url);
    modules = { pg: require('pg') as typeof Pg, copy: require('pg-copy-streams') as typeof PgCopy };
  }
  return modules;
}
