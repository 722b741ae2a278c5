import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import type { TargetRef } from '../routing/resource-names.js';
import type { RouteSpec } from '../routing/route-spec.js';
import type { HostRoutes, RouteTable } from '../routing/route-table.js';
import type { StateStore } from '../state/state-store.js';
import { badRequest } from './google-error.js';
import type { QuotaTracker } from './quota.js';

/** Behaviour settings, changeable at run time through the admin API. */
export interface EmulatorSettings {
  /** How many GETs of an operation it takes to report done (0 = done at once). */
  operationPolls: number;
  /** Page size when a list request names none. */
  defaultPageSize: number;
  maxPageSize: number;
  /** Lifetime of issued access tokens. */
  tokenLifetimeSeconds: number;
  /** Require `Authorization: Bearer` on API calls. */
  auth: boolean;
}

export const DEFAULT_SETTINGS: Readonly<EmulatorSettings> = {
  operationPolls: 1,
  defaultPageSize: 100,
  maxPageSize: 1000,
  tokenLifetimeSeconds: 3600,
  auth: true,
};

/** What every handler shares: state, settings, routes and the emulator's public URL. */
export interface EmulatorCore {
  readonly store: StateStore;
  readonly settings: EmulatorSettings;
  readonly routes: RouteTable;
  /** Rate quotas and the per-consumer request counters. */
  readonly quota: QuotaTracker;
  /** `http://127.0.0.1:PORT`, known once listening. */
  baseUrl: string;
}

/** An operation outcome forced by a fault rule. */
export interface OperationFailure {
  readonly code: number;
  readonly message: string;
}

/** One API request, matched to its route. */
export interface RequestContext {
  readonly core: EmulatorCore;
  readonly hostRoutes: HostRoutes;
  readonly route: RouteSpec;
  readonly target: TargetRef;
  /** Decoded request path segments after the host. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly contentType: string;
  readonly body: Buffer;
  readonly principal: string | undefined;
  readonly failOperation: OperationFailure | undefined;
}

/** What a handler answers. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The request body as a JSON object (`{}` when empty); 400 INVALID_ARGUMENT otherwise. */
export function jsonBody(ctx: RequestContext): JsonObject {
  const text = ctx.body.toString('utf8').trim();
  if (text === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw badRequest(`Invalid JSON payload received. ${(err as Error).message}`);
  }
  if (!isObject(v)) throw badRequest('Invalid JSON payload received. Expected an object at the top level.');
  return v;
}

/** A fresh opaque etag. */
export function newEtag(): string {
  return randomBytes(8).toString('base64');
}

let idCounter = 0;
/** A numeric id like compute's (`uint64` as a decimal string). */
export function numericId(): string {
  idCounter = (idCounter + 1) % 1000;
  return `${Date.now()}${String(idCounter).padStart(3, '0')}${randomBytes(2).readUInt16BE(0) % 1000}`;
}

/** Segments of the route's link prefix (`/compute/v1` → ['compute', 'v1']). */
function prefixSegments(route: RouteSpec): string[] {
  return route.linkPrefix.split('/').filter((s) => s !== '');
}

/** The route serving `method` on a key of the same API as `ctx.route`, if any. */
export function routeFor(
  ctx: RequestContext,
  method: string,
  keySegments: readonly string[],
): RouteSpec | undefined {
  const m = ctx.hostRoutes.match(method, [...prefixSegments(ctx.route), ...keySegments]);
  return m.route;
}

/** True when items of this collection are created through the API (so they must exist to be used). */
export function isCreatable(ctx: RequestContext, collectionSegments: readonly string[]): boolean {
  if (collectionSegments.length === 0) return false;
  if (routeFor(ctx, 'POST', collectionSegments)?.kind === 'create') return true;
  return routeFor(ctx, 'PUT', [...collectionSegments, 'x'])?.kind === 'create';
}

/**
 * AIP resources carry their full resource name in `name` (`projects/p/topics/t`); compute and
 * storage carry the short id. Decided by the item route's variable: `{topicsId}` after `topics`.
 */
export function usesFullName(ctx: RequestContext, item: TargetRef): boolean {
  const get = routeFor(ctx, 'GET', item.segments) ?? routeFor(ctx, 'DELETE', item.segments) ?? ctx.route;
  const last = get.segments[get.segments.length - 1];
  const prev = get.segments[get.segments.length - 2];
  if (last?.kind === 'var' && prev?.kind === 'literal') return last.name === `${prev.text}Id`;
  return !(get.resource?.props.includes('selfLink') || get.resource?.kind);
}
