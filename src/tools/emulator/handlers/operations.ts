import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { linkFor, segmentAfter, type TargetRef } from '../routing/resource-names.js';
import type { RouteSpec } from '../routing/route-spec.js';
import { type EmulatorCore, numericId, type Reply, type RequestContext } from '../server/emulator-context.js';
import { statusName } from '../server/google-error.js';

const VERSION_SEGMENT = /^v\d+[a-z0-9]*$/;

/** What an operation reports when done. */
export interface OperationOutcome {
  /** The operation type / method word: `insert`, `delete`, `start`… */
  readonly operationType: string;
  /** The resource the operation changed. */
  readonly target: TargetRef;
  /** AIP-151: the method's result (the created resource, or `{}`). */
  readonly result?: JsonObject;
  readonly resultType?: string;
}

function compactTime(): string {
  return new Date().toISOString();
}

/** Where compute keeps an operation about `target`: zonal, regional or global. */
function computeScope(target: TargetRef): string[] {
  const project = segmentAfter(target.segments, 'projects');
  const zone = segmentAfter(target.segments, 'zones');
  const region = segmentAfter(target.segments, 'regions');
  if (project === undefined) return ['locations', 'global'];
  if (zone !== undefined) return ['projects', project, 'zones', zone];
  if (region !== undefined) return ['projects', project, 'regions', region];
  return ['projects', project, 'global'];
}

/**
 * The parent of an AIP-151 operation about `target`: the documented operations collection whose
 * parent matches the longest prefix of the target's name (`projects/p/locations/l/datasets/d` for
 * healthcare), else `projects/p/locations/l`, else `projects/p`.
 */
function operationsParent(operationRoutes: readonly RouteSpec[], target: TargetRef): string[] {
  let best: string[] | undefined;
  for (const r of operationRoutes) {
    const parent = r.segments.slice(r.keyStart, r.segments.length - 2);
    if (parent.length > target.segments.length || (best && parent.length <= best.length)) continue;
    const ok = parent.every((seg, i) =>
      seg.kind === 'literal' ? seg.text === target.segments[i] : target.segments[i] !== '',
    );
    if (ok) best = target.segments.slice(0, parent.length);
  }
  if (best) return best;
  const s = target.segments;
  if (s[0] === 'projects' && s[2] === 'locations' && s.length >= 4) return s.slice(0, 4);
  if (s[0] === 'projects' && s.length >= 2) return s.slice(0, 2);
  return [];
}

/** `type.googleapis.com/google.cloud.<service>.<version>.<Type>` (an approximation of the proto package). */
function typeUrl(route: RouteSpec, type: string): string {
  const version =
    route.linkPrefix
      .split('/')
      .reverse()
      .find((s) => VERSION_SEGMENT.test(s)) ?? 'v1';
  return `type.googleapis.com/google.cloud.${route.service}.${version}.${type}`;
}

function computeOperation(ctx: RequestContext, outcome: OperationOutcome): Reply {
  const { core, route } = ctx;
  const host = route.host;
  const name = `operation-${Date.now()}-${randomBytes(6).toString('hex')}`;
  // compute keeps operations per zone / region / global; other APIs of this style (sqladmin) under
  // the documented operations collection
  let scope = computeScope(outcome.target);
  const served = ctx.hostRoutes.match('GET', [
    ...route.linkPrefix.split('/').filter(Boolean),
    ...scope,
    'operations',
    name,
  ]);
  if (!served.route) scope = operationsParent(ctx.hostRoutes.operationRoutes, outcome.target);
  const segments = [...scope, 'operations', name];
  const now = compactTime();
  const targetItem =
    outcome.target.id !== undefined
      ? core.store.get(host, outcome.target.collection, outcome.target.id)
      : undefined;
  const data: JsonObject = {
    kind: route.responseShape?.kind ?? 'compute#operation',
    id: numericId(),
    name,
    operationType: outcome.operationType,
    targetLink: linkFor(host, route.linkPrefix, outcome.target.segments),
    targetId: typeof targetItem?.data.id === 'string' ? targetItem.data.id : numericId(),
    status: 'PENDING',
    user: ctx.principal ?? 'emulator@skyql.local',
    progress: 0,
    insertTime: now,
    startTime: now,
    selfLink: linkFor(host, route.linkPrefix, segments),
  };
  if (scope[2] === 'zones') data.zone = linkFor(host, route.linkPrefix, scope);
  if (scope[2] === 'regions') data.region = linkFor(host, route.linkPrefix, scope);
  const done: JsonObject = { ...data, status: 'DONE', progress: 100, endTime: now };
  if (ctx.failOperation) {
    const { code, message } = ctx.failOperation;
    done.error = { errors: [{ code: statusName(code), message }] };
    done.httpErrorStatusCode = code;
    done.httpErrorMessage = statusName(code);
  }
  return store(ctx, core, segments, data, done, 'compute');
}

