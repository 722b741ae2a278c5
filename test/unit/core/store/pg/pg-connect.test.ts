import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSqlBackendConfig } from '../../../../../src/base/config/sql-backend-config.js';
import {
  pgCause,
  pgConnectionString,
  pgEndpoint,
  scrub,
} from '../../../../../src/core/store/pg/pg-connect.js';

/** Messages about a PostgreSQL backend: the password never shows, and no other word is cut. */

test('scrubbing removes the userinfo of the dsn, never a short password inside words', () => {
  const e = pgEndpoint('postgres://skyql:e@127.0.0.1:5432/inventory');
  const auth = 'password authentication failed for user "skyql"';
  assert.equal(scrub(auth, e), auth);
  assert.equal(
    scrub('cannot parse postgres://skyql:e@127.0.0.1:5432/inventory', e),
    'cannot parse postgres://***@127.0.0.1:5432/inventory',
  );
  const named = pgEndpoint('postgres://skyql:inventory@127.0.0.1/inventory');
  assert.equal(scrub('database "inventory" does not exist', named), 'database "inventory" does not exist');
  const encoded = pgEndpoint('postgres://skyql:p%40ss@127.0.0.1/db');
  assert.equal(scrub('at skyql:p%40ss@127.0.0.1 and skyql:p@ss@x', encoded), 'at ***@127.0.0.1 and ***@x');
  assert.equal(scrub('see postgresql://other:secret@h/db', e), 'see postgresql://***@h/db');
});

test('a dsn without a password against SCRAM: put it in the dsn or PGPASSWORD', () => {
  const e = pgEndpoint('postgres://skyql@127.0.0.1/db');
  const cause = pgCause(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), e);
  assert.match(cause, /asks for a password.*in the dsn.*PGPASSWORD/);
});

test('sslmode takes libpq meaning (no SECURITY WARNING from the client)', () => {
  assert.equal(pgConnectionString('postgres://u@h/db'), 'postgres://u@h/db');
  assert.equal(
    pgConnectionString('postgres://u@h/db?sslmode=require'),
    'postgres://u@h/db?sslmode=require&uselibpqcompat=true',
  );
  assert.equal(pgConnectionString('postgres://u@h/db?sslmode=disable'), 'postgres://u@h/db?sslmode=disable');
});

test('--sqlBackend: an unknown key is an error naming it and the known ones', () => {
  const dsn = 'postgres://u@h/db';
  assert.throws(
    () =>
      parseSqlBackendConfig(JSON.stringify({ dbEngine: 'postgres_tcp', dsn, schemata: { tableSchem: 'x' } })),
    (e: Error & { code?: string; hint?: string }) =>
      e.code === 'BAD_SQL_BACKEND' &&
      /"schemata\.tableSchem"/.test(e.message) &&
      /schemata\.tableSchema/.test(e.hint ?? ''),
  );
  assert.throws(
    () => parseSqlBackendConfig(JSON.stringify({ dbEngine: 'postgres_tcp', dns: dsn })),
    /unknown key "dns"/,
  );
  assert.equal(
    parseSqlBackendConfig(JSON.stringify({ dbEngine: 'postgres_tcp', dsn, dbInitFilepath: 'x' })).engine,
    'postgres',
  );
});
