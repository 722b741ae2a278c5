import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import type { RequestContext } from '../server/emulator-context.js';
import { ApiError, notFound } from '../server/google-error.js';
import type { StateStore } from '../state/state-store.js';

/** The emulator's projects are Resource Manager's: the `projects` collection of this host. */
export const PROJECTS_HOST = 'cloudresourcemanager.googleapis.com';
const PROJECTS = 'projects';

/**
 * What Google answers when a request names a project that does not exist, per API: Compute,
 * Storage, BigQuery and Pub/Sub say 404 in their own words; APIs behind the common front end
 * answer 403 without saying whether the project exists.
 */
const UNKNOWN_PROJECT: Readonly<Record<string, (project: string) => ApiError>> = {
  'compute.googleapis.com': (p) => notFound(`The resource 'projects/${p}' was not found`),
  'storage.googleapis.com': () => notFound('The requested project was not found.'),
  'bigquery.googleapis.com': (p) => notFound(`Not found: Project ${p}`),
  'pubsub.googleapis.com': (p) =>
    notFound(
      `Requested project not found or user does not have access to it (project=${p}). Make sure to specify the unique project identifier and not the Google Cloud Console display name.`,
    ),
};

function permissionDenied(project: string): ApiError {
  return new ApiError(403, `Permission denied on resource project ${project}.`);
}

/** True when the store holds project `p`, by id, `projectId`, `projectNumber` or `projects/<n>` name. */
export function isKnownProject(store: StateStore, p: string): boolean {
  if (store.get(PROJECTS_HOST, PROJECTS, p)) return true;
  return store
    .list(PROJECTS_HOST, PROJECTS)
    .some(
      ([, { data }]) => data.projectId === p || data.projectNumber === p || data.name === `projects/${p}`,
    );
}

/** The project a request is scoped to: its key's `projects/<p>`, or Storage's `project` query parameter. */
export function requestProject(ctx: RequestContext): string | undefined {
  const { target, route, query } = ctx;
  if (target.segments[0] === 'projects' && target.segments.length > 1) return target.segments[1];
  if (route.queryParams.some((p) => p.name === 'project')) return query.get('project') ?? undefined;
  return undefined;
}

/**
 * Answers as Google does when a request names a project the emulator does not know (seed it, or
 * create it through Resource Manager). Resource Manager's own routes manage projects and are not
 * checked; `-` (any project) passes.
 */
export function requireKnownProject(ctx: RequestContext): void {
  if (ctx.route.host === PROJECTS_HOST) return;
  const project = requestProject(ctx);
  if (project === undefined || project === '-' || isKnownProject(ctx.core.store, project)) return;
  throw (UNKNOWN_PROJECT[ctx.route.host] ?? permissionDenied)(project);
}

/**
 * A seed that holds resources of a project declares that project: each project its keys
 * (`projects/<p>/...`, outside Resource Manager) or scopes (`{project: p}`) name is added to
 * Resource Manager as an ACTIVE project unless it is there already.
 */
export function addSeededProjects(
  store: StateStore,
  keys: Iterable<string>,
  scopes: Iterable<Readonly<Record<string, string>>>,
): void {
  const named = new Set<string>();
  for (const key of keys) {
    const m = /^\/*projects\/([^/]+)/.exec(key);
    if (m && m[1] !== '-') named.add(m[1]);
  }
  for (const s of scopes) if (typeof s.project === 'string') named.add(s.project);
  for (const p of named) {
    if (isKnownProject(store, p)) continue;
    const data: JsonObject = { projectId: p, displayName: p, state: 'ACTIVE' };
    store.put(PROJECTS_HOST, PROJECTS, p, { data, fresh: true });
  }
}
