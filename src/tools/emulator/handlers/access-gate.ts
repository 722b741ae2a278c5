import type { IncomingHttpHeaders } from 'node:http';
import { iamPermissionDenied, rateLimitExceeded, serviceDisabled } from '../server/access-errors.js';
import type { RequestContext } from '../server/emulator-context.js';
import { PROJECTS_HOST, requestProject } from './known-projects.js';

/** `name@<project>.iam.gserviceaccount.com` → the project. */
const SERVICE_ACCOUNT = /@([a-z][a-z0-9-]*[a-z0-9])\.iam\.gserviceaccount\.com$/;

/**
 * The project a request names: its key's `projects/<p>` or Storage's `project` parameter, else for
 * a bucket (`b/<name>/...`) the project the bucket was created in.
 */
export function targetProject(ctx: RequestContext): string | undefined {
  const project = requestProject(ctx);
  if (project !== undefined || ctx.target.segments[0] !== 'b' || ctx.target.segments.length < 2)
    return project;
  const bucket = ctx.target.segments[1];
  const stored = ctx.core.store.get(ctx.route.host, 'b', bucket)?.scope?.project;
  return stored ?? ctx.core.store.lazy?.bucketProject(bucket);
}

/**
 * The consumer (quota) project of a request, as Google picks it: the `x-goog-user-project` header,
 * else the project of the calling service account; `undefined` when neither says.
 */
export function consumerProject(
  headers: IncomingHttpHeaders,
  principal: string | undefined,
): string | undefined {
  const header = headers['x-goog-user-project'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  return principal ? SERVICE_ACCOUNT.exec(principal)?.[1] : undefined;
}

/** How Google names a project in these errors: its number when the emulator knows one, else its id. */
function container(ctx: RequestContext, project: string): string {
  const data = ctx.core.store.get(PROJECTS_HOST, 'projects', project)?.data;
  if (typeof data?.projectNumber === 'string') return data.projectNumber;
  const m = typeof data?.name === 'string' ? /^projects\/(\d+)$/.exec(data.name) : null;
  return m ? m[1] : project;
}

const VERBS: Readonly<Record<string, string>> = {
  list: 'list',
  aggregatedList: 'list',
  get: 'get',
  create: 'create',
  update: 'update',
  patch: 'update',
  delete: 'delete',
};

const STORAGE_WORDS: Readonly<Record<string, string>> = { b: 'buckets', o: 'objects' };

/** The IAM permission a request needs, as Google names it (`compute.instances.list`). */
export function permissionFor(ctx: RequestContext): string {
  const { route, target } = ctx;
  const service = route.service === 'cloudresourcemanager' ? 'resourcemanager' : route.service;
  const words = target.id === undefined ? target.segments : target.segments.slice(0, -1);
  const word = words[words.length - 1] ?? route.service;
  // Storage's paths abbreviate its collections
  const collection = service === 'storage' ? (STORAGE_WORDS[word] ?? word) : word;
  const verb = VERBS[route.kind] ?? route.customVerb ?? route.verb;
  return `${service}.${collection}.${verb}`;
}

/**
 * What Google's front end checks before an API serves a request, in its order: the consumer's API
 * is enabled, the rate quotas (`--quota`), the target project's API is enabled, the caller may act
 * on the target project. Throws the Google-shaped error of the first check that fails.
 */
export function checkAccess(
  ctx: RequestContext,
  headers: IncomingHttpHeaders,
  project: string | undefined,
): void {
  const { core, route } = ctx;
  const { store } = core;
  const service = route.host;
  const consumer = consumerProject(headers, ctx.principal);
  if (consumer !== undefined && store.disabledServices.get(consumer)?.has(service))
    throw serviceDisabled(service, container(ctx, consumer));
  const throttle = core.quota.admit({
    service,
    consumer: consumer === undefined ? 'anonymous' : `projects/${consumer}`,
    project,
  });
  if (throttle) {
    const { rule, waitMs } = throttle;
    const who = rule.scope === 'consumer' ? consumer : project;
    throw rateLimitExceeded({
      service,
      consumer: who === undefined ? 'projects/anonymous' : `projects/${container(ctx, who)}`,
      limit: rule.limit,
      per: rule.per,
      answer: rule.answer,
      retryAfterSeconds:
        rule.answer === 'RESOURCE_EXHAUSTED' && rule.retryAfter
          ? Math.max(1, Math.ceil(waitMs / 1000))
          : undefined,
    });
  }
  if (project === undefined) return;
  if (store.disabledServices.get(project)?.has(service))
    throw serviceDisabled(service, container(ctx, project));
  if (store.deniedProjects.has(project))
    throw iamPermissionDenied(service, permissionFor(ctx), `projects/${project}`);
}
