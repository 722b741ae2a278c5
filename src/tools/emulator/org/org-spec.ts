import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';

/**
 * What the sample organisation looks like (`--sample-org N`, or `sampleOrg` in a seed): how many
 * projects, the seed every name and number is drawn from, the folder tree's shape and the share of
 * projects in each awkward state.
 */
export interface SampleOrgSpec {
  readonly projects: number;
  /** Same seed, same organisation (default 1). */
  readonly seed: number;
  /** Levels of folders under the organisation (default 3). */
  readonly folderDepth: number;
  /** Child folders of the organisation and of every folder above the last level (default 3). */
  readonly foldersPerFolder: number;
  /** Share of projects whose Compute Engine API is disabled (default 0.08). */
  readonly computeDisabled: number;
  /** Share of projects the caller may not read (default 0.03). */
  readonly denied: number;
  /** Share of projects in DELETE_REQUESTED (default 0.04). */
  readonly deleteRequested: number;
}

export const DEFAULT_ORG_SEED = 1;

const DEFAULTS: Omit<SampleOrgSpec, 'projects'> = {
  seed: DEFAULT_ORG_SEED,
  folderDepth: 3,
  foldersPerFolder: 3,
  computeDisabled: 0.08,
  denied: 0.03,
  deleteRequested: 0.04,
};

const MAX_PROJECTS = 100_000;
const MAX_FOLDERS = 10_000;

function bad(message: string): SkyqlError {
  return new SkyqlError('BAD_EMULATOR_CONFIG', `sampleOrg: ${message}`, {
    hint: 'e.g. sampleOrg: {projects: 100, seed: 7, folderDepth: 3, foldersPerFolder: 3} (docs/emulator.md)',
  });
}

function integerIn(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw bad(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

function share(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    throw bad(`${name} must be a number from 0 to 1, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates a `sampleOrg` seed value (or the CLI's `{projects, seed}`), defaults filled in. */
export function parseSampleOrgSpec(v: unknown): SampleOrgSpec {
  if (!isObject(v)) throw bad('must be a mapping with at least `projects`');
  const known = new Set(['projects', ...Object.keys(DEFAULTS)]);
  for (const k of Object.keys(v))
    if (!known.has(k)) throw bad(`unknown key '${k}' (known: ${[...known].join(', ')})`);
  const spec: SampleOrgSpec = {
    projects: integerIn(v.projects, 'projects', 1, MAX_PROJECTS),
    seed: v.seed === undefined ? DEFAULTS.seed : integerIn(v.seed, 'seed', 0, 2 ** 31 - 1),
    folderDepth:
      v.folderDepth === undefined ? DEFAULTS.folderDepth : integerIn(v.folderDepth, 'folderDepth', 0, 6),
    foldersPerFolder:
      v.foldersPerFolder === undefined
        ? DEFAULTS.foldersPerFolder
        : integerIn(v.foldersPerFolder, 'foldersPerFolder', 1, 20),
    computeDisabled:
      v.computeDisabled === undefined
        ? DEFAULTS.computeDisabled
        : share(v.computeDisabled, 'computeDisabled'),
    denied: v.denied === undefined ? DEFAULTS.denied : share(v.denied, 'denied'),
    deleteRequested:
      v.deleteRequested === undefined
        ? DEFAULTS.deleteRequested
        : share(v.deleteRequested, 'deleteRequested'),
  };
  if (folderCount(spec) > MAX_FOLDERS)
    throw bad(
      `${folderCount(spec)} folders is too many (at most ${MAX_FOLDERS}); lower folderDepth or foldersPerFolder`,
    );
  return spec;
}

/** Folders in the tree: b + b² + … + b^depth. */
export function folderCount(spec: Pick<SampleOrgSpec, 'folderDepth' | 'foldersPerFolder'>): number {
  let total = 0;
  let level = 1;
  for (let d = 0; d < spec.folderDepth; d++) {
    level *= spec.foldersPerFolder;
    total += level;
  }
  return total;
}
