import { ApiError, type LegacyErrorEntry } from './google-error.js';

/**
 * The errors Google's API front end answers before a request reaches its service: the API is not
 * enabled for the project, the caller lacks the permission, the consumer ran out of rate quota.
 *
 * Shapes follow what Google sends, as recorded in public reports and in the `google.api.ErrorReason`
 * reference (cloud.google.com/java/docs/reference/proto-google-common-protos, ErrorReason):
 * - SERVICE_DISABLED: a 403 PERMISSION_DENIED whose `details` hold an ErrorInfo (reason
 *   SERVICE_DISABLED, domain googleapis.com, metadata service/consumer/activationUrl/serviceTitle/
 *   containerInfo), a LocalizedMessage and a Help link "Google developers console API activation";
 *   APIs of the v1 family (Compute, Storage…) also carry `errors: [{domain: usageLimits, reason:
 *   accessNotConfigured, extendedHelp}]` (bodies quoted in google-gemini/gemini-cli and
 *   easyappointments reports, and the ScoutSuite/fog issues for Compute's message).
 * - IAM_PERMISSION_DENIED: "Permission 'x.y.z' denied on resource '//host/name' (or it may not
 *   exist).", ErrorInfo domain = the API, metadata permission/resource (Artifact Registry and
 *   Gemini reports); Compute says "Required 'compute.instances.list' permission for 'projects/p'"
 *   with `errors[].reason: forbidden`.
 * - RATE_LIMIT_EXCEEDED: 429 RESOURCE_EXHAUSTED, "Quota exceeded for quota metric 'M' and limit 'L'
 *   of service 'S' for consumer 'project_number:N'.", ErrorInfo metadata quota_metric, quota_limit,
 *   quota_limit_value, quota_location, quota_unit, service, consumer (ErrorReason docs, YouTube and
 *   Gemini reports), plus a Help link to request more quota; v1-family APIs answer 403 with
 *   `errors[].reason` rateLimitExceeded / userRateLimitExceeded (domain usageLimits) instead.
 */

/** APIs that still send the legacy `errors[]` list beside `status` and `details`. */
const LEGACY_HOSTS: ReadonlySet<string> = new Set([
  'compute.googleapis.com',
  'storage.googleapis.com',
  'bigquery.googleapis.com',
  'www.googleapis.com',
  'sqladmin.googleapis.com',
  'dns.googleapis.com',
]);

/** Titles Google gives its APIs in these messages (others: `<host> API`). */
const TITLES: Readonly<Record<string, string>> = {
  'compute.googleapis.com': 'Compute Engine API',
  'storage.googleapis.com': 'Cloud Storage JSON API',
  'iam.googleapis.com': 'Identity and Access Management (IAM) API',
  'cloudresourcemanager.googleapis.com': 'Cloud Resource Manager API',
  'pubsub.googleapis.com': 'Cloud Pub/Sub API',
  'bigquery.googleapis.com': 'BigQuery API',
  'healthcare.googleapis.com': 'Cloud Healthcare API',
  'serviceusage.googleapis.com': 'Service Usage API',
  'cloudasset.googleapis.com': 'Cloud Asset API',
};

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const HELP = 'type.googleapis.com/google.rpc.Help';
const LOCALIZED = 'type.googleapis.com/google.rpc.LocalizedMessage';

/** True for APIs whose errors carry the legacy `errors[]` list. */
export function isLegacyErrorHost(host: string): boolean {
  return LEGACY_HOSTS.has(host);
}

function legacy(host: string, entry: LegacyErrorEntry): readonly LegacyErrorEntry[] | false {
  return isLegacyErrorHost(host) ? [entry] : false;
}

/**
 * 403 SERVICE_DISABLED: `service` is not enabled in the project `container` (its number when
 * known, as Google writes it).
 */
