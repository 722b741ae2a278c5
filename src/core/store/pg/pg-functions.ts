import type * as Pg from 'pg';

/** The schema holding skyql's own objects in a PostgreSQL database: its functions and view definitions. */
export const SKYQL_SCHEMA = 'skyql';

/** Bump when the objects below change, so existing databases get the new definitions. */
const VERSION = 1;

/** Any fixed number: the advisory lock that serialises installs by concurrent processes. */
const INSTALL_LOCK = 7_461_823_004;

/**
 * StackQL's extra functions that PostgreSQL lacks (`split_part`, `quote_ident` are native; 15+ has
 * `regexp_like` and `regexp_substr` in pg_catalog, which is searched first), and the table of view
 * definitions every skyql process on the database shares. All in skyql's own schema (created when
 * missing), with IF NOT EXISTS / OR REPLACE under an advisory lock: idempotent and safe for
 * processes starting at once.
 */
const OBJECTS = `
CREATE TABLE IF NOT EXISTS ${SKYQL_SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${SKYQL_SCHEMA}.views (
  name text PRIMARY KEY,
  query text NOT NULL,
  materialized boolean NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.regexp_like(s text, p text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT s ~ p $f$;
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.regexp_substr(s text, p text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT substring(s from p) $f$;
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.json_equal(a jsonb, b jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT a = b $f$;
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.json_equal(a text, b text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
  BEGIN
    IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
    RETURN a::jsonb = b::jsonb;
  EXCEPTION WHEN others THEN RETURN false;
  END $f$;
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.aws_policy_equal(a text, b text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT ${SKYQL_SCHEMA}.json_equal(a, b) $f$;
CREATE OR REPLACE FUNCTION ${SKYQL_SCHEMA}.json_extract(j jsonb, path text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' ELSE v::text END
  FROM (SELECT j #> string_to_array(regexp_replace(regexp_replace(path, '^\\$\\.?', ''), '\\[(\\d+)\\]', '.\\1', 'g'), '.') AS v) x
  $f$;
INSERT INTO ${SKYQL_SCHEMA}.meta VALUES ('version', '${VERSION}')
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
`;

/** Installs skyql's schema unless this version is there already (one cheap query when it is). */
export async function installSkyqlObjects(client: Pg.Client): Promise<void> {
  const present = await client
    .query<{ value: string }>(`SELECT value FROM ${SKYQL_SCHEMA}.meta WHERE key = 'version'`)
    .then(
      (r) => r.rows[0]?.value,
      () => undefined,
    );
  if (present === String(VERSION)) return;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${INSTALL_LOCK})`);
    // only when missing: CREATE SCHEMA IF NOT EXISTS needs the database's CREATE privilege even
    // when the schema is there (a role given a pre-created schema has no such privilege)
    const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [SKYQL_SCHEMA]);
    if (schema.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${SKYQL_SCHEMA}`);
    await client.query(OBJECTS);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
