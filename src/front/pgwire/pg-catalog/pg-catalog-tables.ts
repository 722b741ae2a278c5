import type { Cell, ColumnType, ResultColumn } from '../../../base/result/result-set.js';
import type { ExtraFunctions, LocalRelation, Session, SystemTable } from '../../../core/engine/session.js';
import { CATALOG_TABLES, NS, TYPE_OF, TYPES } from './pg-catalog-schema.js';
import { versionString } from './server-settings.js';

const TYPE_NAMES: Readonly<Record<string, ColumnType>> = {
  INTEGER: 'integer',
  TEXT: 'text',
  BOOLEAN: 'boolean',
  REAL: 'real',
};

/** A catalog table with rows given by column name (columns not named are NULL). */
function table(name: string, rows: ReadonlyArray<Readonly<Record<string, Cell>>> = []): SystemTable {
  const columns: ResultColumn[] = CATALOG_TABLES[name].split(', ').map((pair) => {
    const [col, type] = pair.split(' ');
    return { name: col, type: TYPE_NAMES[type] };
  });
  return { name, columns, rows: rows.map((r) => columns.map((c) => r[c.name] ?? null)) };
}

/** pg_class flags and counts that are 0 for every relation here. */
const CLASS_FLAGS = [
  'reltype',
  'relchecks',
  'relhasindex',
  'relhasrules',
  'relhastriggers',
  'relrowsecurity',
  'relforcerowsecurity',
  'relhasoids',
  'relispartition',
  'reltablespace',
  'reltoastrelid',
  'reloftype',
  'relpages',
];

const zeros = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, 0]));

/** The relation tables: the session's tables, materialized views and views, rebuilt on each refresh. */
const RELATION_TABLES = [
  'pg_class',
  'pg_attribute',
  'information_schema.tables',
  'information_schema.columns',
  'information_schema.views',
];

function relationTables(relations: readonly LocalRelation[], database: string): SystemTable[] {
  const rows = new Map<string, Array<Record<string, Cell>>>(RELATION_TABLES.map((t) => [t, []]));
  const add = (t: string, row: Record<string, Cell>) => rows.get(t)?.push(row);
  let oid = 16384;
  for (const r of relations) {
    const relkind = r.kind === 'table' ? 'r' : r.kind === 'view' ? 'v' : 'm';
    add('pg_class', {
      ...zeros(CLASS_FLAGS),
      oid,
      relname: r.name,
      relnamespace: NS.public,
      relowner: 10,
      relam: 2,
      relkind,
      relpersistence: 'p',
      relreplident: 'd',
      relnatts: r.columns.length,
      reltuples: -1,
      relispopulated: 1,
    });
    const schema = { table_catalog: database, table_schema: 'public', table_name: r.name };
    add('information_schema.tables', { ...schema, table_type: relkind === 'r' ? 'BASE TABLE' : 'VIEW' });
    if (r.query !== undefined) add('information_schema.views', { ...schema, view_definition: r.query });
    r.columns.forEach((c, i) => {
      add('pg_attribute', {
        ...zeros(['attnotnull', 'atthasdef', 'attisdropped', 'attcollation', 'attndims']),
        attrelid: oid,
        attname: c.name,
        atttypid: TYPE_OF[c.type],
        attnum: i + 1,
        attlen: -1,
        atttypmod: -1,
        attidentity: '',
        attgenerated: '',
        attislocal: 1,
      });
      add('information_schema.columns', {
        ...schema,
        column_name: c.name,
        ordinal_position: i + 1,
        data_type: c.type,
        is_nullable: 'YES',
      });
    });
    oid++;
  }
  return RELATION_TABLES.map((t) => table(t, rows.get(t)));
}

/** The tables whose rows never change: namespaces, types, the database, its one role, and empty ones. */
function staticTables(database: string, user: string): SystemTable[] {
  const rows: Record<string, Array<Record<string, Cell>>> = {
    pg_namespace: Object.entries(NS).map(([nspname, oid]) => ({ oid, nspname, nspowner: 10 })),
    pg_type: TYPES.map(([oid, typname, typlen, typtype, typcategory, typarray]) => ({
      ...zeros(['typrelid', 'typelem', 'typbasetype', 'typnotnull', 'typcollation', 'typndims']),
      oid,
      typname,
      typnamespace: NS.pg_catalog,
      typowner: 10,
      typlen,
      typbyval: typlen > 0 && typlen <= 8 ? 1 : 0,
      typtype,
      typcategory,
      typisdefined: 1,
      typdelim: ',',
      typarray,
      typinput: `${typname}in`,
      typoutput: `${typname}out`,
      typtypmod: -1,
    })),
    pg_database: [
      {
        oid: 1,
        datname: database,
        datdba: 10,
        encoding: 6,
        datcollate: 'C',
        datctype: 'C',
        datistemplate: 0,
        datallowconn: 1,
      },
    ],
    pg_roles: [
      {
        ...zeros(['rolsuper', 'rolcreaterole', 'rolcreatedb', 'rolreplication', 'rolbypassrls']),
        oid: 10,
        rolname: user,
        rolinherit: 1,
        rolcanlogin: 1,
        rolconnlimit: -1,
      },
    ],
    pg_user: [{ usename: user, usesysid: 10, usecreatedb: 0, usesuper: 0 }],
    pg_am: [{ oid: 2, amname: 'heap', amtype: 't' }],
    'information_schema.schemata': [{ catalog_name: database, schema_name: 'public', schema_owner: user }],
  };
  return Object.keys(CATALOG_TABLES)
    .filter((name) => !RELATION_TABLES.includes(name))
    .map((name) => table(name, rows[name]));
}

/** The functions catalog queries call, as constants and lookups. */
function catalogFunctions(database: string, user: string): ExtraFunctions {
  const constants: Record<string, Cell> = {
    version: versionString(),
    current_schema: 'public',
    current_database: database,
    current_catalog: database,
    pg_backend_pid: process.pid,
    pg_is_in_recovery: 0,
    pg_encoding_to_char: 'UTF8',
  };
  for (const f of ['current_user', 'session_user', 'current_role', 'pg_get_userbyid']) constants[f] = user;
  for (const f of [
    'pg_table_is_visible',
    'pg_type_is_visible',
    'has_table_privilege',
    'has_schema_privilege',
    'has_database_privilege',
  ])
    constants[f] = 1;
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
    constants[f] = null;
  return {
    constants,
    lookups: {
      current_setting: { values: { server_version_num: '140000' }, otherwise: null },
      format_type: { values: Object.fromEntries(TYPES.map((t) => [String(t[0]), t[1]])), otherwise: 'text' },
    },
  };
}

/**
 * Puts the fake PostgreSQL catalog into the session (through its entry point for front ends):
 * namespaces, types, the session's tables, views and materialized views (pg_class, pg_attribute,
 * information_schema), settings, and the functions catalog queries call. Static tables and the
 * functions are put once; the relation tables on each call, so listings follow CREATE and DROP.
 */
export async function refreshCatalog(
  session: Session,
  database: string,
  user: string,
  installed: { done: boolean },
): Promise<void> {
  const relations = relationTables(await session.localRelations(), database);
  if (installed.done) {
    await session.putSystemObjects({ tables: relations });
    return;
  }
  await session.putSystemObjects({
    tables: [...staticTables(database, user), ...relations],
    functions: catalogFunctions(database, user),
  });
  installed.done = true;
}
