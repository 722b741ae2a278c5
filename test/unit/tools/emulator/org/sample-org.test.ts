import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { buildHierarchy } from '../../../../../src/tools/emulator/org/org-hierarchy.js';
import { folderCount, parseSampleOrgSpec } from '../../../../../src/tools/emulator/org/org-spec.js';
import { generateProject } from '../../../../../src/tools/emulator/org/project-resources.js';
import { SampleOrg } from '../../../../../src/tools/emulator/org/sample-org.js';
import { StateStore } from '../../../../../src/tools/emulator/state/state-store.js';

const CRM = 'cloudresourcemanager.googleapis.com';

test('the same seed gives the same organisation; another seed another', () => {
  const spec = parseSampleOrgSpec({ projects: 30, seed: 11 });
  const a = buildHierarchy(spec);
  assert.deepEqual(buildHierarchy(spec), a);
  for (const p of a.projects.slice(0, 5)) assert.deepEqual(generateProject(p, 11), generateProject(p, 11));
  const b = buildHierarchy(parseSampleOrgSpec({ projects: 30, seed: 12 }));
  assert.notEqual(b.organization.name, a.organization.name);
  assert.notDeepEqual(
    b.projects.map((p) => p.projectNumber),
    a.projects.map((p) => p.projectNumber),
  );
  // a project's resources do not depend on which other projects were generated before it
  const one = new SampleOrg(spec);
  const store = new StateStore();
  one.install(store);
  const p = a.projects[17];
  one.ensureProject(store, p.projectId);
  const expected = generateProject(p, 11).items.filter((i) => i.host === 'compute.googleapis.com');
  for (const item of expected)
    assert.deepEqual(store.get(item.host, item.collection, item.id)?.data, item.data, item.id);
});

