import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';

/** A stored resource: its JSON, and the create-time query parameters that scope it (storage `project`). */
export interface StoredItem {
  data: JsonObject;
  scope?: Readonly<Record<string, string>>;
  /** Loaded from a seed: server-set fields (name, selfLink, kind…) are filled in on first read. */
  fresh?: boolean;
}

/** One stored DICOM instance of a DICOM store. */
export interface StoredDicomInstance {
  readonly study: string;
  readonly series: string;
  readonly instance: string;
  readonly bytes: Buffer;
  /** DICOM JSON of the instance's top-level attributes. */
  readonly metadata: JsonObject;
}

/** A long-running operation still on its way to done. */
export interface OperationProgress {
  readonly style: 'compute' | 'longrunning';
  polls: number;
  readonly needed: number;
  /** The operation's JSON once done. */
  readonly done: JsonObject;
}

type Collections = Map<string, Map<string, StoredItem>>;

/** Resources made on first use: the sample organisation's projects (org/sample-org.ts). */
export interface LazyResources {
  /** Puts the resources of `project` (an id) into the store the first time a request names it. */
  ensureProject(store: StateStore, project: string): void;
  /** The project a generated bucket belongs to, if it is one. */
  bucketProject(bucket: string): string | undefined;
  /** Generates everything not generated yet (before a snapshot). */
  ensureAll(store: StateStore): void;
  /** What was generated and what it holds (`GET /_emulator/org`). */
  summary(): JsonObject;
}

/** `projects/p` of a collection key `projects/p/zones/z/instances` (its first two segments). */
function ownerOf(collection: string): string | undefined {
  const first = collection.indexOf('/');
  if (first < 0) return undefined;
  const second = collection.indexOf('/', first + 1);
  return second < 0 ? undefined : collection.slice(0, second);
}

/** The value at `key`, created by `make` when missing. */
export function getOrCreate<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** The object at `key` of a plain record, created empty when missing. */
export function recordAt<T>(record: Record<string, T>, key: string, make: () => NoInfer<T>): T {
  if (!(key in record)) record[key] = make();
  return record[key];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The emulator's in-memory state, per host: collections (`projects/p/zones/z/instances`) of items
 * by id, IAM policies and DICOM instances by resource name, and the progress of pending operations.
 */
export class StateStore {
  private readonly hosts = new Map<string, Collections>();
  /** Sorted entries per collection, dropped when the collection changes. */
  private readonly sorted = new WeakMap<Map<string, StoredItem>, [string, StoredItem][]>();
  /** `host key` → IAM policy. */
  readonly iam = new Map<string, JsonObject>();
  /** DICOM store resource name → instances. */
  readonly dicom = new Map<string, StoredDicomInstance[]>();
  /** `host key` → progress of an operation that is not done yet. */
  readonly progress = new Map<string, OperationProgress>();
  /** Project id → the services (hosts) answered as disabled there (SERVICE_DISABLED). */
  readonly disabledServices = new Map<string, Set<string>>();
  /** Projects every call is refused on (IAM_PERMISSION_DENIED). */
  readonly deniedProjects = new Set<string>();
  /** Generator of resources made on first use, if any. */
  lazy: LazyResources | undefined;
  /** host → `projects/p` → collection keys under it: an aggregated list reads one project's only. */
  private readonly owned = new Map<string, Map<string, Set<string>>>();

  private collections(host: string, create: boolean): Collections | undefined {
    return create ? getOrCreate(this.hosts, host, () => new Map()) : this.hosts.get(host);
  }

  get(host: string, collection: string, id: string): StoredItem | undefined {
    return this.collections(host, false)?.get(collection)?.get(id);
  }

  put(host: string, collection: string, id: string, item: StoredItem): void {
    const cols = this.collections(host, true) as Collections;
    const col = getOrCreate(cols, collection, () => {
      this.indexCollection(host, collection, true);
      return new Map();
    });
    if (col.get(id) !== item) this.sorted.delete(col);
    col.set(id, item);
  }

  /** Deletes an item and everything below it (`<key>/...`). */
  delete(host: string, collection: string, id: string): boolean {
    const cols = this.collections(host, false);
    const col = cols?.get(collection);
    if (!cols || !col?.delete(id)) return false;
    this.sorted.delete(col);
    if (col.size === 0) this.dropCollection(host, cols, collection);
    const key = collection === '' ? id : `${collection}/${id}`;
    for (const c of [...cols.keys()]) if (c.startsWith(`${key}/`)) this.dropCollection(host, cols, c);
    for (const k of [...this.iam.keys()])
      if (k === `${host} ${key}` || k.startsWith(`${host} ${key}/`)) this.iam.delete(k);
    for (const k of [...this.dicom.keys()]) if (k === key || k.startsWith(`${key}/`)) this.dicom.delete(k);
    return true;
  }

  /** Items of a collection, sorted by id (so pages are stable). */
  list(host: string, collection: string): [string, StoredItem][] {
    const col = this.collections(host, false)?.get(collection);
    if (!col) return [];
    let entries = this.sorted.get(col);
    if (!entries) {
      entries = [...col].sort((a, b) => compareIds(a[0], b[0]));
      this.sorted.set(col, entries);
    }
    return entries;
  }

  /** Collection keys of a host. */
  collectionKeys(host: string): string[] {
    return [...(this.collections(host, false)?.keys() ?? [])];
  }

  /** Collection keys of a host under `prefix` (`projects/p`): from the index when it is a project's. */
  collectionKeysUnder(host: string, prefix: string): string[] {
    if (prefix === '') return this.collectionKeys(host);
    if (prefix.split('/').length === 2) return [...(this.owned.get(host)?.get(prefix) ?? [])];
    return this.collectionKeys(host).filter((c) => c.startsWith(`${prefix}/`));
  }

  private indexCollection(host: string, collection: string, add: boolean): void {
    const owner = ownerOf(collection);
    if (owner === undefined) return;
    const byOwner = getOrCreate(this.owned, host, () => new Map<string, Set<string>>());
    if (add) getOrCreate(byOwner, owner, () => new Set<string>()).add(collection);
    else byOwner.get(owner)?.delete(collection);
  }

  private dropCollection(host: string, cols: Collections, collection: string): void {
    cols.delete(collection);
    this.indexCollection(host, collection, false);
  }

  hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  /** Number of stored items over all hosts. */
  get size(): number {
    let n = 0;
    for (const cols of this.hosts.values()) for (const c of cols.values()) n += c.size;
    return n;
  }

  clear(): void {
    this.hosts.clear();
    this.owned.clear();
    this.iam.clear();
    this.dicom.clear();
    this.progress.clear();
    this.disabledServices.clear();
    this.deniedProjects.clear();
    this.lazy = undefined;
  }
}
