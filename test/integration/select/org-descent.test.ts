/**
 * skyql.org.projects / skyql.org.folders against the emulator's sample organisation: the descent
 * reaches exactly the counts `/_emulator/org` states, pages through Resource Manager lists, drives a
 * dependent join to Compute, and handles a folder it may not list (fail, or skip with keepGoing).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import { startEmulator } from '../../../src/tools/emulator/server/emulator-server.js';
import { writeServiceAccountKey } from '../../support/emulator-service-account.js';
import { emulatorSession, type OrgSummary, queryRows as query } from '../../support/emulator-session.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';

const key = writeServiceAccountKey(tempDir());
const emu = await startEmulator({
  registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
  version: 'v25.07.00000',
  trustedKeys: [key.publicKeyPem],
  sampleOrg: { projects: 16, seed: 3, folderDepth: 2, foldersPerFolder: 2, deleteRequested: 0.15 },
  settings: { defaultPageSize: 2 }, // so projects.list and folders.list page at every level
});
after(() => emu.close());
const org = (await (await fetch(`${emu.url}/_emulator/org`)).json()) as OrgSummary;
const ORG = org.organization;

function column(r: ResultSet, name: string): unknown[] {
  const i = r.columns.findIndex((c) => c.name === name);
  assert.ok(i >= 0, `column ${name}`);
  return r.rows.map((row) => row[i]);
}

/** Resource Manager requests logged while `fn` ran. */
async function crmCalls(fn: () => Promise<unknown>) {
  const before = emu.log.entries().at(-1)?.seq ?? 0;
  await fn();
  return emu.log.entries().filter((e) => e.seq > before && e.host === 'cloudresourcemanager.googleapis.com');
}

test('from the organisation: exactly the ACTIVE projects, with parent, depth and path, every page followed', async () => {
  const { session } = emulatorSession(emu, key.path);
  let r: ResultSet | undefined;
  const calls = await crmCalls(async () => {
    r = await query(
      session,
      `SELECT projectId, parent, depth, path, state, root FROM skyql.org.projects WHERE root = '${ORG}'`,
    );
  });
  assert.ok(r);
  assert.equal(r.rows.length, org.activeProjects);
  assert.ok(org.deleteRequestedProjects.length > 0, 'the seed has DELETE_REQUESTED projects to leave out');
  const ids = column(r, 'projectId') as string[];
  assert.equal(new Set(ids).size, ids.length, 'each project once');
  for (const id of org.deleteRequestedProjects) assert.ok(!ids.includes(id), `${id} is left out`);
  assert.ok(column(r, 'state').every((s) => s === 'ACTIVE'));
  assert.ok(column(r, 'root').every((s) => s === ORG));
  r.rows.forEach((_, i) => {
    const path = String(column(r as ResultSet, 'path')[i]);
    const parent = String(column(r as ResultSet, 'parent')[i]);
    assert.ok(path.startsWith(ORG) && path.endsWith(parent), `${path} ends at ${parent}`);
    assert.equal(column(r as ResultSet, 'depth')[i], path.split('/').length / 2);
  });
  const folderLists = calls.filter((e) => e.path === '/v3/folders');
  assert.equal(folderLists.filter((e) => e.query.pageToken === undefined).length, org.folders + 1);
  const projectPages = calls.filter((e) => e.path === '/v3/projects' && e.query.pageToken !== undefined);
  assert.ok(projectPages.length > 0, 'projects.list at folder level was followed past its first page');
});

test('showDeleted = true adds the DELETE_REQUESTED projects; skyql.org.folders lists every folder', async () => {
  const { session } = emulatorSession(emu, key.path);
  const all = await query(
    session,
    `SELECT projectId, state FROM skyql.org.projects WHERE root = '${ORG}' AND showDeleted = true`,
  );
  assert.equal(all.rows.length, org.projects);
  const deleted = all.rows.filter((row) => row[1] === 'DELETE_REQUESTED').map((row) => row[0]);
  assert.deepEqual(deleted.sort(), [...org.deleteRequestedProjects].sort());
  const folders = await query(session, `SELECT name, depth FROM skyql.org.folders WHERE root = '${ORG}'`);
  assert.equal(folders.rows.length, org.folders);
  assert.deepEqual([...new Set(column(folders, 'depth'))].sort(), [1, 2]);
});

