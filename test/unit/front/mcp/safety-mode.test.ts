import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import {
  decide,
  modesAllowing,
  parseSafetyMode,
  SAFETY_MODES,
} from '../../../../src/front/mcp/safety-mode.js';
import { classifyScript } from '../../../../src/front/mcp/statement-class.js';

const views = { viewText: () => undefined, materializedText: () => undefined };
const SQL = {
  read: "SELECT name FROM google.storage.buckets WHERE project = 'p'",
  local: 'CREATE TABLE t (a INT)',
  write: "INSERT INTO google.storage.buckets (project, data__name) VALUES ('p', 'n')",
  delete: "DELETE FROM google.storage.buckets WHERE bucket = 'b'",
  exec: "EXEC google.compute.instances.stop @project = 'p', @zone = 'z', @instance = 'i'",
};

test("StackQL's modes: what each allows, asks about or refuses", () => {
  const table = Object.fromEntries(
    SAFETY_MODES.map((mode) => [
      mode,
      Object.values(SQL).map((sql) => decide(mode, classifyScript(sql, views)).decision),
    ]),
  );
  assert.deepEqual(table, {
    read_only: ['allow', 'allow', 'refuse', 'refuse', 'refuse'],
    safe: ['allow', 'allow', 'approve', 'approve', 'approve'],
    delete_safe: ['allow', 'allow', 'allow', 'approve', 'approve'],
    full_access: ['allow', 'allow', 'allow', 'allow', 'allow'],
  });
});

test('the strictest statement decides for the whole input, and names itself', () => {
  const statements = classifyScript(`${SQL.read}; ${SQL.write}; ${SQL.delete}`, views);
  const { decision, because } = decide('delete_safe', statements);
  assert.equal(decision, 'approve');
  assert.deepEqual(
    because.map((s) => s.verb),
    ['DELETE'],
  );
  assert.deepEqual(modesAllowing(because), ['full_access']);
  assert.deepEqual(modesAllowing(classifyScript(SQL.write, views)), ['delete_safe', 'full_access']);
});

test('an unknown mode is BAD_MCP_CONFIG naming the modes', () => {
  assert.equal(parseSafetyMode('delete_safe'), 'delete_safe');
  assert.throws(
    () => parseSafetyMode('yolo'),
    (e) =>
      isSkyqlError(e, 'BAD_MCP_CONFIG') && /read_only, safe, delete_safe, full_access/.test(e.hint ?? ''),
  );
});
