import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { linkFor, type TargetRef } from '../routing/resource-names.js';
import type { ResourceShape } from '../routing/route-spec.js';
import { newEtag, numericId } from '../server/emulator-context.js';
import { withCreateDefaults } from './create-defaults.js';

const CREATED = ['creationTimestamp', 'createTime', 'timeCreated'];
const UPDATED = ['updateTime', 'updated'];
/** Fields the server owns: kept from the stored item on update and patch. */
const PROTECTED_FIELDS = ['name', 'id', 'selfLink', 'kind', ...CREATED];
/** A resource's preferred running state, when its `status`/`state` enum offers one. */
const LIVE_STATES = ['RUNNING', 'ACTIVE', 'READY', 'ENABLED', 'AVAILABLE', 'SUCCEEDED'];

const propSets = new WeakMap<ResourceShape, ReadonlySet<string>>();
const NO_PROPS: ReadonlySet<string> = new Set();

/** The schema's property names as a set, made once per shape. */
function propSet(shape: ResourceShape | undefined): ReadonlySet<string> {
  if (!shape) return NO_PROPS;
  let set = propSets.get(shape);
  if (!set) {
    set = new Set(shape.props);
    propSets.set(shape, set);
  }
  return set;
}

/** How to name a new resource. */
export interface DecorateOptions {
  readonly fullName: boolean;
  readonly linkPrefix: string;
}

/**
 * Fills in the fields a server sets on a new resource, as far as its schema has them: `name` (full
 * resource name or short id), `id`, `selfLink` (as Google writes it), `kind`, creation and update
 * times, `etag`, a live `status`/`state`, compute's `zone`/`region` links, and the defaults the
 * API documents for its collection (create-defaults.ts).
 */
export function decorateNew(
  shape: ResourceShape | undefined,
  target: TargetRef,
  data: JsonObject,
  options: DecorateOptions,
): JsonObject {
  const props = propSet(shape);
  const out: JsonObject = withCreateDefaults(target.host, target.collection, data);
  let time: string | undefined;
  const now = () => {
    time ??= new Date().toISOString();
    return time;
  };
  const id = target.id ?? target.segments[target.segments.length - 1] ?? '';
  if (shape?.kind && out.kind === undefined) out.kind = shape.kind;
  if (props.has('name') || out.name !== undefined) out.name = options.fullName ? target.key : id;
  if (props.has('id') && (out.id === undefined || out.id === ''))
    out.id = shape?.idFormat === 'uint64' ? numericId() : id;
  if (props.has('selfLink')) out.selfLink = linkFor(target.host, options.linkPrefix, target.segments);
  for (const p of CREATED) if (props.has(p) && out[p] === undefined) out[p] = now();
  for (const p of UPDATED) if (props.has(p) && out[p] === undefined) out[p] = now();
  if (props.has('etag') && out.etag === undefined) out.etag = newEtag();
  for (const [field, values] of [
    ['status', shape?.statusEnum],
    ['state', shape?.stateEnum],
  ] as const) {
    const live = values ? LIVE_STATES.find((s) => values.includes(s)) : undefined;
    if (live && out[field] === undefined) out[field] = live;
  }
  for (const [word, field] of [
    ['zones', 'zone'],
    ['regions', 'region'],
  ] as const) {
    const i = target.segments.indexOf(word);
    if (
      i < 0 ||
      i + 1 >= target.segments.length - (target.id === undefined ? 0 : 1) ||
      !props.has(field) ||
      out[field] !== undefined
    )
      continue;
    out[field] = props.has('selfLink')
      ? linkFor(target.host, options.linkPrefix, target.segments.slice(0, i + 2))
      : target.segments[i + 1];
  }
  if (props.has('selfLink')) absoluteLinks(out, target, options.linkPrefix);
  return out;
}

/** Top-level fields (and those of `networkInterfaces[]`) that compute-style APIs return as full URLs. */
const LINK_FIELDS = ['machineType', 'network', 'subnetwork', 'diskType', 'zone', 'region'];

/** The key of a full link into the same API (`https://<either host><linkPrefix>/<key>`), if it is one. */
function keyOfLink(v: string, host: string, linkPrefix: string): string | undefined {
  for (const h of [host, 'www.googleapis.com']) {
    const head = `https://${h}${linkPrefix}/`;
    if (v.startsWith(head)) return v.slice(head.length);
  }
  return undefined;
}

/**
 * Compute-style APIs accept partial references (`zones/z/machineTypes/e2-small`,
 * `global/networks/default`) and links on either host, and return them as full URLs the way
 * Google writes them; so does the emulator.
 */
function absoluteLinks(out: JsonObject, target: TargetRef, linkPrefix: string): void {
  const p = target.segments.indexOf('projects');
  if (p < 0) return;
  const project = target.segments.slice(p, p + 2);
  const absolute = (v: unknown): unknown => {
    if (typeof v !== 'string' || !v.includes('/')) return v;
    const key = v.includes('://') ? keyOfLink(v, target.host, linkPrefix) : v.replace(/^\/+/, '');
    if (key === undefined) return v;
    const parts = key.split('/');
    return linkFor(target.host, linkPrefix, parts[0] === 'projects' ? parts : [...project, ...parts]);
  };
  for (const f of LINK_FIELDS) if (f in out) out[f] = absolute(out[f]);
  if (Array.isArray(out.networkInterfaces)) {
    out.networkInterfaces = out.networkInterfaces.map((nic) =>
      nic !== null && typeof nic === 'object'
        ? {
            ...nic,
            network: absolute((nic as JsonObject).network),
            subnetwork: absolute((nic as JsonObject).subnetwork),
          }
        : nic,
    );
  }
}

/** Refreshes update time and etag after a change. */
export function touchUpdated(shape: ResourceShape | undefined, data: JsonObject): JsonObject {
  const props = propSet(shape);
  const out: JsonObject = { ...data };
  const now = new Date().toISOString();
  for (const p of UPDATED) if (props.has(p) || out[p] !== undefined) out[p] = now;
  if (props.has('etag') || out.etag !== undefined) out.etag = newEtag();
  if (out.labelFingerprint !== undefined) out.labelFingerprint = newEtag();
  if (typeof out.metageneration === 'string' && /^\d+$/.test(out.metageneration))
    out.metageneration = String(Number(out.metageneration) + 1);
  return out;
}

/** Output-only fields a replace (PUT) keeps when the new body leaves them out. */
const KEPT_WHEN_ABSENT = ['status', 'state', 'zone', 'region', 'etag', 'labelFingerprint'];

/** `next` with the server-owned fields of `previous` restored. */
export function keepProtected(previous: JsonObject, next: JsonObject): JsonObject {
  const out: JsonObject = { ...next };
  for (const f of PROTECTED_FIELDS) {
    if (previous[f] !== undefined) out[f] = previous[f];
    else delete out[f];
  }
  for (const f of KEPT_WHEN_ABSENT)
    if (out[f] === undefined && previous[f] !== undefined) out[f] = previous[f];
  return out;
}
