import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import {
  isCreatable,
  jsonBody,
  newEtag,
  type Reply,
  type RequestContext,
} from '../server/emulator-context.js';
import { ApiError, badRequest, notFound } from '../server/google-error.js';
import { readItem } from './resource-handlers.js';

/** The policy of a resource nobody has set one on. */
const DEFAULT_POLICY: JsonObject = { version: 1, etag: 'ACAB' };

function validatePolicy(policy: JsonObject): void {
  if (policy.bindings === undefined) return;
  if (!Array.isArray(policy.bindings))
    throw badRequest("Invalid value at 'policy.bindings': expected a list");
  for (const [i, b] of policy.bindings.entries()) {
    if (!isObject(b) || typeof b.role !== 'string' || b.role === '')
      throw badRequest(`Invalid value at 'policy.bindings[${i}].role': a role is required`);
    if (
      b.members !== undefined &&
      (!Array.isArray(b.members) || b.members.some((m) => typeof m !== 'string'))
    ) {
      throw badRequest(`Invalid value at 'policy.bindings[${i}].members': expected a list of strings`);
    }
  }
}

/**
 * getIamPolicy, setIamPolicy and testIamPermissions on any resource (`:getIamPolicy`, compute's
 * `/getIamPolicy`, storage's `/iam`). Policies live beside the resources; the target must exist when
 * it is a resource created through the API.
 */
export function handleIam(ctx: RequestContext): Reply {
  const { route, target, core, query } = ctx;
  const key = `${target.host} ${target.key}`;
  if (
    target.id !== undefined &&
    !core.store.iam.has(key) &&
    isCreatable(ctx, target.collection.split('/')) &&
    !readItem(ctx, target)
  ) {
    throw notFound(`The resource '${target.key}' was not found`);
  }
  const withKind = (policy: JsonObject): JsonObject =>
    route.responseShape?.kind && policy.kind === undefined
      ? { kind: route.responseShape.kind, ...policy }
      : policy;
  switch (route.kind) {
    case 'getIamPolicy':
      return { status: route.successStatus, json: withKind(core.store.iam.get(key) ?? DEFAULT_POLICY) };
    case 'setIamPolicy': {
      const body = jsonBody(ctx);
      const policy = isObject(body.policy) ? body.policy : body;
      validatePolicy(policy);
      const current = core.store.iam.get(key);
      if (typeof policy.etag === 'string' && current && policy.etag !== current.etag) {
        throw new ApiError(
          409,
          'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
          {
            status: 'ABORTED',
            reason: 'aborted',
          },
        );
      }
      const { kind: _k, ...rest } = policy;
      const stored: JsonObject = {
        ...rest,
        version: typeof policy.version === 'number' ? policy.version : 1,
        etag: newEtag(),
      };
      core.store.iam.set(key, stored);
      return { status: route.successStatus, json: withKind(stored) };
    }
    default: {
      const body = route.method === 'GET' ? {} : jsonBody(ctx);
      const asked = Array.isArray(body.permissions) ? body.permissions : query.getAll('permissions');
      const out: JsonObject = route.responseShape?.kind ? { kind: route.responseShape.kind } : {};
      if (asked.length > 0) out.permissions = asked;
      return { status: route.successStatus, json: out };
    }
  }
}
