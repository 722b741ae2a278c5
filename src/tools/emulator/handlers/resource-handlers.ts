import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import { NEXT_PAGE_TOKEN, servePage } from '../../../core/http/pagination.js';
import { childOf, linkFor, type TargetRef, targetFromSegments } from '../routing/resource-names.js';
import {
  isCreatable,
  jsonBody,
  type Reply,
  type RequestContext,
  routeFor,
  usesFullName,
} from '../server/emulator-context.js';
import { alreadyExists, badRequest, notFound } from '../server/google-error.js';
import { recordAt, type StoredItem } from '../state/state-store.js';
import { listShaping, pagingQuery, shapeRows } from './list-query.js';
import { advanceOperation, startOperation } from './operations.js';
import { decorateNew, keepProtected, touchUpdated } from './resource-decorator.js';
import { applyUpdateMask, mergePatch } from './update-mask.js';

const MAX_ID_LENGTH = 1024;

/** Reads a stored item; seeded items get their server-set fields on first read. */
export function readItem(ctx: RequestContext, target: TargetRef): StoredItem | undefined {
  if (target.id === undefined) return undefined;
  const item = ctx.core.store.get(target.host, target.collection, target.id);
  if (item?.fresh) {
    const shape = routeFor(ctx, 'GET', target.segments)?.resource ?? ctx.route.resource;
    const prefix = ctx.route.linkPrefix;
    item.data = decorateNew(shape, target, item.data, {
      fullName: usesFullName(ctx, target),
      linkPrefix: prefix,
    });
    item.fresh = false;
  }
  return item;
}

/** 404 unless the item the target lives under exists (checked only for resources created through the API). */
function requireParent(ctx: RequestContext, target: TargetRef): void {
  const collection = target.collection.split('/').filter((s) => s !== '');
  const parentSegments = collection.slice(0, -1);
  if (parentSegments.length < 2) return;
  const parent = targetFromSegments(target.host, parentSegments, false);
  if (!isCreatable(ctx, parent.collection.split('/'))) return;
  if (!readItem(ctx, parent)) throw notFound(`The resource '${parent.key}' was not found`);
}

function missing(target: TargetRef): never {
  throw notFound(`The resource '${target.key}' was not found`);
}

function empty(ctx: RequestContext): Reply {
  return ctx.route.successStatus === 204 ? { status: 204 } : { status: ctx.route.successStatus, json: {} };
}

/** Answers a mutation: an operation when the route documents one, else the resource (or nothing). */
function mutationReply(
  ctx: RequestContext,
  target: TargetRef,
  data: JsonObject | undefined,
  operationType: string,
): Reply {
  const { route } = ctx;
  if (route.response === 'computeOperation' || route.response === 'longrunning') {
    const type = route.resource?.ref?.split('/').pop();
    return startOperation(ctx, {
      operationType,
      target,
      result: data ?? {},
      resultType: data ? type : 'Empty',
    });
  }
  if (route.response === 'empty' || data === undefined) return empty(ctx);
  return { status: route.successStatus, json: data };
}

function inScope(item: StoredItem, query: URLSearchParams): boolean {
  if (!item.scope) return true;
  return Object.entries(item.scope).every(([k, v]) => !query.has(k) || query.get(k) === v);
}

/**
 * GET on a collection: one page of its items under the method's list key, filtered and ordered
 * when the method declares `filter`/`orderBy` and the request uses them.
 */
export function handleList(ctx: RequestContext): Reply {
  const { route, target, core, query } = ctx;
  requireParent(ctx, childOf(target, '_'));
  const shaping = listShaping(ctx);
  const prefix = route.queryParams.some((p) => p.name === 'prefix') ? query.get('prefix') : null;
  const ids = core.store
    .list(target.host, target.collection)
    .filter(([id, item]) => inScope(item, query) && (!prefix || id.startsWith(prefix)))
    .map(([id]) => id);
  const read = (id: string) => readItem(ctx, childOf(target, id))?.data as JsonObject;
  let page: JsonObject[];
  let nextPageToken: string | undefined;
  if (shaping) {
    // a filter or order needs every item's fields
    ({ page, nextPageToken } = servePage(
      shapeRows(ids.map(read), (d) => d, shaping),
      pagingQuery(ctx),
      core.settings,
    ));
  } else {
    // Page first, then read (and decorate) only the page's items: lists of 100k stay cheap.
    const paged = servePage(ids, pagingQuery(ctx), core.settings);
    page = paged.page.map(read);
    nextPageToken = paged.nextPageToken;
  }
  const out: JsonObject = {};
  if (route.responseShape?.kind) out.kind = route.responseShape.kind;
  if (route.responseShape?.props.includes('selfLink'))
    out.selfLink = linkFor(target.host, route.linkPrefix, target.segments);
  const key = route.listKey?.kind === 'plain' ? route.listKey.key : 'items';
  if (page.length > 0) out[key] = page;
  if (nextPageToken) out[NEXT_PAGE_TOKEN] = nextPageToken;
  return { status: route.successStatus, json: out };
}