test('the folder tree: depth levels of the branching factor, every project under the organisation', () => {
  const spec = parseSampleOrgSpec({ projects: 50, seed: 3, folderDepth: 3, foldersPerFolder: 2 });
  const { organization, folders, projects } = buildHierarchy(spec);
  assert.equal(folders.length, 2 + 4 + 8);
  assert.equal(folderCount(spec), 14);
  const parents = new Map<string, string>(folders.map((f) => [f.name as string, f.parent as string]));
  const depthOf = (name: string): number => {
    let d = 0;
    for (let at = name; at !== organization.name; at = parents.get(at) as string) {
      assert.ok(parents.has(at), `${at} leads to the organisation`);
      d++;
    }
    return d;
  };
  assert.deepEqual(new Set(folders.map((f) => depthOf(f.name as string))), new Set([1, 2, 3]));
  // siblings have distinct display names, as Resource Manager requires
  for (const parent of new Set(parents.values())) {
    const names = folders.filter((f) => f.parent === parent).map((f) => f.displayName);
    assert.equal(new Set(names).size, names.length);
  }
  assert.equal(new Set(projects.map((p) => p.projectId)).size, 50);
  assert.equal(new Set(projects.map((p) => p.projectNumber)).size, 50);
  for (const p of projects) {
    assert.match(p.projectId, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    assert.match(p.projectNumber, /^[1-9]\d{11}$/);
    assert.ok(p.parent === organization.name || parents.has(p.parent));
    assert.ok(!(p.denied && p.computeDisabled), 'denied and disabled are separate cases');
  }
});

test('install puts the hierarchy in Resource Manager; resources come on first use, buckets lead to their project', () => {
  const org = new SampleOrg(parseSampleOrgSpec({ projects: 40, seed: 2, computeDisabled: 0.3, denied: 0.2 }));
  const store = new StateStore();
  org.install(store);
  assert.equal(store.list(CRM, 'projects').length, 40);
  assert.equal(store.list(CRM, 'folders').length, 39);
  assert.equal(store.list(CRM, 'organizations').length, 1);
  const { projects } = org.hierarchy;
  const disabled = projects.filter((p) => p.computeDisabled);
  const denied = projects.filter((p) => p.denied);
  assert.ok(disabled.length > 0 && denied.length > 0, 'seed 2 has both kinds');
  for (const p of disabled)
    assert.deepEqual([...(store.disabledServices.get(p.projectId) ?? [])], ['compute.googleapis.com']);
  assert.deepEqual([...store.deniedProjects].sort(), denied.map((p) => p.projectId).sort());
  assert.equal(store.collectionKeys('compute.googleapis.com').length, 0, 'nothing generated yet');

  const withBucket = projects.find((p) => generateProject(p, 2).items.some((i) => i.collection === 'b'));
  assert.ok(withBucket);
  const bucket = generateProject(withBucket, 2).items.find((i) => i.collection === 'b')?.id as string;
  assert.equal(org.bucketProject(bucket), withBucket.projectId);
  assert.equal(org.bucketProject('someone-elses-bucket'), undefined);
  org.ensureProject(store, withBucket.projectNumber);
  assert.ok(
    store.get('storage.googleapis.com', 'b', bucket),
    'a project named by its number is generated too',
  );
  const disabledProject = disabled[0].projectId;
  org.ensureProject(store, disabledProject);
  assert.deepEqual(store.collectionKeysUnder('compute.googleapis.com', `projects/${disabledProject}`), []);
  assert.ok(
    store.get(CRM, 'projects', withBucket.projectId)?.data.name === `projects/${withBucket.projectNumber}`,
  );
  assert.throws(
    () => new SampleOrg(parseSampleOrgSpec({ projects: 1 })).install(store),
    (e) => isSkyqlError(e, 'BAD_EMULATOR_CONFIG'),
  );

  const summary = org.summary();
  assert.equal(summary.projects, 40);
  assert.equal(summary.activeProjects, projects.filter((p) => p.state === 'ACTIVE').length);
  const totals = summary.totals as Record<string, number>;
  org.ensureAll(store);
  let instances = 0;
  for (const c of store.collectionKeys('compute.googleapis.com'))
    if (c.endsWith('/instances')) instances += store.list('compute.googleapis.com', c).length;
  assert.equal(instances, totals.instances);
  assert.equal(store.list('storage.googleapis.com', 'b').length, totals.buckets);
});

test('sampleOrg spec: defaults, and errors that name the key', () => {
  assert.deepEqual(parseSampleOrgSpec({ projects: 5 }), {
    projects: 5,
    seed: 1,
    folderDepth: 3,
    foldersPerFolder: 3,
    computeDisabled: 0.08,
    denied: 0.03,
    deleteRequested: 0.04,
  });
  for (const [bad, word] of [
    [{}, 'projects'],
    [{ projects: 0 }, 'projects'],
    [{ projects: 5, seed: -1 }, 'seed'],
    [{ projects: 5, denied: 2 }, 'denied'],
    [{ projects: 5, colour: 'red' }, 'colour'],
    [{ projects: 5, folderDepth: 6, foldersPerFolder: 20 }, 'too many'],
  ] as const)
    assert.throws(
      () => parseSampleOrgSpec(bad),
      (e) => isSkyqlError(e, 'BAD_EMULATOR_CONFIG') && e.message.includes(word),
    );
});

test('the collection index follows puts and deletes', () => {
  const store = new StateStore();
  const host = 'compute.googleapis.com';
  store.put(host, 'projects/a/zones/z/instances', 'i1', { data: {} });
  store.put(host, 'projects/a/zones/z/instances/i1/things', 't', { data: {} });
  store.put(host, 'projects/b/global/networks', 'n', { data: {} });
  assert.deepEqual(store.collectionKeysUnder(host, 'projects/a').sort(), [
    'projects/a/zones/z/instances',
    'projects/a/zones/z/instances/i1/things',
  ]);
  store.delete(host, 'projects/a/zones/z/instances', 'i1');
  assert.deepEqual(store.collectionKeysUnder(host, 'projects/a'), []);
  assert.deepEqual(store.collectionKeysUnder(host, 'projects/b/global'), ['projects/b/global/networks']);
  assert.deepEqual(store.collectionKeysUnder(host, ''), ['projects/b/global/networks']);
});