export function serviceDisabled(service: string, container: string): ApiError {
  const title = TITLES[service] ?? `${service} API`;
  const url = `https://console.developers.google.com/apis/api/${service}/overview?project=${container}`;
  const message = `${title} has not been used in project ${container} before or it is disabled. Enable it by visiting ${url} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
  return new ApiError(403, message, {
    status: 'PERMISSION_DENIED',
    reason: 'accessNotConfigured',
    errors: legacy(service, {
      message,
      domain: 'usageLimits',
      reason: 'accessNotConfigured',
      extendedHelp: 'https://console.developers.google.com',
    }),
    details: [
      {
        '@type': ERROR_INFO,
        reason: 'SERVICE_DISABLED',
        domain: 'googleapis.com',
        metadata: {
          service,
          consumer: `projects/${container}`,
          activationUrl: url,
          serviceTitle: title,
          containerInfo: container,
        },
      },
      { '@type': LOCALIZED, locale: 'en-US', message },
      { '@type': HELP, links: [{ description: 'Google developers console API activation', url }] },
    ],
  });
}

/** 403 IAM_PERMISSION_DENIED: the caller lacks `permission` on `resource` (`projects/p`). */
export function iamPermissionDenied(service: string, permission: string, resource: string): ApiError {
  const compute = service === 'compute.googleapis.com';
  const message = compute
    ? `Required '${permission}' permission for '${resource}'`
    : `Permission '${permission}' denied on resource '//${service}/${resource}' (or it may not exist).`;
  return new ApiError(403, message, {
    status: 'PERMISSION_DENIED',
    reason: 'forbidden',
    errors: legacy(service, { message, domain: 'global', reason: 'forbidden' }),
    details: [
      {
        '@type': ERROR_INFO,
        reason: 'IAM_PERMISSION_DENIED',
        domain: compute ? 'compute.googleapis.com' : 'iam.googleapis.com',
        metadata: { permission, resource },
      },
    ],
  });
}

/** How an exhausted rate quota is answered. */
export type RateLimitAnswer = 'RESOURCE_EXHAUSTED' | 'rateLimitExceeded' | 'userRateLimitExceeded';

/** What the quota that ran out is. */
export interface RateLimitInfo {
  readonly service: string;
  /** `projects/<number or id>`. */
  readonly consumer: string;
  readonly limit: number;
  readonly per: 'second' | 'minute';
  readonly answer: RateLimitAnswer;
  /** Seconds until a request would pass, for `Retry-After` (undefined: no header). */
  readonly retryAfterSeconds: number | undefined;
}

/** 429 RESOURCE_EXHAUSTED (or the v1 family's 403 variants) for an exhausted rate quota. */
export function rateLimitExceeded(info: RateLimitInfo): ApiError {
  const { service, consumer, limit, per, answer } = info;
  const perUser = answer === 'userRateLimitExceeded';
  const unit = per === 'second' ? 'Second' : 'Minute';
  const limitName = `DefaultRequestsPer${unit}Per${perUser ? 'User' : 'Project'}`;
  const display = `Queries per ${per}${perUser ? ' per user' : ''}`;
  const consumerText = consumer
    .replace(/^projects\/(\d+)$/, 'project_number:$1')
    .replace(/^projects\//, 'project:');
  const message = `Quota exceeded for quota metric 'Queries' and limit '${display}' of service '${service}' for consumer '${consumerText}'.`;
  const code = answer === 'RESOURCE_EXHAUSTED' ? 429 : 403;
  return new ApiError(code, message, {
    status: code === 429 ? 'RESOURCE_EXHAUSTED' : 'PERMISSION_DENIED',
    reason: answer === 'RESOURCE_EXHAUSTED' ? 'rateLimitExceeded' : answer,
    headers: info.retryAfterSeconds === undefined ? {} : { 'retry-after': String(info.retryAfterSeconds) },
    errors:
      code === 403 || isLegacyErrorHost(service)
        ? [
            {
              message,
              domain: 'usageLimits',
              reason: perUser ? 'userRateLimitExceeded' : 'rateLimitExceeded',
            },
          ]
        : false,
    details: [
      {
        '@type': ERROR_INFO,
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          service,
          consumer,
          quota_metric: `${service}/default_requests`,
          quota_limit: limitName,
          quota_limit_value: String(limit),
          quota_location: 'global',
          quota_unit: `1/${per === 'second' ? 's' : 'min'}/{project}${perUser ? '/{user}' : ''}`,
        },
      },
      {
        '@type': HELP,
        links: [
          {
            description: 'Request a higher quota limit.',
            url: 'https://cloud.google.com/docs/quotas/help/request_increase',
          },
        ],
      },
    ],
  });
}
