import type { IncomingHttpHeaders } from 'node:http';
import { handleDicomWeb } from '../dicom/dicom-web.js';
import { checkAccess, targetProject } from '../handlers/access-gate.js';
import { handleCustom } from '../handlers/custom-methods.js';
import { handleIam } from '../handlers/iam-policies.js';
import { PROJECTS_HOST, requireKnownProject } from '../handlers/known-projects.js';
import {
  handleAggregatedList,
  handleCreate,
  handleDelete,
  handleGet,
  handleList,
  handlePatch,
  handleUpdate,
} from '../handlers/resource-handlers.js';
import { handleResourceManager } from '../handlers/resource-manager.js';
import type { EmulatorCore, OperationFailure, Reply, RequestContext } from '../server/emulator-context.js';
import { ApiError, badRequest, notFound } from '../server/google-error.js';
import { targetOf } from './resource-names.js';

/** An API request after the host segment has been split off. */
export interface ApiRequest {
  readonly method: string;
  readonly host: string;
  /** Decoded path segments after the host. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly principal: string | undefined;
  readonly failOperation: OperationFailure | undefined;
}

const MAX_SEGMENT = 4096;

/** Routes an API call through the host's compiled routes to its handler. */
/** Google's 404 for a host no served service lives on. */
function unknownHost(core: EmulatorCore, host: string): ApiError {
  return notFound(
    `Unknown service host '${host}': no service of ${core.routes.provider.name} ${core.routes.provider.version} is served from it`,
  );
}

/**
 * A 404 for a request to a host the emulator does not serve, or undefined when it serves it:
 * checked before authentication, so a token request sent to a wrong host hears "not found"
 * (the URL is wrong), not "unauthenticated" (the key is wrong).
 */
export function unservedHostError(
  core: EmulatorCore,
  host: string,
  segments: readonly string[],
): ApiError | undefined {
  if (core.routes.forHost(host) || core.routes.aliasFor(host, segments)) return undefined;
  return unknownHost(core, host);
}

export function dispatchApi(core: EmulatorCore, req: ApiRequest): Reply {
  if (req.segments.some((s) => s.length > MAX_SEGMENT)) {
    throw badRequest(`A path segment is longer than ${MAX_SEGMENT} characters`);
  }
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  let hostRoutes = core.routes.forHost(req.host);
  let match = hostRoutes?.match(method, req.segments);
  // legacy links (`https://www.googleapis.com/compute/v1/...`) are served by the API of their base path
  const alias = match?.route ? undefined : core.routes.aliasFor(req.host, req.segments);
  if (alias) {
    hostRoutes = core.routes.forHost(alias);
    match = hostRoutes?.match(method, req.segments);
  }
  if (!hostRoutes || !match) throw unknownHost(core, req.host);
  if (!match.route) {
    const path = `/${req.host}/${req.segments.join('/')}`;
    if (match.pathExists)
      throw new ApiError(405, `Method ${req.method} is not allowed for ${path}`, { status: 'UNIMPLEMENTED' });
    throw notFound(`The requested URL ${path} was not found on this server.`);
  }
  const route = match.route;
  for (const p of route.queryParams) {
    if (p.required && !req.query.has(p.name)) throw badRequest(`Required parameter: ${p.name}`);
  }
  const ctx: RequestContext = {
    core,
    hostRoutes,
    route,
    target: targetOf(route, req.segments),
    segments: req.segments,
    query: req.query,
    contentType: String(req.headers['content-type'] ?? ''),
    body: req.body,
    principal: req.principal,
    failOperation: req.failOperation,
  };
  const project = targetProject(ctx);
  // the sample organisation's projects get their resources the first time they are named
  if (project !== undefined) core.store.lazy?.ensureProject(core.store, project);
  checkAccess(ctx, req.headers, project);
  requireKnownProject(ctx);
  if (route.host === PROJECTS_HOST) {
    const reply = handleResourceManager(ctx);
    if (reply) return reply;
  }
  switch (route.kind) {
    case 'list':
      return handleList(ctx);
    case 'aggregatedList':
      return handleAggregatedList(ctx);
    case 'get':
      return handleGet(ctx);
    case 'create':
      return handleCreate(ctx);
    case 'update':
      return handleUpdate(ctx);
    case 'patch':
      return handlePatch(ctx);
    case 'delete':
      return handleDelete(ctx);
    case 'getIamPolicy':
    case 'setIamPolicy':
    case 'testIamPermissions':
      return handleIam(ctx);
    case 'dicomWeb':
      return handleDicomWeb(ctx);
    default:
      return handleCustom(ctx);
  }
}
