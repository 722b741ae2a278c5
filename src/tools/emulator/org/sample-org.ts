import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { PROJECTS_HOST } from '../handlers/known-projects.js';
import type { LazyResources, StateStore } from '../state/state-store.js';
import { buildHierarchy, type OrgHierarchy, type OrgProject, projectResource } from './org-hierarchy.js';
import type { SampleOrgSpec } from './org-spec.js';
import { type GeneratedProject, generateProject } from './project-resources.js';

const COMPUTE = 'compute.googleapis.com';

/** Resource counts of generated projects. */
interface Totals {
  projects: number;
  instances: number;
  runningInstances: number;
  instancesWithExternalIp: number;
  disks: number;
  networks: number;
  firewalls: number;
  buckets: number;
  publicBuckets: number;
  serviceAccounts: number;
}

function emptyTotals(): Totals {
  return {
    projects: 0,
    instances: 0,
    runningInstances: 0,
    instancesWithExternalIp: 0,
    disks: 0,
    networks: 0,
    firewalls: 0,
    buckets: 0,
    publicBuckets: 0,
    serviceAccounts: 0,
  };
}

function addCounts(t: Totals, g: GeneratedProject): void {
  t.projects++;
  for (const item of g.items) {
    const word = item.collection.slice(item.collection.lastIndexOf('/') + 1);
    if (word === 'instances') {
      t.instances++;
      if (item.data.status === 'RUNNING') t.runningInstances++;
      if (JSON.stringify(item.data.networkInterfaces).includes('"natIP"')) t.instancesWithExternalIp++;
    } else if (word === 'disks') t.disks++;
    else if (word === 'networks') t.networks++;
    else if (word === 'firewalls') t.firewalls++;
    else if (word === 'b') t.buckets++;
    else if (word === 'serviceAccounts') t.serviceAccounts++;
  }
  for (const p of g.policies)
    if (p.key.startsWith('b/') && JSON.stringify(p.policy.bindings).includes('"allUsers"')) t.publicBuckets++;
}

/**
 * The sample organisation (`--sample-org N`): its organisation, folders and projects are put into
 * Cloud Resource Manager at once (about 1 KB a project), with the projects whose Compute API is
 * disabled and those the caller is denied. Each project's own resources are generated the first time
 * a request names the project (or one of its buckets), so a 1,000-project organisation starts in
 * milliseconds and holds only what was asked for; a snapshot generates the rest first.
 */
export class SampleOrg implements LazyResources {
  readonly hierarchy: OrgHierarchy;
  /** By project id and by project number. */
  private readonly byKey = new Map<string, OrgProject>();
  private readonly generated = new Set<number>();
  private totals: { all: Totals; reachable: Totals } | undefined;

  constructor(readonly spec: SampleOrgSpec) {
    this.hierarchy = buildHierarchy(spec);
    for (const p of this.hierarchy.projects) {
      this.byKey.set(p.projectId, p);
      this.byKey.set(p.projectNumber, p);
    }
  }

  /** Puts the hierarchy into the store and makes this the store's generator of project resources. */
  install(store: StateStore): void {
    if (store.lazy)
      throw new SkyqlError(
        'BAD_EMULATOR_CONFIG',
        'sampleOrg: the emulator already holds a sample organisation',
        {
          hint: 'give --sample-org or one seed with sampleOrg, not both (POST /_emulator/reset empties the state)',
        },
      );
    const { organization, folders, projects } = this.hierarchy;
    const put = (collection: string, id: string, data: JsonObject) =>
      store.put(PROJECTS_HOST, collection, id, { data, fresh: false });
    put('organizations', (organization.name as string).split('/')[1], organization);
    for (const f of folders) put('folders', (f.name as string).split('/')[1], f);
    for (const p of projects) {
      put('projects', p.projectId, projectResource(p));
      if (p.computeDisabled) store.disabledServices.set(p.projectId, new Set([COMPUTE]));
      if (p.denied) store.deniedProjects.add(p.projectId);
    }
    store.lazy = this;
  }

  ensureProject(store: StateStore, project: string): void {
    const p = this.byKey.get(project);
    if (!p || this.generated.has(p.index)) return;
    this.generated.add(p.index);
    const g = generateProject(p, this.spec.seed);
    // what a seed or a client put there first stays
    for (const { host, collection, id, data, scope } of g.items)
      if (!store.get(host, collection, id))
        store.put(host, collection, id, scope ? { data, scope, fresh: true } : { data, fresh: true });
    for (const { host, key, policy } of g.policies) {
      const k = `${host} ${key}`;
      if (!store.iam.has(k)) store.iam.set(k, policy);
    }
  }

  /** Bucket names start with their project's id: the longest such prefix that is a project. */
  bucketProject(bucket: string): string | undefined {
    for (let i = bucket.lastIndexOf('-'); i > 0; i = bucket.lastIndexOf('-', i - 1)) {
      const p = this.byKey.get(bucket.slice(0, i));
      if (p) return p.projectId;
    }
    return undefined;
  }

  ensureAll(store: StateStore): void {
    for (const p of this.hierarchy.projects) this.ensureProject(store, p.projectId);
  }

  /**
   * What the organisation holds, for tests and benchmarks that need exact expected counts:
   * `reachable` counts the ACTIVE projects the caller is not denied (Compute-disabled projects have
   * no Compute resources). Generated counts, not the live state: changes made since are not seen.
   */
  summary(): JsonObject {
    const { organization, folders, projects } = this.hierarchy;
    if (!this.totals) {
      const all = emptyTotals();
      const reachable = emptyTotals();
      for (const p of projects) {
        const g = generateProject(p, this.spec.seed);
        addCounts(all, g);
        if (p.state === 'ACTIVE' && !p.denied) addCounts(reachable, g);
      }
      this.totals = { all, reachable };
    }
    return {
      spec: { ...this.spec },
      organization: organization.name,
      folders: folders.length,
      projects: projects.length,
      activeProjects: projects.filter((p) => p.state === 'ACTIVE').length,
      deleteRequestedProjects: projects.filter((p) => p.state === 'DELETE_REQUESTED').map((p) => p.projectId),
      computeDisabledProjects: projects.filter((p) => p.computeDisabled).map((p) => p.projectId),
      deniedProjects: projects.filter((p) => p.denied).map((p) => p.projectId),
      generatedProjects: this.generated.size,
      totals: { ...this.totals.all },
      reachable: { ...this.totals.reachable },
    };
  }
}
