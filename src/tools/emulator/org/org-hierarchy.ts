import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { folderCount, type SampleOrgSpec } from './org-spec.js';
import { SeededRandom } from './seeded-random.js';

/** One generated project, before its resources exist. */
export interface OrgProject {
  readonly index: number;
  readonly projectId: string;
  readonly projectNumber: string;
  /** `organizations/N` or `folders/N`. */
  readonly parent: string;
  readonly state: 'ACTIVE' | 'DELETE_REQUESTED';
  readonly env: string;
  readonly team: string;
  readonly computeDisabled: boolean;
  readonly denied: boolean;
}

/** The organisation, its folders and its projects, as Cloud Resource Manager v3 returns them. */
export interface OrgHierarchy {
  readonly organization: JsonObject;
  readonly folders: readonly JsonObject[];
  readonly projects: readonly OrgProject[];
}

const DEPARTMENTS = [
  'engineering',
  'finance',
  'marketing',
  'operations',
  'research',
  'sales',
  'security',
  'data',
  'support',
  'legal',
];
const STAGES = ['prod', 'staging', 'dev', 'sandbox', 'shared', 'platform', 'labs'];
export const TEAMS = [
  'payments',
  'search',
  'identity',
  'billing',
  'ads',
  'maps',
  'media',
  'infra',
  'ml',
  'growth',
];
export const ENVS = ['prod', 'staging', 'dev', 'test'];

const EPOCH = Date.UTC(2019, 2, 1);
const HOUR = 3_600_000;

const times = new Map<number, string>();

/** A deterministic time: `hours` after the organisation's creation (a few thousand distinct ones, kept). */
export function timeAt(hours: number): string {
  let t = times.get(hours);
  if (t === undefined) {
    t = new Date(EPOCH + Math.round(hours * HOUR)).toISOString();
    if (times.size < 100_000) times.set(hours, t);
  }
  return t;
}

/** A number of `length` digits not drawn before. */
function uniqueNumber(rng: SeededRandom, length: number, used: Set<string>): string {
  for (;;) {
    const n = rng.digits(length);
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

/** A display name unique among its siblings: the word, or the word and a counter. */
function siblingName(word: string, taken: Set<string>): string {
  let name = word;
  for (let k = 2; taken.has(name); k++) name = `${word}-${k}`;
  taken.add(name);
  return name;
}

function folder(
  name: string,
  parent: string,
  displayName: string,
  rng: SeededRandom,
  hours: number,
): JsonObject {
  return {
    name,
    parent,
    displayName,
    state: 'ACTIVE',
    createTime: timeAt(hours),
    updateTime: timeAt(hours),
    etag: `W/"${rng.hex(16)}"`,
  };
}

/**
 * Builds the tree: an organisation, `folderDepth` levels of `foldersPerFolder` folders each, and the
 * projects spread over the organisation and every folder. Numbers and names come from the seed only.
 */
export function buildHierarchy(spec: SampleOrgSpec): OrgHierarchy {
  const rng = new SeededRandom(spec.seed, 'organization');
  const used = new Set<string>();
  const orgNumber = uniqueNumber(rng, 12, used);
  const domain = `org${spec.seed}.example.com`;
  const organization: JsonObject = {
    name: `organizations/${orgNumber}`,
    displayName: domain,
    directoryCustomerId: `C0${rng.hex(7)}`,
    state: 'ACTIVE',
    createTime: timeAt(0),
    updateTime: timeAt(0),
    etag: `W/"${rng.hex(16)}"`,
  };
  const folders: JsonObject[] = [];
  let level: string[] = [organization.name as string];
  for (let depth = 1; depth <= spec.folderDepth; depth++) {
    const words = [DEPARTMENTS, STAGES, TEAMS][depth - 1] ?? STAGES;
    const next: string[] = [];
    for (const parent of level) {
      const taken = new Set<string>();
      for (let k = 0; k < spec.foldersPerFolder; k++) {
        const name = `folders/${uniqueNumber(rng, 12, used)}`;
        folders.push(
          folder(name, parent, siblingName(words[k % words.length], taken), rng, folders.length + 1),
        );
        next.push(name);
      }
    }
    level = next;
  }
  const containers = [organization.name as string, ...folders.map((f) => f.name as string)];
  const width = Math.max(4, String(spec.projects - 1).length);
  const projects: OrgProject[] = [];
  for (let index = 0; index < spec.projects; index++) {
    const p = new SeededRandom(spec.seed, 'project', index);
    const team = p.pick(TEAMS);
    const env = p.pick(ENVS);
    const computeDisabled = p.chance(spec.computeDisabled);
    projects.push({
      index,
      projectId: `${team}-${env}-${String(index).padStart(width, '0')}`,
      projectNumber: uniqueNumber(rng, 12, used),
      parent: p.pick(containers),
      state: p.chance(spec.deleteRequested) ? 'DELETE_REQUESTED' : 'ACTIVE',
      env,
      team,
      computeDisabled,
      denied: !computeDisabled && p.chance(spec.denied),
    });
  }
  if (folders.length !== folderCount(spec)) throw new Error('folder tree miscounted');
  return { organization, folders, projects };
}

/** The project as Resource Manager v3 returns it. */
export function projectResource(p: OrgProject): JsonObject {
  const rng = new SeededRandom(p.projectNumber, 'crm');
  const created = 24 * 30 + (p.index % 20_000);
  const out: JsonObject = {
    name: `projects/${p.projectNumber}`,
    parent: p.parent,
    projectId: p.projectId,
    state: p.state,
    displayName: p.projectId,
    createTime: timeAt(created),
    updateTime: timeAt(created + 1),
    etag: `W/"${rng.hex(16)}"`,
    labels: { env: p.env, team: p.team, 'cost-center': `cc-${100 + (p.index % 37)}` },
  };
  if (p.state === 'DELETE_REQUESTED') out.deleteTime = timeAt(created + 24 * 400);
  return out;
}
