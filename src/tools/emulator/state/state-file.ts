import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { dump as dumpYaml } from 'js-yaml';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { loadYaml } from '../../../base/util/load-yaml.js';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import { dicomInstanceFromBytes } from '../dicom/dicom-web.js';
import { addSeededProjects, PROJECTS_HOST } from '../handlers/known-projects.js';
import { parseSampleOrgSpec } from '../org/org-spec.js';
import { SampleOrg } from '../org/sample-org.js';
import type { EmulatorSettings } from '../server/emulator-context.js';
import { parseQuotaRule } from '../server/quota.js';
import { getOrCreate, recordAt, type StateStore, type StoredDicomInstance } from './state-store.js';

/** A stored DICOM instance in a state file: its bytes in base64 (UIDs are read from them). */
export interface DicomInstanceRecord {
  readonly data: string;
}

/**
 * The seed / state file format (JSON or YAML):
 *
 * ```yaml
 * settings: {operationPolls: 1, defaultPageSize: 5}
 * resources:                      # host → collection → id → resource JSON
 *   compute.googleapis.com:
 *     projects/demo/zones/us-central1-a/instances:
 *       vm-1: {machineType: ..., status: RUNNING}
 * scopes:                         # optional: create-time query params (storage `project`)
 *   storage.googleapis.com: {b: {bucket-1: {project: demo}}}
 * iamPolicies:                    # host → resource name → policy
 *   cloudresourcemanager.googleapis.com: {projects/demo: {bindings: [...]}}
 * dicom:                          # DICOM store name → instances
 *   projects/demo/locations/l/datasets/d/dicomStores/s: [{data: <base64 DICOM>}]
 * trustedKeys: [<PEM or service-account JSON>]
 * sampleOrg: {projects: 100, seed: 7}               # a generated organisation (org/sample-org.ts)
 * disabledServices: {demo: [compute.googleapis.com]} # answered SERVICE_DISABLED
 * deniedProjects: [secret-project]                  # answered IAM_PERMISSION_DENIED
 * quotas: [compute.googleapis.com=50/s]             # rate quotas (server/quota.ts)
 * ```
 *
 * Server-set fields (name, selfLink, kind, id, timestamps) are filled in on first read when absent.
 * The emulator serves only the projects it knows: `cloudresourcemanager.googleapis.com: {projects:
 * {demo: {...}}}`, and every project the other keys or scopes name (added there on load).
 */
export interface SeedDocument {
  readonly settings?: Partial<EmulatorSettings>;
  readonly resources?: Record<string, Record<string, Record<string, JsonObject>>>;
  readonly scopes?: Record<string, Record<string, Record<string, Record<string, string>>>>;
  readonly iamPolicies?: Record<string, Record<string, JsonObject>>;
  readonly dicom?: Record<string, readonly DicomInstanceRecord[]>;
  readonly trustedKeys?: readonly string[];
  /** A generated organisation: `{projects, seed, folderDepth, foldersPerFolder, …}` (org-spec.ts). */
  readonly sampleOrg?: JsonObject;
  /** Project id → services (hosts) answered as not enabled there. */
  readonly disabledServices?: Record<string, readonly string[]>;
  /** Projects whose calls are answered 403 IAM_PERMISSION_DENIED. */
  readonly deniedProjects?: readonly string[];
  /** Rate quotas: `compute.googleapis.com=50/s[,project=5/s]` or rule objects (quota.ts). */
  readonly quotas?: readonly (string | JsonObject)[];
}

function stringList(v: unknown, where: string): void {
  if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string')))
    throw bad(`${where} must be a list of strings`);
}

function bad(message: string): SkyqlError {
  return new SkyqlError('BAD_EMULATOR_CONFIG', message, {
    hint: 'the seed and state format is described in docs/emulator.md',
  });
}

function objectAt(v: unknown, where: string): JsonObject {
  if (!isObject(v)) throw bad(`${where} must be a mapping`);
  return v;
}