/**
 * Compute aggregatedList (`projects/p/aggregated/instances`): every `projects/p/<scope>/instances`
 * collection, grouped by scope (`zones/z`, `regions/r`, `global`) as `items: {scope: {inner: [...]}}`.
 */
export function handleAggregatedList(ctx: RequestContext): Reply {
  const { route, target, core, query } = ctx;
  const shaping = listShaping(ctx);
  const at = target.segments.lastIndexOf('aggregated');
  const base = at >= 0 ? target.segments.slice(0, at) : target.segments.slice(0, -1);
  const word = target.segments[target.segments.length - 1];
  const rows: { scope: string; data: JsonObject }[] = [];
  const collections = core.store
    .collectionKeysUnder(target.host, base.join('/'))
    .map((c) => c.split('/'))
    .filter(
      (s) =>
        s.length - base.length - 1 >= 1 &&
        s.length - base.length - 1 <= 2 &&
        s[s.length - 1] === word &&
        base.every((b, i) => s[i] === b),
    )
    .sort((a, b) => (a.join('/') < b.join('/') ? -1 : 1));
  for (const segs of collections) {
    const scope = segs.slice(base.length, -1).join('/');
    const collection = targetFromSegments(target.host, segs, true);
    for (const [id, item] of core.store.list(target.host, collection.collection)) {
      if (inScope(item, query))
        rows.push({ scope, data: readItem(ctx, childOf(collection, id))?.data ?? item.data });
    }
  }
  const shaped = shaping ? shapeRows(rows, (r) => r.data, shaping) : rows;
  const { page, nextPageToken } = servePage(shaped, pagingQuery(ctx), core.settings);
  const inner = route.listKey?.kind === 'aggregated' && route.listKey.inner ? route.listKey.inner : word;
  const items: JsonObject = {};
  for (const row of page) {
    const group = recordAt(items, row.scope, () => ({ [inner]: [] })) as JsonObject;
    (group[inner] as JsonObject[]).push(row.data);
  }
  const out: JsonObject = {};
  if (route.responseShape?.kind) out.kind = route.responseShape.kind;
  if (page.length > 0) out.items = items;
  if (nextPageToken) out[NEXT_PAGE_TOKEN] = nextPageToken;
  if (route.responseShape?.props.includes('selfLink'))
    out.selfLink = linkFor(target.host, route.linkPrefix, target.segments);
  return { status: route.successStatus, json: out };
}

function isSingleton(ctx: RequestContext): boolean {
  return ctx.route.segments[ctx.route.keyEnd - 1]?.kind === 'literal';
}

/** GET on an item (operations advance one poll). Singletons that were never written read as empty. */
export function handleGet(ctx: RequestContext): Reply {
  const { target, core, route } = ctx;
  advanceOperation(core, target.host, target);
  const item = readItem(ctx, target);
  if (item) return { status: route.successStatus, json: item.data };
  if (isSingleton(ctx)) {
    requireParent(ctx, target);
    return {
      status: route.successStatus,
      json: decorateNew(route.resource, target, {}, { fullName: true, linkPrefix: route.linkPrefix }),
    };
  }
  return missing(target);
}

function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}

