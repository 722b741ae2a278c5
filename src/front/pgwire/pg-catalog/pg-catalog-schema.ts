/** The emulated PostgreSQL catalog: namespaces, types and the DDL of its tables. */

/** OIDs of the fake namespaces. */
export const NS = { pg_catalog: 11, public: 2200, information_schema: 13000 } as const;

/** pg_type rows: oid, typname, typlen, typtype, typcategory, typarray. */
export const TYPES: ReadonlyArray<readonly [number, string, number, string, string, number]> = [
  [16, 'bool', 1, 'b', 'B', 1000],
  [17, 'bytea', -1, 'b', 'U', 1001],
  [20, 'int8', 8, 'b', 'N', 1016],
  [21, 'int2', 2, 'b', 'N', 1005],
  [23, 'int4', 4, 'b', 'N', 1007],
  [25, 'text', -1, 'b', 'S', 1009],
  [26, 'oid', 4, 'b', 'N', 1028],
  [114, 'json', -1, 'b', 'U', 199],
  [700, 'float4', 4, 'b', 'N', 1021],
  [701, 'float8', 8, 'b', 'N', 1022],
  [1043, 'varchar', -1, 'b', 'S', 1015],
  [1082, 'date', 4, 'b', 'D', 1182],
  [1114, 'timestamp', 8, 'b', 'D', 1115],
  [1184, 'timestamptz', 8, 'b', 'D', 1185],
  [1700, 'numeric', -1, 'b', 'N', 1231],
  [2950, 'uuid', 16, 'b', 'U', 2951],
];

export const TYPE_OF: Readonly<Record<string, number>> = {
  text: 25,
  integer: 20,
  real: 701,
  boolean: 16,
  json: 114,
};

/**
 * The fake catalog tables, by name: their columns as `name TYPE` pairs (the column sets cover what
 * psql, JDBC and SQLAlchemy read). Types are INTEGER, TEXT, BOOLEAN or REAL.
 */