/** Checks the shape of a parsed seed document. */
function validateSeed(v: unknown): SeedDocument {
  const doc = objectAt(v ?? {}, 'the seed document');
  const known = new Set([
    'settings',
    'resources',
    'scopes',
    'iamPolicies',
    'dicom',
    'trustedKeys',
    'version',
    'sampleOrg',
    'disabledServices',
    'deniedProjects',
    'quotas',
  ]);
  for (const k of Object.keys(doc))
    if (!known.has(k)) throw bad(`unknown seed key '${k}' (known: ${[...known].join(', ')})`);
  for (const section of ['resources', 'scopes'] as const) {
    for (const [host, cols] of Object.entries(objectAt(doc[section] ?? {}, section))) {
      for (const [col, items] of Object.entries(objectAt(cols, `${section}.${host}`))) {
        for (const [id, item] of Object.entries(objectAt(items, `${section}.${host}.${col}`)))
          objectAt(item, `${section}.${host}.${col}.${id}`);
      }
    }
  }
  for (const [host, policies] of Object.entries(objectAt(doc.iamPolicies ?? {}, 'iamPolicies'))) {
    for (const [k, p] of Object.entries(objectAt(policies, `iamPolicies.${host}`)))
      objectAt(p, `iamPolicies.${host}.${k}`);
  }
  for (const [store, list] of Object.entries(objectAt(doc.dicom ?? {}, 'dicom'))) {
    if (!Array.isArray(list) || list.some((i) => !isObject(i) || typeof i.data !== 'string'))
      throw bad(`dicom.${store} must be a list of {data: <base64>}`);
  }
  if (
    doc.trustedKeys !== undefined &&
    (!Array.isArray(doc.trustedKeys) || doc.trustedKeys.some((k) => typeof k !== 'string'))
  ) {
    throw bad('trustedKeys must be a list of PEM strings');
  }
  objectAt(doc.settings ?? {}, 'settings');
  if (doc.sampleOrg !== undefined) parseSampleOrgSpec(doc.sampleOrg);
  for (const [project, services] of Object.entries(objectAt(doc.disabledServices ?? {}, 'disabledServices')))
    stringList(services, `disabledServices.${project}`);
  stringList(doc.deniedProjects, 'deniedProjects');
  if (doc.quotas !== undefined && !Array.isArray(doc.quotas)) throw bad('quotas must be a list');
  for (const [i, q] of (doc.quotas ?? []).entries()) {
    try {
      parseQuotaRule(q);
    } catch (err) {
      throw bad(`quotas[${i}]: ${(err as Error).message}`);
    }
  }
  return doc as SeedDocument;
}

/** Parses seed text: JSON when it looks like JSON, else YAML. */
export function parseSeedText(text: string, source = 'seed'): SeedDocument {
  let v: unknown;
  try {
    v = text.trimStart().startsWith('{') ? JSON.parse(text) : loadYaml(text);
  } catch (err) {
    throw bad(`${source} is not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return validateSeed(v);
}

/** Reads a seed or state file (JSON or YAML). */
export function readSeedFile(path: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read ${path}: ${(err as Error).message}`);
  }
  return parseSeedText(text, path);
}

/** Keys of a seed outside Resource Manager (the projects they name exist, see known-projects.ts). */
function projectScopedKeys(seed: SeedDocument): string[] {
  const outside = (hosts: Record<string, object>) =>
    Object.entries(hosts)
      .filter(([host]) => host.toLowerCase() !== PROJECTS_HOST)
      .flatMap(([, byKey]) => Object.keys(byKey));
  return [
    ...outside(seed.resources ?? {}),
    ...outside(seed.iamPolicies ?? {}),
    ...Object.keys(seed.dicom ?? {}),
  ];
}

/**
 * Loads a seed into the store (merging; seeded resources get server fields on first read). The
 * projects its resources live in are added to Resource Manager.
 */
export function applySeed(store: StateStore, seed: SeedDocument): void {
  for (const [host, cols] of Object.entries(seed.resources ?? {})) {
    for (const [col, items] of Object.entries(cols)) {
      const collection = col.replace(/^\/+|\/+$/g, '');
      for (const [id, data] of Object.entries(items)) {
        const scope = seed.scopes?.[host]?.[col]?.[id];
        store.put(
          host.toLowerCase(),
          collection,
          id,
          scope ? { data: { ...data }, scope, fresh: true } : { data: { ...data }, fresh: true },
        );
      }
    }
  }
  for (const [host, policies] of Object.entries(seed.iamPolicies ?? {})) {
    for (const [key, policy] of Object.entries(policies))
      store.iam.set(`${host.toLowerCase()} ${key.replace(/^\/+/, '')}`, {
        version: 1,
        etag: 'BwYAAAAAAAA=',
        ...policy,
      });
  }
  for (const [storeKey, list] of Object.entries(seed.dicom ?? {})) {
    const instances: StoredDicomInstance[] = [...(store.dicom.get(storeKey) ?? [])];
    for (const rec of list) {
      const inst = dicomInstanceFromBytes(Buffer.from(rec.data, 'base64'));
      const i = instances.findIndex((x) => x.instance === inst.instance);
      if (i >= 0) instances[i] = inst;
      else instances.push(inst);
    }
    store.dicom.set(storeKey, instances);
  }
  const scopes = Object.values(seed.scopes ?? {}).flatMap((cols) =>
    Object.values(cols).flatMap((items) => Object.values(items)),
  );
  addSeededProjects(store, projectScopedKeys(seed), scopes);
  for (const [project, services] of Object.entries(seed.disabledServices ?? {})) {
    const set = getOrCreate(store.disabledServices, project, () => new Set<string>());
    for (const service of services) set.add(service.toLowerCase());
  }
  for (const project of seed.deniedProjects ?? []) store.deniedProjects.add(project);
  if (seed.sampleOrg) new SampleOrg(parseSampleOrgSpec(seed.sampleOrg)).install(store);
}