function checkId(id: string): string {
  if (id === '' || id.length > MAX_ID_LENGTH || hasControlCharacters(id)) {
    throw badRequest(
      `Invalid resource id '${id.length > 64 ? `${id.slice(0, 64)}…` : id}': ids must be 1-${MAX_ID_LENGTH} printable characters`,
    );
  }
  return id;
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** BigQuery style: `{datasetReference: {datasetId}}` (or a top-level `datasetId`) in the body. */
function referencedId(body: JsonObject, collectionWord: string | undefined): string | undefined {
  if (!collectionWord) return undefined;
  const one = singular(collectionWord);
  const ref = body[`${one}Reference`];
  const v = isObject(ref) ? ref[`${one}Id`] : body[`${one}Id`];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The id of a new item: the `<resource>Id` query parameter, else the body's `name` (last segment). */
function newItemTarget(ctx: RequestContext, body: JsonObject): TargetRef {
  const { route, target, query } = ctx;
  if (!route.targetIsCollection) return target;
  let id = route.idParam ? (query.get(route.idParam) ?? undefined) : undefined;
  // storage objects name themselves in a `name` query parameter (slashes allowed)
  if (!id && route.queryParams.some((p) => p.name === 'name')) id = query.get('name') ?? undefined;
  const fromQuery = id !== undefined && id !== '';
  if (!id && typeof body.name === 'string' && body.name !== '') id = body.name.split('/').pop();
  if (!id) id = referencedId(body, target.segments[target.segments.length - 1]);
  if (!id && route.idParam && !route.queryParams.find((p) => p.name === route.idParam)?.required) {
    id = `${target.segments[target.segments.length - 1]}-${Date.now().toString(36)}`;
  }
  if (!id) {
    throw badRequest(
      route.idParam
        ? `Missing required parameter: ${route.idParam}`
        : "Invalid value for field 'resource.name': ''. Must be set.",
    );
  }
  if (!fromQuery && id.includes('/')) throw badRequest(`Invalid resource id '${id}': must not contain '/'`);
  return childOf(target, checkId(id));
}

/** POST on a collection (or PUT on a new item): stores the body under the new id. */
export function handleCreate(ctx: RequestContext): Reply {
  const { route, core, query } = ctx;
  const body = jsonBody(ctx);
  const item = newItemTarget(ctx, body);
  checkId(item.id ?? '');
  requireParent(ctx, item);
  if (readItem(ctx, item)) throw alreadyExists(`The resource '${item.key}' already exists`);
  const scope: Record<string, string> = {};
  for (const p of route.queryParams) {
    const v = query.get(p.name);
    if (p.required && p.name !== route.idParam && v !== null) scope[p.name] = v;
  }
  const data = decorateNew(route.resource, item, body, {
    fullName: usesFullName(ctx, item),
    linkPrefix: route.linkPrefix,
  });
  // an operation forced to fail (fault rule) leaves nothing behind
  if (!ctx.failOperation)
    core.store.put(
      item.host,
      item.collection,
      item.id as string,
      Object.keys(scope).length ? { data, scope } : { data },
    );
  return mutationReply(ctx, item, data, route.verb);
}

function unwrap(ctx: RequestContext, raw: JsonObject): JsonObject {
  const key = ctx.route.bodyWrapperKey;
  if (key === undefined || !(key in raw)) return raw;
  const inner = raw[key];
  if (!isObject(inner)) throw badRequest(`Invalid value at '${key}': expected an object`);
  return inner;
}

/**
 * The item a PUT or PATCH changes, and its current fields: a missing item is 404, except a
 * singleton (a settings-like resource), which starts from fresh server-set fields under its parent.
 */
function itemToChange(ctx: RequestContext): { existing: StoredItem | undefined; previous: JsonObject } {
  const { route, target } = ctx;
  const existing = readItem(ctx, target);
  if (!existing) {
    if (!isSingleton(ctx)) missing(target);
    requireParent(ctx, target);
  }
  const previous =
    existing?.data ??
    decorateNew(route.resource, target, {}, { fullName: true, linkPrefix: route.linkPrefix });
  return { existing, previous };
}

/** PUT on an item: replaces its fields, keeping server-owned ones. */
export function handleUpdate(ctx: RequestContext): Reply {
  const { route, target, core } = ctx;
  const body = unwrap(ctx, jsonBody(ctx));
  const { existing, previous } = itemToChange(ctx);
  const data = touchUpdated(route.resource, keepProtected(previous, body));
  core.store.put(target.host, target.collection, target.id as string, { ...existing, data });
  return mutationReply(ctx, target, data, route.verb);
}

/** PATCH on an item: the fields of `updateMask` (query or body), else a JSON merge of the body. */
export function handlePatch(ctx: RequestContext): Reply {
  const { route, target, core, query } = ctx;
  const raw = jsonBody(ctx);
  const body = unwrap(ctx, raw);
  const { existing, previous } = itemToChange(ctx);
  const maskValue =
    query.get('updateMask') ??
    query.get('update_mask') ??
    (typeof raw.updateMask === 'string' ? raw.updateMask : undefined);
  const patched = maskValue ? applyUpdateMask(previous, body, maskValue) : mergePatch(previous, body);
  const data = touchUpdated(route.resource, keepProtected(previous, patched));
  core.store.put(target.host, target.collection, target.id as string, { ...existing, data });
  return mutationReply(ctx, target, data, route.verb);
}

/** DELETE on an item (and everything under it). */
export function handleDelete(ctx: RequestContext): Reply {
  const { target, core } = ctx;
  if (!readItem(ctx, target)) missing(target);
  core.store.delete(target.host, target.collection, target.id as string);
  core.store.progress.delete(`${target.host} ${target.key}`);
  return mutationReply(ctx, target, undefined, 'delete');
}
