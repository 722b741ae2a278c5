import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertLocalWritable,
  copiedLikeOptions,
  isSessionPrivate,
  temporaryTableRisk,
} from '../../../../src/core/engine/local/statement-effects.js';
import { parseLocalStatement } from '../../../../src/core/sql/local/parse-local-statement.js';

const local = (sql: string) => {
  const s = parseLocalStatement(sql, 'postgres');
  assert.ok(s, sql);
  return s;
};
const none = () => false;

test('CREATE TEMP TABLE (LIKE shared INCLUDING …) is not session-private: its copied defaults write shared objects (attacker review N5)', () => {
  for (const sql of [
    'CREATE TEMP TABLE t1 (LIKE inv.victim INCLUDING DEFAULTS)',
    'CREATE TEMP TABLE t1 (like inv.victim including all)',
    'CREATE TEMPORARY TABLE t1 (extra int, LIKE inv.victim EXCLUDING INDEXES INCLUDING IDENTITY)',
    'CREATE TEMP TABLE t1 (LIKE "inv"."victim" INCLUDING GENERATED, x text)',
    'CREATE TEMP TABLE t1 (LIKE inv.victim INCLUDING CONSTRAINTS)',
  ]) {
    const s = local(sql);
    assert.match(copiedLikeOptions(s) ?? '', /^LIKE … INCLUDING [A-Z]+$/, sql);
    assert.equal(isSessionPrivate(s, true, none), false, sql);
    assert.throws(
      () => assertLocalWritable(s, true, none),
      (e: Error & { code?: string }) =>
        e.code === 'READONLY_SESSION' &&
        /INCLUDING .* is not allowed: this session is read-only/.test(e.message),
      sql,
    );
    // SQLite: the session's own database
    assert.equal(isSessionPrivate(s, false, none), true);
  }
  for (const sql of [
    'CREATE TEMP TABLE t2 (LIKE inv.victim)',
    'CREATE TEMP TABLE t2 (LIKE inv.victim EXCLUDING ALL)',
    'CREATE TEMP TABLE t2 (a text NOT NULL, including text, b varchar(10), c double precision, d int[])',
    'CREATE TEMP TABLE t2 (id bigint PRIMARY KEY, ts timestamp with time zone, UNIQUE (ts))',
    'CREATE TEMP TABLE t2 AS SELECT 1 AS a',
  ]) {
    const s = local(sql);
    assert.equal(copiedLikeOptions(s), undefined, sql);
    assert.equal(isSessionPrivate(s, true, none), true, sql);
    assertLocalWritable(s, true, none);
  }
});

test('a read-only session’s temporary columns are plain built-in types: no DEFAULT, CHECK or generated expression, no domain or row type (attacker review round 3)', () => {
  for (const [sql, risk] of [
    ['CREATE TEMP TABLE td (a int DEFAULT public.bump(), b int)', /a DEFAULT clause/],
    ['CREATE TEMP TABLE td (a int, b int CHECK (public.bump() > 0))', /a CHECK clause/],
    ['CREATE TEMP TABLE td (a int, CONSTRAINT c CHECK (a > 0))', /a CHECK clause/],
    ['CREATE TEMP TABLE td (a int GENERATED ALWAYS AS (a * 2) STORED)', /a GENERATED clause/],
    ['CREATE TEMP TABLE td (a int REFERENCES inv.victim (id))', /a REFERENCES clause/],
    ['CREATE TEMP TABLE td (a inv.victim)', /a column type from a schema|the column type inv/],
    ['CREATE TEMP TABLE td (a my_domain)', /the column type my_domain/],
    ['CREATE TEMP TABLE td (a "int4")', /the column type "int4"/],
  ] as const) {
    const s = local(sql);
    assert.match(temporaryTableRisk(s) ?? '', risk, sql);
    assert.equal(isSessionPrivate(s, true, none), false, sql);
    assert.throws(
      () => assertLocalWritable(s, true, none),
      (e: Error & { code?: string }) =>
        e.code === 'READONLY_SESSION' &&
        /in CREATE TEMP TABLE td is not allowed: this session is read-only/.test(e.message),
      sql,
    );
    assert.equal(isSessionPrivate(s, false, none), true, 'SQLite: the session’s own database');
  }
});
