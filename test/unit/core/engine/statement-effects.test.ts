import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertLocalWritable,
  copiedLikeOptions,
  isSessionPrivate,
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
    "CREATE TEMP TABLE t2 (a text CHECK (a LIKE 'x%'), b bool DEFAULT 'a' LIKE 'b')",
    "CREATE TEMP TABLE t2 (a text, including text DEFAULT 'x')",
  ]) {
    const s = local(sql);
    assert.equal(copiedLikeOptions(s), undefined, sql);
    assert.equal(isSessionPrivate(s, true, none), true, sql);
    assertLocalWritable(s, true, none);
  }
});