test('from a folder: exactly its subtree', async () => {
  const { session } = emulatorSession(emu, key.path);
  const all = await query(session, `SELECT projectId, path FROM skyql.org.projects WHERE root = '${ORG}'`);
  const top = await query(session, `SELECT name FROM skyql.org.folders WHERE root = '${ORG}' AND depth = 1`);
  const folder = String(top.rows[0][0]);
  const below = all.rows.filter((row) => `${row[1]}/`.includes(`/${folder}/`)).map((row) => row[0]);
  assert.ok(below.length > 0, 'the first folder holds projects');
  const sub = await query(
    session,
    `SELECT projectId, depth FROM skyql.org.projects WHERE root = '${folder}'`,
  );
  assert.deepEqual((column(sub, 'projectId') as string[]).sort(), (below as string[]).sort());
  assert.equal(Math.min(...(column(sub, 'depth') as number[])), 1, 'depth counts from the root given');
});

test('the dependent join to Compute instances: exactly the reachable instances, skipped projects warned', async () => {
  const { session, messages } = emulatorSession(emu, key.path, { keepGoing: true });
  const r = await query(
    session,
    `SELECT p.projectId, i.name FROM skyql.org.projects p
     JOIN google.compute.instances i ON i.project = p.projectId
     WHERE p.root = '${ORG}'`,
  );
  assert.equal(r.rows.length, org.reachable.instances);
  const skipped = messages.filter((m) => m.includes('continuing with the other calls'));
  const failing = [...org.computeDisabledProjects, ...org.deniedProjects].filter(
    (p) => !org.deleteRequestedProjects.includes(p), // never called: the descent leaves them out
  );
  assert.ok(failing.length > 0, 'the seed has projects whose Compute calls fail');
  assert.equal(skipped.length, failing.length);
  for (const p of failing)
    assert.ok(
      skipped.some((m) => m.includes(`project=${p}`)),
      `${p} is reported`,
    );
  const strict = emulatorSession(emu, key.path).session;
  await assert.rejects(
    query(
      strict,
      `SELECT i.name FROM skyql.org.projects p JOIN google.compute.instances i ON i.project = p.projectId WHERE p.root = '${ORG}'`,
    ),
    (err) => isSkyqlError(err, 'HTTP_ERROR'),
  );
});

test('a folder that may not be listed: the statement fails naming it, or with keepGoing skips its subtree', async () => {
  const { session: look } = emulatorSession(emu, key.path);
  const all = await query(look, `SELECT projectId, path FROM skyql.org.projects WHERE root = '${ORG}'`);
  const top = await query(look, `SELECT name FROM skyql.org.folders WHERE root = '${ORG}' AND depth = 1`);
  const denied = String(top.rows[0][0]);
  const outside = all.rows.filter((row) => !`${row[1]}/`.includes(`/${denied}/`));
  assert.ok(outside.length < all.rows.length);
  const id = emu.faults.add({
    match: '/cloudresourcemanager.googleapis.com/',
    query: `parent=${denied}`,
    status: 403,
  });
  try {
    const { session } = emulatorSession(emu, key.path);
    await assert.rejects(
      query(session, `SELECT projectId FROM skyql.org.projects WHERE root = '${ORG}'`),
      (err) => isSkyqlError(err, 'HTTP_ERROR') && err.message.includes(`descending below ${denied}`),
    );
    const kept = emulatorSession(emu, key.path, { keepGoing: true });
    const r = await query(kept.session, `SELECT projectId FROM skyql.org.projects WHERE root = '${ORG}'`);
    assert.deepEqual(
      (column(r, 'projectId') as string[]).sort(),
      outside.map((row) => row[0] as string).sort(),
    );
    const warned = kept.messages.filter((m) => m.includes(`descending below ${denied}`));
    assert.equal(warned.length, 2, 'folders.list and projects.list of the folder, one warning each');
    assert.ok(
      warned.every((m) => m.startsWith('warning: ') && m.endsWith('continuing with the other folders')),
    );
  } finally {
    emu.faults.remove(id);
  }
});

test('a root that is not an organisation or folder is refused before any call', async () => {
  const { session } = emulatorSession(emu, key.path);
  const calls = await crmCalls(() =>
    assert.rejects(
      query(session, `SELECT projectId FROM skyql.org.projects WHERE root = 'projects/p1'`),
      (err) => isSkyqlError(err, 'BAD_PARAMETER') && /organizations\/<id> or folders\/<id>/.test(err.message),
    ),
  );
  assert.equal(calls.length, 0);
});

test("a missing or malformed root's hint names a query that lists the organisations, and it runs", async () => {
  const { session } = emulatorSession(emu, key.path);
  let hint = '';
  await assert.rejects(
    query(session, `SELECT projectId FROM skyql.org.projects WHERE root = '123'`),
    (err) => {
      hint = isSkyqlError(err) ? (err.hint ?? '') : '';
      return isSkyqlError(err, 'BAD_PARAMETER');
    },
  );
  const listing = /; (SELECT .*) lists yours$/.exec(hint)?.[1];
  assert.ok(listing, hint);
  const r = await query(session, listing);
  assert.deepEqual(
    r.rows.map((row) => row[0]),
    [ORG],
  );
});
