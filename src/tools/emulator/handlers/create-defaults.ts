import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';

/**
 * Fields the APIs document as set by the server when a create leaves them out, for the services the
 * emulator's sample data uses: host → collection (last key segment) → defaults. Nested objects
 * merge with what the request gave; the request wins. Times, ids, names, links, etags and live
 * states come from the resource decorator.
 */
const CREATE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, JsonObject>>>> = {
  'storage.googleapis.com': {
    b: {
      storageClass: 'STANDARD',
      location: 'US',
      metageneration: '1',
      rpo: 'DEFAULT',
      iamConfiguration: {
        bucketPolicyOnly: { enabled: false },
        uniformBucketLevelAccess: { enabled: false },
        publicAccessPrevention: 'inherited',
      },
      softDeletePolicy: { retentionDurationSeconds: '604800' },
    },
  },
  'compute.googleapis.com': {
    instances: {
      canIpForward: false,
      deletionProtection: false,
      startRestricted: false,
      cpuPlatform: 'Intel Broadwell',
      scheduling: {
        onHostMaintenance: 'MIGRATE',
        automaticRestart: true,
        preemptible: false,
        provisioningModel: 'STANDARD',
      },
    },
    networks: {
      routingConfig: { routingMode: 'REGIONAL' },
      networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
    },
    disks: { sizeGb: '10' },
  },
  'pubsub.googleapis.com': {
    subscriptions: {
      ackDeadlineSeconds: 10,
      messageRetentionDuration: '604800s',
      expirationPolicy: { ttl: '2678400s' },
      state: 'ACTIVE',
    },
  },
  'bigquery.googleapis.com': { datasets: { location: 'US', type: 'DEFAULT' } },
};

/** `given` with the defaults it lacks; nested objects merge. (Copies `given` once: lists of thousands stay cheap.) */
function merge(defaults: JsonObject, given: JsonObject): JsonObject {
  const out: JsonObject = { ...given };
  for (const k of Object.keys(defaults)) {
    const v = defaults[k];
    if (!(k in given)) out[k] = v;
    else if (isObject(v) && isObject(given[k])) out[k] = merge(v, given[k]);
  }
  return out;
}

/** A copy of `data` with the documented server-side defaults of its collection filled in. */
export function withCreateDefaults(host: string, collection: string, data: JsonObject): JsonObject {
  const word = collection.split('/').pop() ?? '';
  const defaults = CREATE_DEFAULTS[host]?.[word];
  return defaults ? merge(defaults, data) : { ...data };
}