export const CATALOG_TABLES: Readonly<Record<string, string>> = {
  pg_namespace: 'oid INTEGER, nspname TEXT, nspowner INTEGER, nspacl TEXT',
  pg_type:
    'oid INTEGER, typname TEXT, typnamespace INTEGER, typowner INTEGER, typlen INTEGER, typbyval BOOLEAN, typtype TEXT, typcategory TEXT, typisdefined BOOLEAN, typdelim TEXT, typrelid INTEGER, typelem INTEGER, typarray INTEGER, typinput TEXT, typoutput TEXT, typreceive TEXT, typsend TEXT, typbasetype INTEGER, typtypmod INTEGER, typnotnull BOOLEAN, typcollation INTEGER, typndims INTEGER',
  pg_class:
    'oid INTEGER, relname TEXT, relnamespace INTEGER, reltype INTEGER, relowner INTEGER, relam INTEGER, relkind TEXT, relpersistence TEXT, relchecks INTEGER, relhasindex BOOLEAN, relhasrules BOOLEAN, relhastriggers BOOLEAN, relrowsecurity BOOLEAN, relforcerowsecurity BOOLEAN, relhasoids BOOLEAN, relispartition BOOLEAN, reltablespace INTEGER, reltoastrelid INTEGER, reloftype INTEGER, relreplident TEXT, relnatts INTEGER, reltuples REAL, relpages INTEGER, relacl TEXT, reloptions TEXT, relpartbound TEXT, relispopulated BOOLEAN',
  pg_attribute:
    'attrelid INTEGER, attname TEXT, atttypid INTEGER, attnum INTEGER, attlen INTEGER, atttypmod INTEGER, attnotnull BOOLEAN, atthasdef BOOLEAN, attisdropped BOOLEAN, attidentity TEXT, attgenerated TEXT, attcollation INTEGER, attndims INTEGER, attstattarget INTEGER, attstorage TEXT, attacl TEXT, attoptions TEXT, attfdwoptions TEXT, atthasmissing BOOLEAN, attislocal BOOLEAN',
  pg_database:
    'oid INTEGER, datname TEXT, datdba INTEGER, encoding INTEGER, datcollate TEXT, datctype TEXT, datistemplate BOOLEAN, datallowconn BOOLEAN, datacl TEXT',
  pg_settings:
    'name TEXT, setting TEXT, unit TEXT, category TEXT, short_desc TEXT, context TEXT, vartype TEXT, source TEXT',
  pg_roles:
    'oid INTEGER, rolname TEXT, rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN, rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INTEGER, rolvaliduntil TEXT, rolbypassrls BOOLEAN, rolconfig TEXT',
  pg_user: 'usename TEXT, usesysid INTEGER, usecreatedb BOOLEAN, usesuper BOOLEAN',
  pg_am: 'oid INTEGER, amname TEXT, amtype TEXT',
  pg_proc: 'oid INTEGER, proname TEXT, pronamespace INTEGER, prorettype INTEGER, prokind TEXT',
  pg_description: 'objoid INTEGER, classoid INTEGER, objsubid INTEGER, description TEXT',
  pg_index: 'indexrelid INTEGER, indrelid INTEGER, indisprimary BOOLEAN, indisunique BOOLEAN, indkey TEXT',
  pg_inherits: 'inhrelid INTEGER, inhparent INTEGER, inhseqno INTEGER, inhdetachpending BOOLEAN',
  pg_constraint:
    'oid INTEGER, conname TEXT, connamespace INTEGER, contype TEXT, conrelid INTEGER, confrelid INTEGER, conkey TEXT',
  pg_attrdef: 'oid INTEGER, adrelid INTEGER, adnum INTEGER, adbin TEXT',
  pg_collation: 'oid INTEGER, collname TEXT, collnamespace INTEGER',
  pg_extension: 'oid INTEGER, extname TEXT, extversion TEXT',
  pg_tablespace: 'oid INTEGER, spcname TEXT',
  pg_range: 'rngtypid INTEGER, rngsubtype INTEGER',
  pg_enum: 'oid INTEGER, enumtypid INTEGER, enumsortorder REAL, enumlabel TEXT',
  pg_policy:
    'oid INTEGER, polname TEXT, polrelid INTEGER, polpermissive BOOLEAN, polroles TEXT, polqual TEXT, polwithcheck TEXT, polcmd TEXT',
  pg_trigger: 'oid INTEGER, tgrelid INTEGER, tgname TEXT',
  pg_rewrite: 'oid INTEGER, rulename TEXT, ev_class INTEGER',
  pg_statistic_ext:
    'oid INTEGER, stxrelid INTEGER, stxname TEXT, stxnamespace INTEGER, stxkind TEXT, stxstattarget INTEGER',
  pg_publication:
    'oid INTEGER, pubname TEXT, puballtables BOOLEAN, pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN',
  pg_publication_rel: 'oid INTEGER, prpubid INTEGER, prrelid INTEGER, prqual TEXT, prattrs TEXT',
  pg_publication_namespace: 'oid INTEGER, pnpubid INTEGER, pnnspid INTEGER',
  pg_foreign_table: 'ftrelid INTEGER, ftserver INTEGER',
  pg_partitioned_table: 'partrelid INTEGER',
  'information_schema.schemata': 'catalog_name TEXT, schema_name TEXT, schema_owner TEXT',
  'information_schema.tables': 'table_catalog TEXT, table_schema TEXT, table_name TEXT, table_type TEXT',
  'information_schema.columns':
    'table_catalog TEXT, table_schema TEXT, table_name TEXT, column_name TEXT, ordinal_position INTEGER, data_type TEXT, is_nullable TEXT, column_default TEXT',
  'information_schema.views': 'table_catalog TEXT, table_schema TEXT, table_name TEXT, view_definition TEXT',
};
