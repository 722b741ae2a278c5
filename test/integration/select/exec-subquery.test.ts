/**
 * `SELECT ... FROM (EXEC p.s.r.m @k = 'v', ...) t` against the emulator: the method's rows under its
 * objectKey are a table for joins, WHERE, GROUP BY and projection; arguments may be expressions and
 * `@@json` a body; the call is never answered from the response cache; read-only sessions refuse it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import { ResponseCache } from '../../../src/core/execute/response-cache.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, queryRows as query, startSampleEmulator } from '../../support/emulator-session.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;
const POLICY = `google.cloudresourcemanager.projects_iam_policies.get_iam_policy @projectsId = '${P}'`;

/** The emulator's getIamPolicy calls while `fn` ran. */
async function policyCalls(fn: () => Promise<unknown>) {
  const before = emu.log.entries().at(-1)?.seq ?? 0;
  await fn();
  return emu.log.entries().filter((e) => e.seq > before && e.url.includes(':getIamPolicy'));
}

test("StackQL's example: GROUP BY over the bindings of getIamPolicy, no alias needed", async () => {
  const { session } = emulatorSession(emu, keyPath);
  let r: ResultSet | undefined;
  const calls = await policyCalls(async () => {
    r = await query(
      session,
      `select members, GROUP_CONCAT(role) as roles from ( exec /*+ SHOWRESULTS */ ${POLICY} ) GROUP BY members ORDER BY roles`,
    );
  });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].method, 'POST');
  assert.deepEqual(
    r?.rows.map(([members, roles]) => [JSON.parse(String(members)).length, roles]),
    [
      [1, 'roles/editor'],
      [1, 'roles/healthcare.dicomViewer'],
      [1, 'roles/owner'],
      [2, 'roles/viewer'],
    ],
  );
});

test('joined with a provider table and filtered: WHERE, ON and projection work as on any table', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const r = await query(
    session,
    `SELECT b.name, t.role, m.value AS member
     FROM google.storage.buckets b
     JOIN (EXEC ${POLICY}) t ON t.role = 'roles/owner'
     JOIN json_each(t.members) m
     WHERE b.project = '${P}' AND b.name LIKE '%-assets'`,
  );
  assert.deepEqual(r.rows, [[`${P}-assets`, 'roles/owner', 'user:alice@example.com']]);
});

test('arguments may be expressions; @@json is the request body', async () => {
  const { session } = emulatorSession(emu, keyPath);
  let r: ResultSet | undefined;
  const calls = await policyCalls(async () => {
    r = await query(
      session,
      `SELECT count(*) AS n FROM (EXEC google.cloudresourcemanager.projects_iam_policies.get_iam_policy
         @projectsId = lower('${P.toUpperCase()}'), @@json = '{"options": {"requestedPolicyVersion": 3}}') t`,
    );
  });
  assert.deepEqual(r?.rows, [[4]]);
  assert.equal(calls.length, 1);
  assert.ok(calls[0].url.includes(`/projects/${P}:getIamPolicy`), calls[0].url);
  assert.deepEqual(JSON.parse(calls[0].requestBody ?? ''), { options: { requestedPolicyVersion: 3 } });
});

test('each run calls the method again, with the response cache on', async () => {
  const { session } = emulatorSession(emu, keyPath, { cache: new ResponseCache({ ttlMs: 300_000 }) });
  const calls = await policyCalls(async () => {
    await query(session, `SELECT role FROM (EXEC ${POLICY}) t`);
    await query(session, `SELECT role FROM (EXEC ${POLICY}) t`);
  });
  assert.equal(calls.length, 2);
});

test('a read-only session refuses EXEC subqueries, also through a view', async () => {
  const { session } = emulatorSession(emu, keyPath, { readonly: true });
  await assert.rejects(
    query(session, `SELECT role FROM (EXEC ${POLICY}) t`),
    (e) => isSkyqlError(e, 'READONLY_SESSION') && /EXEC is not allowed/.test(e.message),
  );
  await query(session, `CREATE VIEW roles AS SELECT role FROM (EXEC ${POLICY}) t`).catch(() => undefined);
  const calls = await policyCalls(() =>
    assert.rejects(query(session, 'SELECT * FROM roles'), (e) => isSkyqlError(e, 'READONLY_SESSION')),
  );
  assert.equal(calls.length, 0);
});

test('errors point into the EXEC text: unknown method, unknown argument, syntax', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await assert.rejects(
    query(
      session,
      `SELECT * FROM (EXEC google.cloudresourcemanager.projects_iam_policies.get_iam_polcy @projectsId = 'x') t`,
    ),
    (e) => isSkyqlError(e, 'METHOD_NOT_FOUND') && /did you mean .*get_iam_policy/.test(e.message),
  );
  await assert.rejects(
    query(
      session,
      `SELECT * FROM (EXEC google.cloudresourcemanager.projects_iam_policies.get_iam_policy @projectId = 'x') t`,
    ),
    (e) => isSkyqlError(e, 'BAD_PARAMETER') && /projectId is not a parameter/.test(e.message),
  );
  await assert.rejects(
    query(
      session,
      `SELECT *\nFROM (EXEC google.cloudresourcemanager.projects_iam_policies.get_iam_policy @projectsId 'x') t`,
    ),
    (e) =>
      isSkyqlError(e, 'PARSE_ERROR') &&
      /^syntax error at line 2, column 89: expected '=' after @projectsId/.test(e.message),
  );
});
