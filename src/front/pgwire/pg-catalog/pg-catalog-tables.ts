import type { Session } from '../../../core/engine/session.js';
import { quoteIdent } from '../../../core/store/sqlite-store.js';
import { DDL, NS, TYPE_OF, TYPES } from './pg-catalog-schema.js';
import { versionString } from './server-settings.js';

/** True for names of the fake catalog tables (hidden from user listings). */
export function isCatalogTable(name: string): boolean {
  return name.startsWith('pg_') || name.startsWith('information_schema.');
}

/**
 * Creates (once) and refreshes the fake PostgreSQL catalog in the session's SQLite database:
 * namespaces, types, the session's tables, views and materialized views (pg_class, pg_attribute,
 * information_schema), settings, and the functions catalog queries call. Static rows are written
 * once; the relation rows are rebuilt on each call, so listings follow CREATE and DROP.
 */
export function refreshCatalog(
  session: Session,
  database: string,
  user: string,
  installed: { done: boolean },
): void {
  const store = session.context.store;
  if (!installed.done) {
    for (const stmt of DDL.split(';')
      .map((s) => s.trim())
      .filter(Boolean))
      store.run(stmt);
    for (const [name, oid] of Object.entries(NS))
      store.run('INSERT INTO pg_namespace VALUES (?, ?, 10, NULL)', [oid, name]);
    for (const [oid, name, len, type, cat, arr] of TYPES)
      store.run(
        `INSERT INTO pg_type (oid, typname, typnamespace, typowner, typlen, typbyval, typtype, typcategory, typisdefined,
         typdelim, typrelid, typelem, typarray, typinput, typoutput, typbasetype, typtypmod, typnotnull, typcollation, typndims)
         VALUES (?, ?, 11, 10, ?, ?, ?, ?, 1, ',', 0, 0, ?, ?, ?, 0, -1, 0, 0, 0)`,
        [oid, name, len, len > 0 && len <= 8 ? 1 : 0, type, cat, arr, `${name}in`, `${name}out`],
      );
    store.run('INSERT INTO pg_database VALUES (1, ?, 10, 6, ?, ?, 0, 1, NULL)', [database, 'C', 'C']);
    store.run('INSERT INTO pg_roles VALUES (10, ?, 0, 1, 0, 0, 1, 0, -1, NULL, 0, NULL)', [user]);
    store.run('INSERT INTO pg_user VALUES (?, 10, 0, 0)', [user]);
    store.run("INSERT INTO pg_am VALUES (2, 'heap', 't')");
    store.run('INSERT INTO "information_schema.schemata" VALUES (?, \'public\', ?)', [database, user]);
    defineFunctions(session, database, user);
    installed.done = true;
  }
  for (const t of [
    'pg_class',
    'pg_attribute',
    '"information_schema.tables"',
    '"information_schema.columns"',
    '"information_schema.views"',
  ])
    store.run(`DELETE FROM ${t}`);
  const mv = new Set(
    session.objects
      .listViews()
      .filter((v) => v.materialized)
      .map((v) => v.name),
  );
  const tables = store.tableNames().filter((t) => !isCatalogTable(t) && !t.startsWith('__skyql_'));
  const views = session.objects.listViews().filter((v) => !v.materialized);
  let oid = 16384;
  for (const name of tables) {
    const cols = store.tableColumns(name);
    const kind = mv.has(name) ? 'm' : 'r';
    insertClass(session, oid, name, kind, cols.length);
    store.run('INSERT INTO "information_schema.tables" VALUES (?, \'public\', ?, ?)', [
      database,
      name,
      kind === 'r' ? 'BASE TABLE' : 'VIEW',
    ]);
    cols.forEach((c, i) => {
      store.run(
        `INSERT INTO pg_attribute (attrelid, attname, atttypid, attnum, attlen, atttypmod, attnotnull, atthasdef, attisdropped,
         attidentity, attgenerated, attcollation, attndims, attislocal) VALUES (?, ?, ?, ?, -1, -1, 0, 0, 0, '', '', 0, 0, 1)`,
        [oid, c.name, TYPE_OF[c.type], i + 1],
      );
      store.run("INSERT INTO \"information_schema.columns\" VALUES (?, 'public', ?, ?, ?, ?, 'YES', NULL)", [
        database,
        name,
        c.name,
        i + 1,
        c.type,
      ]);
    });
    oid++;
  }
  for (const v of views) {
    insertClass(session, oid++, v.name, 'v', 0);
    store.run("INSERT INTO \"information_schema.tables\" VALUES (?, 'public', ?, 'VIEW')", [
      database,
      v.name,
    ]);
    store.run('INSERT INTO "information_schema.views" VALUES (?, \'public\', ?, ?)', [
      database,
      v.name,
      v.query,
    ]);
  }
}

function insertClass(session: Session, oid: number, name: string, kind: string, natts: number): void {
  session.context.store.run(
    `INSERT INTO pg_class VALUES (?, ?, 2200, 0, 10, 2, ?, 'p', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'd', ?, -1, 0, NULL, NULL, NULL, 1)`,
    [oid, name, kind, natts],
  );
}

function defineFunctions(session: Session, database: string, user: string): void {
  const store = session.context.store;
  const constant = (v: unknown) => () => v;
  store.defineFunction('version', constant(versionString()));
  store.defineFunction('current_schema', constant('public'));
  store.defineFunction('current_database', constant(database));
  store.defineFunction('current_catalog', constant(database));
  for (const f of ['current_user', 'session_user', 'current_role', 'pg_get_userbyid'])
    store.defineFunction(f, constant(user));
  store.defineFunction('pg_backend_pid', constant(process.pid));
  store.defineFunction('pg_is_in_recovery', constant(0));
  for (const f of [
    'pg_table_is_visible',
    'pg_type_is_visible',
    'has_table_privilege',
    'has_schema_privilege',
    'has_database_privilege',
  ])
    store.defineFunction(f, constant(1));
  for (const f of [
    'obj_description',
    'col_description',
    'shobj_description',
    'pg_get_expr',
    'pg_get_indexdef',
    'pg_get_constraintdef',
    'pg_get_viewdef',
    'array_to_string',
    'pg_get_statisticsobjdef_columns',
    'pg_get_publication_tables',
    'pg_relation_is_publishable',
    'pg_get_partkeydef',
  ])
    store.defineFunction(f, constant(null));
  store.defineFunction('pg_encoding_to_char', constant('UTF8'));
  store.defineFunction('current_setting', ((name: string) =>
    name === 'server_version_num' ? '140000' : null) as never);
  store.defineFunction('quote_ident', ((s: string) => quoteIdent(String(s))) as never);
  store.defineFunction(
    'format_type',
    ((oid: number) => TYPES.find((t) => t[0] === Number(oid))?.[1] ?? 'text') as never,
  );
  store.defineFunction('regexp', ((pattern: string, value: string) =>
    value == null ? null : new RegExp(pattern).test(String(value)) ? 1 : 0) as never);
}