/**
 * The store as a seed document (pending operations should be finished first, and a sample
 * organisation's projects generated): a sample organisation is saved as the resources it holds.
 */
export function snapshotState(store: StateStore, settings: EmulatorSettings): SeedDocument {
  const resources: Record<string, Record<string, Record<string, JsonObject>>> = {};
  const scopes: Record<string, Record<string, Record<string, Record<string, string>>>> = {};
  for (const host of store.hostNames().sort()) {
    for (const col of store.collectionKeys(host).sort()) {
      for (const [id, item] of store.list(host, col)) {
        const hostResources = recordAt(resources, host, () => ({}));
        recordAt(hostResources, col, () => ({}))[id] = item.data;
        if (item.scope) {
          const hostScopes = recordAt(scopes, host, () => ({}));
          recordAt(hostScopes, col, () => ({}))[id] = { ...item.scope };
        }
      }
    }
  }
  const iamPolicies: Record<string, Record<string, JsonObject>> = {};
  for (const [k, policy] of store.iam) {
    const space = k.indexOf(' ');
    recordAt(iamPolicies, k.slice(0, space), () => ({}))[k.slice(space + 1)] = policy;
  }
  const dicom: Record<string, DicomInstanceRecord[]> = {};
  for (const [k, list] of store.dicom) dicom[k] = list.map((i) => ({ data: i.bytes.toString('base64') }));
  const disabledServices: Record<string, string[]> = {};
  for (const [p, services] of store.disabledServices)
    if (services.size) disabledServices[p] = [...services].sort();
  return {
    settings: { operationPolls: settings.operationPolls, defaultPageSize: settings.defaultPageSize },
    resources,
    ...(Object.keys(scopes).length ? { scopes } : {}),
    ...(Object.keys(iamPolicies).length ? { iamPolicies } : {}),
    ...(Object.keys(dicom).length ? { dicom } : {}),
    ...(Object.keys(disabledServices).length ? { disabledServices } : {}),
    ...(store.deniedProjects.size ? { deniedProjects: [...store.deniedProjects].sort() } : {}),
  };
}

/**
 * The file a named snapshot is saved to: `<dir>/<name>`, `.json` added unless the name ends in
 * .json, .yaml or .yml. The name is a plain file name (letters, digits, `.`, `_`, `-`; no leading
 * dot), so a request can never choose a folder.
 */
export function namedStateFile(dir: string | undefined, name: string): string {
  if (dir === undefined)
    throw new SkyqlError('BAD_EMULATOR_CONFIG', 'no folder for named snapshots', {
      hint: 'start the emulator with --state-dir <folder>',
    });
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name))
    throw new SkyqlError(
      'BAD_EMULATOR_CONFIG',
      `snapshot name ${JSON.stringify(name)} is not a plain file name`,
      {
        hint: 'use letters, digits, ".", "_" and "-", e.g. {"name": "before-test.json"}',
      },
    );
  return join(dir, /\.(json|ya?ml)$/i.test(name) ? name : `${name}.json`);
}

/** Writes a state file atomically, as YAML for `.yaml`/`.yml`, else JSON. */
export function writeStateFile(path: string, doc: SeedDocument): void {
  const ext = extname(path).toLowerCase();
  const text =
    ext === '.yaml' || ext === '.yml'
      ? dumpYaml(doc, { noRefs: true, lineWidth: 120 })
      : `${JSON.stringify(doc, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
