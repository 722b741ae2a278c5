import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import {
  isCreatable,
  jsonBody,
  type Reply,
  type RequestContext,
  routeFor,
} from '../server/emulator-context.js';
import { notFound } from '../server/google-error.js';
import { advanceOperation, cancelOperation, startOperation } from './operations.js';
import { touchUpdated } from './resource-decorator.js';
import { readItem } from './resource-handlers.js';

/** Lifecycle verbs and the `status` they leave a resource in. */
const STATUS_AFTER: Readonly<Record<string, string>> = {
  start: 'RUNNING',
  resume: 'RUNNING',
  reset: 'RUNNING',
  stop: 'TERMINATED',
  suspend: 'SUSPENDED',
};

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function queryValue(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

/**
 * `set<Field>` verbs write that field: from the body's property of the same name (`setLabels`
 * `{labels}`), else the whole body (`setMetadata` takes a Metadata), else a query parameter
 * (`setDeletionProtection?deletionProtection=true`).
 */
function applySetter(
  verb: string,
  data: JsonObject,
  body: JsonObject,
  query: URLSearchParams,
  props: readonly string[],
): JsonObject | undefined {
  const m = /^set([A-Z].*)$/.exec(verb);
  if (!m) return undefined;
  const field = lowerFirst(m[1]);
  if (field in body) return { ...data, [field]: body[field] };
  const known = field in data || props.includes(field);
  if (known && Object.keys(body).length > 0) return { ...data, [field]: body };
  const q = query.get(field);
  if (q !== null) return { ...data, [field]: queryValue(q) };
  return undefined;
}

/**
 * Custom methods (`:verb`, compute's `/verb`): operations' `wait` and `cancel`, lifecycle verbs that
 * change `status`, `set<Field>` setters; any other verb leaves the state alone. The answer follows
 * the documented response: an operation, the resource itself, or an empty object of its kind.
 */
export function handleCustom(ctx: RequestContext): Reply {
  const { route, target, core, query } = ctx;
  const verb = route.customVerb ?? route.verb;
  const isItem = !route.targetIsCollection && target.id !== undefined;
  const itemRoute = isItem ? routeFor(ctx, 'GET', target.segments) : undefined;
  let existing = isItem ? readItem(ctx, target) : undefined;
  if (
    isItem &&
    !existing &&
    (isCreatable(ctx, target.collection.split('/')) ||
      core.store.progress.has(`${target.host} ${target.key}`))
  ) {
    throw notFound(`The resource '${target.key}' was not found`);
  }
  const body = ctx.body.length > 0 && route.method !== 'GET' ? jsonBody(ctx) : {};
  if (verb === 'wait' && existing) {
    advanceOperation(core, target.host, target, true);
    return { status: route.successStatus, json: readItem(ctx, target)?.data ?? existing.data };
  }
  if (verb === 'cancel' && existing) {
    cancelOperation(core, target.host, target);
    return route.successStatus === 204 ? { status: 204 } : { status: route.successStatus, json: {} };
  }
  if (existing && route.method !== 'GET') {
    let next = applySetter(verb, existing.data, body, query, itemRoute?.resource?.props ?? []);
    const hasStatus =
      typeof existing.data.status === 'string' || itemRoute?.resource?.props.includes('status') === true;
    if (STATUS_AFTER[verb] && hasStatus) next = { ...(next ?? existing.data), status: STATUS_AFTER[verb] };
    if (next) {
      existing = { ...existing, data: touchUpdated(itemRoute?.resource, next) };
      core.store.put(target.host, target.collection, target.id as string, existing);
    }
  }
  switch (route.response) {
    case 'computeOperation':
    case 'longrunning':
      return startOperation(ctx, {
        operationType: verb,
        target,
        result: existing?.data ?? {},
        resultType: itemRoute?.resource?.ref?.split('/').pop(),
      });
    case 'empty':
      return route.successStatus === 204 ? { status: 204 } : { status: route.successStatus, json: {} };
    default: {
      const sameSchema =
        existing &&
        route.responseShape?.ref !== undefined &&
        route.responseShape.ref === itemRoute?.resource?.ref;
      if (sameSchema && existing) return { status: route.successStatus, json: existing.data };
      const out: JsonObject = {};
      if (route.responseShape?.kind) out.kind = route.responseShape.kind;
      if (
        isObject(body) &&
        route.responseShape?.props.includes('permissions') &&
        Array.isArray(body.permissions)
      )
        out.permissions = body.permissions;
      return { status: route.successStatus, json: out };
    }
  }
}