function longRunningOperation(ctx: RequestContext, outcome: OperationOutcome): Reply {
  const { core, route } = ctx;
  const parent = operationsParent(ctx.hostRoutes.operationRoutes, outcome.target);
  const id = `operation-${Date.now()}-${randomBytes(6).toString('hex')}`;
  const segments = [...parent, 'operations', id];
  const metadata: JsonObject = {
    '@type': typeUrl(route, 'OperationMetadata'),
    apiMethodName: route.operationId,
    createTime: compactTime(),
    target: outcome.target.key,
    verb: outcome.operationType,
  };
  const data: JsonObject = { name: segments.join('/'), metadata };
  const done: JsonObject = { ...data, metadata: { ...metadata, endTime: compactTime() }, done: true };
  if (ctx.failOperation) {
    done.error = { code: grpcCode(ctx.failOperation.code), message: ctx.failOperation.message };
  } else {
    done.response = { '@type': typeUrl(route, outcome.resultType ?? 'Empty'), ...(outcome.result ?? {}) };
  }
  return store(ctx, core, segments, data, done, 'longrunning');
}

function store(
  ctx: RequestContext,
  core: EmulatorCore,
  segments: string[],
  pending: JsonObject,
  done: JsonObject,
  style: 'compute' | 'longrunning',
): Reply {
  const host = ctx.route.host;
  const collection = segments.slice(0, -1).join('/');
  const id = segments[segments.length - 1];
  const needed = Math.max(0, Math.floor(core.settings.operationPolls));
  if (needed === 0) {
    core.store.put(host, collection, id, { data: done });
    return { status: ctx.route.successStatus, json: done };
  }
  core.store.put(host, collection, id, { data: pending });
  core.store.progress.set(`${host} ${segments.join('/')}`, { style, polls: 0, needed, done });
  return { status: ctx.route.successStatus, json: pending };
}

/** Answers a mutation with an operation in the route's documented style. */
export function startOperation(ctx: RequestContext, outcome: OperationOutcome): Reply {
  return ctx.route.response === 'computeOperation'
    ? computeOperation(ctx, outcome)
    : longRunningOperation(ctx, outcome);
}

/**
 * One poll of a pending operation: compute ones go PENDING → RUNNING → DONE, AIP ones report
 * `done` (with `response` or `error`) after the configured number of polls. `finish` ends it now
 * (compute `wait`).
 */
export function advanceOperation(core: EmulatorCore, host: string, target: TargetRef, finish = false): void {
  const key = `${host} ${target.key}`;
  const p = core.store.progress.get(key);
  if (!p || target.id === undefined) return;
  const item = core.store.get(host, target.collection, target.id);
  if (!item) {
    core.store.progress.delete(key);
    return;
  }
  p.polls++;
  if (finish || p.polls >= p.needed) {
    item.data = p.done;
    core.store.progress.delete(key);
  } else if (p.style === 'compute') {
    item.data = { ...item.data, status: 'RUNNING', progress: Math.floor((100 * p.polls) / p.needed) };
  }
}

/** Cancels a pending AIP operation: done, with a CANCELLED error. */
export function cancelOperation(core: EmulatorCore, host: string, target: TargetRef): boolean {
  const key = `${host} ${target.key}`;
  const p = core.store.progress.get(key);
  if (!p || target.id === undefined) return false;
  const item = core.store.get(host, target.collection, target.id);
  core.store.progress.delete(key);
  if (!item) return false;
  const { response: _r, ...rest } = p.done;
  item.data =
    p.style === 'compute'
      ? { ...p.done, error: { errors: [{ code: 'CANCELLED', message: 'Operation was cancelled' }] } }
      : { ...rest, error: { code: 1, message: 'Operation was cancelled' } };
  return true;
}

/** Completes every pending operation (before the state is saved). */
export function finishAllOperations(core: EmulatorCore): void {
  for (const [key, p] of [...core.store.progress]) {
    const space = key.indexOf(' ');
    const host = key.slice(0, space);
    const segments = key.slice(space + 1).split('/');
    const item = core.store.get(host, segments.slice(0, -1).join('/'), segments[segments.length - 1]);
    if (item) item.data = p.done;
    core.store.progress.delete(key);
  }
}

/** gRPC code for an HTTP status (google.rpc.Status.code). */
function grpcCode(http: number): number {
  const map: Record<number, number> = {
    400: 3,
    401: 16,
    403: 7,
    404: 5,
    409: 6,
    412: 9,
    429: 8,
    499: 1,
    500: 13,
    501: 12,
    503: 14,
    504: 4,
  };
  return map[http] ?? 2;
}
