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
    modules = {
      pg: withoutFetchGlobals(() => require('pg') as typeof Pg),
      copy: require('pg-copy-streams') as typeof PgCopy,
    };
  }
  return modules;
}

/**
 * Runs `load` with `globalThis.Response` hidden. When `pg` loads it asks whether it runs in a
 * Cloudflare Worker by making a `new Response(...)`; on Node 20 that first touch of the fetch
 * globals loads Node's bundled undici, ~50 ms of every process that opens a PostgreSQL backend
 * (half of loading `pg`). With no `Response`, pg concludes "not a Worker", which it is not. Node's
 * own lazy property is put back untouched, so fetch loads as usual when something uses it.
 */
function withoutFetchGlobals<T>(load: () => T): T {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!own?.configurable) return load();
  Object.defineProperty(globalThis, 'Response', { value: undefined, configurable: true, writable: true });
  try {
    return load();
  } finally {
    Object.defineProperty(globalThis, 'Response', own);
  }
}
