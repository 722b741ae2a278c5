import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { providersNamed } from '../../../src/core/sql/provider-names.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, queryRows, startSampleEmulator } from '../../support/emulator-session.js';

const { emu, keyPath } = await startSampleEmulator();

function tokenRequests(since: number): number {
  return emu.log.entries().filter((e) => e.seq > since && e.method === 'POST' && e.url.includes('token'))
    .length;
}

test('providersNamed finds the providers of three-part names, whatever else the text holds', () => {
  assert.deepEqual(
    providersNamed(
      "SELECT i.name, 'x.y.z' FROM google.compute.instances i JOIN skyql.org.projects p ON i.project = p.projectId -- a.b.c",
    ),
    ['google', 'skyql'],
  );
  assert.deepEqual(providersNamed('SELECT a.b FROM t a'), []);
  assert.deepEqual(providersNamed('SELECT * FROM google.iam.roles'), ['google'], 'a keyword-like last part');
});

test('the token request goes out while the statement is planned, not after it', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().at(-1)?.seq ?? 0;
  // planning fails after reading compute's documents: no API call is ever made, yet the token
  // was requested, because authentication started before the catalog was read
  await assert.rejects(
    queryRows(session, "SELECT * FROM google.compute.instancez WHERE project = 'p'"),
    (e) => isSkyqlError(e, 'RESOURCE_NOT_FOUND'),
  );
  // the warm-up runs in the background: wait for it (bounded)
  for (let i = 0; i < 200 && tokenRequests(before) === 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(tokenRequests(before), 1);
  // the next statement uses that token: no second token request
  const mid = emu.log.entries().at(-1)?.seq ?? 0;
  const rows = await queryRows(
    session,
    `SELECT name FROM google.compute.zones WHERE project = '${SAMPLE.project}'`,
  );
  assert.ok(rows.rows.length > 0);
  assert.equal(tokenRequests(mid), 0);
});

test('a statement that names no provider requests no token', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().at(-1)?.seq ?? 0;
  await queryRows(session, 'SELECT 1 AS one');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(tokenRequests(before), 0);
});
