import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ViewCatalog, ViewDefinition } from '../sql-store.js';
import { SKYQL_SCHEMA } from './pg-functions.js';
import { assertPgReadSql } from './pg-guard.js';
import { PgSession } from './pg-session.js';

const TABLE = `${SKYQL_SCHEMA}.views`;

/**
 * Refuses to store a view whose text is not one query the guard accepts. A text already stored
 * (by an older skyql, or by anyone who can write skyql.views) is checked on use: it reaches
 * PostgreSQL only inside a statement's final text (expanded, or REFRESH's query), which the guard
 * checks whole; it can still be dropped or replaced.
 */
function checked(view: ViewDefinition): void {
  try {
    assertPgReadSql(view.query);
  } catch (err) {
    if (!(err instanceof SkyqlError)) throw err;
    throw new SkyqlError('FORBIDDEN_SQL', `view ${view.name}: ${err.message}`, {
      hint: `DROP VIEW ${view.name}, or CREATE OR REPLACE VIEW ${view.name} AS one SELECT`,
    });
  }
}

/**
 * View definitions in the database (`skyql.views`), so every skyql process on it sees the views
 * any of them created; a materialized view's rows are a table beside it. Psql users read the
 * definitions there and query materialized views as tables.
 */
export class PgViewCatalog implements ViewCatalog {
  constructor(private readonly session: PgSession) {}

  async get(name: string): Promise<ViewDefinition | undefined> {
    return (await this.select('WHERE name = $1', [name]))[0];
  }

  list(): Promise<ViewDefinition[]> {
    return this.select('ORDER BY name', []);
  }

  async put(view: ViewDefinition): Promise<void> {
    checked(view);
    await this.session.exclusive((c) =>
      c.query(
        `INSERT INTO ${TABLE} (name, query, materialized) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET query = EXCLUDED.query, materialized = EXCLUDED.materialized`,
        [view.name, view.query, view.materialized],
      ),
    );
  }

  async remove(name: string): Promise<void> {
    await this.session.exclusive((c) => c.query(`DELETE FROM ${TABLE} WHERE name = $1`, [name]));
  }

  async snapshot(): Promise<ReadonlyMap<string, ViewDefinition>> {
    return new Map((await this.list()).map((v) => [v.name, v]));
  }

  private select(where: string, values: unknown[]): Promise<ViewDefinition[]> {
    return this.session.exclusive(async (c) => {
      const r = await PgSession.rows(c, `SELECT name, query, materialized FROM ${TABLE} ${where}`, values);
      return r.rows.map(([name, query, materialized]) => ({
        name: String(name),
        query: String(query),
        materialized: materialized === true,
      }));
    });
  }
}
