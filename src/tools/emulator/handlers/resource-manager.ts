import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import { NEXT_PAGE_TOKEN, servePage } from '../../../core/http/pagination.js';
import { childOf } from '../routing/resource-names.js';
import type { Reply, RequestContext } from '../server/emulator-context.js';
import { badRequest } from '../server/google-error.js';
import { pagingQuery } from './list-query.js';
import { readItem } from './resource-handlers.js';

/** One `field:value` (or `field=value`) term of a search query. */
interface Term {
  readonly field: string;
  readonly test: (text: string) => boolean;
}

/** A case-insensitive match of `pattern`, where `*` stands for any text. */
function wildcard(pattern: string): (text: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return (text) => re.test(text);
}

/** Splits a query into terms: whitespace separates them (outside quotes); `AND` is implied. */
function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  for (const m of query.matchAll(/([A-Za-z_][\w.-]*)\s*[:=]\s*("([^"]*)"|'([^']*)'|\S+)|(\S+)/g)) {
    if (m[5] !== undefined) {
      if (m[5].toUpperCase() === 'AND') continue;
      throw badRequest(
        `Invalid value for field 'query': '${query}'. Expected field:value terms, got '${m[5]}'.`,
      );
    }
    const value = m[3] ?? m[4] ?? m[2];
    terms.push({ field: m[1], test: wildcard(value) });
  }
  return terms;
}

const CRM_FIELDS: Readonly<Record<string, Readonly<Record<string, (d: JsonObject) => unknown[]>>>> = {
  projects: {
    displayName: (d) => [d.displayName],
    name: (d) => [d.displayName],
    id: (d) => [d.projectId],
    projectId: (d) => [d.projectId],
    state: (d) => [d.state],
    lifecycleState: (d) => [d.state],
    parent: (d) => [d.parent],
    'parent.type': (d) => [String(d.parent ?? '').replace(/s\/.*$/, '')],
    'parent.id': (d) => [String(d.parent ?? '').split('/')[1]],
    labels: (d) => (isObject(d.labels) ? Object.entries(d.labels).flat() : []),
  },
  folders: {
    displayName: (d) => [d.displayName],
    state: (d) => [d.state],
    lifecycleState: (d) => [d.state],
    parent: (d) => [d.parent],
  },
  organizations: {
    domain: (d) => [d.displayName],
    displayName: (d) => [d.displayName],
    directoryCustomerId: (d) => [d.directoryCustomerId],
    state: (d) => [d.state],
  },
};

function values(collection: string, field: string, d: JsonObject): unknown[] {
  const fields = CRM_FIELDS[collection];
  if (collection === 'projects' && field.startsWith('labels.')) {
    const labels = isObject(d.labels) ? d.labels : {};
    return [labels[field.slice('labels.'.length)]];
  }
  const get = fields[field];
  if (!get)
    throw badRequest(
      `Invalid value for field 'query': unknown field '${field}' (known: ${Object.keys(fields).join(', ')}${collection === 'projects' ? ', labels.<key>' : ''}).`,
    );
  return get(d);
}

function page(ctx: RequestContext, collection: string, ids: readonly string[]): Reply {
  const { page: slice, nextPageToken } = servePage(ids, pagingQuery(ctx), ctx.core.settings);
  const out: JsonObject = {};
  if (slice.length > 0)
    out[collection] = slice.map((id) => readItem(ctx, childOf(ctx.target, id))?.data as JsonObject);
  if (nextPageToken) out[NEXT_PAGE_TOKEN] = nextPageToken;
  return { status: ctx.route.successStatus, json: out };
}

/**
 * `projects.list` / `folders.list`: the direct children of `parent`, ACTIVE ones only unless
 * `showDeleted=true` (a request without `parent` lists every one, as the emulator always did).
 */
function listChildren(ctx: RequestContext, collection: string): Reply {
  const parent = ctx.query.get('parent');
  const showDeleted = ctx.query.get('showDeleted') === 'true';
  const ids = ctx.core.store
    .list(ctx.route.host, collection)
    .filter(
      ([, { data }]) =>
        (parent === null || data.parent === parent) &&
        (showDeleted || data.state === undefined || data.state === 'ACTIVE'),
    )
    .map(([id]) => id);
  return page(ctx, collection, ids);
}

/**
 * `projects.search` / `folders.search` / `organizations.search`: every item of any state matching
 * all terms of `query` (`parent:folders/1 state:ACTIVE labels.env:prod`, `*` wildcards, case
 * ignored). Projects the caller is denied are not found, as Google returns only those it may get.
 */
function search(ctx: RequestContext, collection: string): Reply {
  const terms = parseQuery(ctx.query.get('query') ?? '');
  const denied = ctx.core.store.deniedProjects;
  const ids = ctx.core.store
    .list(ctx.route.host, collection)
    .filter(
      ([id, { data }]) =>
        !(collection === 'projects' && denied.has(id)) &&
        terms.every((t) => values(collection, t.field, data).some((v) => typeof v === 'string' && t.test(v))),
    )
    .map(([id]) => id);
  return page(ctx, collection, ids);
}

/** Resource Manager reads that follow the hierarchy (list by parent, search); undefined for the rest. */
export function handleResourceManager(ctx: RequestContext): Reply | undefined {
  const { route, target } = ctx;
  if (target.id !== undefined) return undefined;
  const collection = target.collection;
  if (route.kind === 'list' && (collection === 'projects' || collection === 'folders'))
    return listChildren(ctx, collection);
  if (route.kind === 'custom' && route.customVerb === 'search' && collection in CRM_FIELDS)
    return search(ctx, collection);
  return undefined;
}
