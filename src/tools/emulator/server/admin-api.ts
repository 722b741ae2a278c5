import { isSkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import type { AuthService } from '../auth/oauth-token.js';
import { parseSeedText, type SeedDocument } from '../state/state-file.js';
import type { EmulatorCore, EmulatorSettings, Reply } from './emulator-context.js';
import { type FaultRule, type FaultSet, parseFaultRule } from './faults.js';
import { ApiError, badRequest, notFound } from './google-error.js';
import { parseQuotaRule, type QuotaRule } from './quota.js';
import type { RequestLog } from './request-log.js';

/** What the admin API controls. */
export interface AdminTarget {
  readonly core: EmulatorCore;
  readonly log: RequestLog;
  readonly faults: FaultSet;
  readonly auth: AuthService;
  seed(doc: SeedDocument): void;
  reset(reseed: boolean): void;
  snapshot(): SeedDocument;
  save(name?: string): string;
  info(): JsonObject;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Invalid JSON payload received. ${(err as Error).message}`);
  }
}

function rules(v: unknown): FaultRule[] {
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.faults) ? v.faults : [v];
  try {
    return list.map(parseFaultRule);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

function quotaRules(v: unknown): QuotaRule[] {
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.rules) ? v.rules : [v];
  try {
    return list.flatMap((r) => parseQuotaRule(r));
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

function configError(err: unknown): never {
  if (isSkyqlError(err)) throw badRequest(err.message);
  throw err;
}

const SETTING_KEYS: readonly (keyof EmulatorSettings)[] = [
  'operationPolls',
  'defaultPageSize',
  'maxPageSize',
  'tokenLifetimeSeconds',
  'auth',
];

/** Applies settings from JSON; 400 on unknown keys or wrong types. */
export function applySettings(settings: EmulatorSettings, v: unknown): void {
  if (!isObject(v)) throw badRequest('settings must be a JSON object');
  for (const [k, value] of Object.entries(v)) {
    if (!SETTING_KEYS.includes(k as keyof EmulatorSettings))
      throw badRequest(`unknown setting '${k}' (known: ${SETTING_KEYS.join(', ')})`);
    if (k === 'auth') {
      if (typeof value !== 'boolean') throw badRequest('setting auth must be true or false');
      settings.auth = value;
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < (k === 'operationPolls' ? 0 : 1)) {
        throw badRequest(`setting ${k} must be an integer >= ${k === 'operationPolls' ? 0 : 1}`);
      }
      (settings as unknown as Record<string, number>)[k] = value;
    }
  }
}

/**
 * `/_emulator/...`: health and info, the request log, reset and seed, state dump/replace/save,
 * faults, settings (operation polls, page size, auth), rate quotas and their counters, the sample
 * organisation's summary, trusted keys, tokens and throwaway service-account keys, and the
 * compiled routes of a host. No auth, no faults, no quotas.
 */
export function handleAdmin(
  t: AdminTarget,
  method: string,
  segments: readonly string[],
  query: URLSearchParams,
  body: Buffer,
): Reply {
  const [what = '', arg] = segments;
  const ok = (json: unknown, status = 200): Reply => ({ status, json });
  switch (`${method} ${what}`) {
    case 'GET ':
    case 'GET health':
      return ok(t.info());
    case 'GET log': {
      const since = query.get('since');
      return ok({
        entries: t.log.entries({
          since: since ? Number(since) : undefined,
          host: query.get('host') ?? undefined,
          method: query.get('method') ?? undefined,
        }),
      });
    }
    case 'DELETE log':
      t.log.clear();
      return ok({});
    case 'POST reset':
      t.reset(query.get('reseed') === 'true');
      return ok({});
    case 'POST seed':
      try {
        t.seed(parseSeedText(body.toString('utf8') || '{}', 'seed'));
      } catch (err) {
        configError(err);
      }
      return ok({ resources: t.core.store.size });
    case 'GET state':
      return ok(t.snapshot());
    case 'PUT state':
      try {
        const doc = parseSeedText(body.toString('utf8') || '{}', 'state');
        t.reset(false);
        t.seed(doc);
      } catch (err) {
        configError(err);
      }
      return ok({ resources: t.core.store.size });
    case 'POST save': {
      const v = parseJson(body);
      if (
        !isObject(v) ||
        Object.keys(v).some((k) => k !== 'name') ||
        (v.name !== undefined && typeof v.name !== 'string')
      )
        throw badRequest('save takes {} (the --state file) or {"name": "<file name>"} (under --state-dir)');
      try {
        return ok({ path: t.save(v.name as string | undefined) });
      } catch (err) {
        configError(err);
      }
      break;
    }
    case 'GET faults':
      return ok({ faults: t.faults.list() });
    case 'PUT faults':
      return ok({ ids: t.faults.set(rules(parseJson(body))) });
    case 'POST faults':
      return ok({ ids: rules(parseJson(body)).map((r) => t.faults.add(r)) });
    case 'DELETE faults':
      if (arg !== undefined) {
        if (!t.faults.remove(arg)) throw notFound(`No fault '${arg}'`);
      } else {
        t.faults.clear();
      }
      return ok({});
    case 'GET settings':
      return ok(t.core.settings);
    case 'PUT settings':
    case 'PATCH settings':
    case 'POST settings':
      applySettings(t.core.settings, parseJson(body));
      return ok(t.core.settings);
    case 'POST keys': {
      // {"key": "<PEM or key JSON>"}, or a service-account key file's JSON as it is
      const v = parseJson(body);
      if (!isObject(v))
        throw badRequest('keys takes {"key": "<PEM public key or certificate>"} or a key JSON');
      try {
        return ok({ trustedKeys: t.auth.trust(typeof v.key === 'string' ? v.key : body.toString('utf8')) });
      } catch (err) {
        configError(err);
      }
      break;
    }
    case 'POST tokens': {
      const v = parseJson(body);
      const principal = isObject(v) && typeof v.principal === 'string' ? v.principal : undefined;
      const scope = isObject(v) && typeof v.scope === 'string' ? v.scope : undefined;
      return ok(t.auth.issueToken(principal, scope));
    }
    case 'POST service-account-key': {
      const v = parseJson(body);
      const email = isObject(v) && typeof v.email === 'string' ? v.email : undefined;
      return ok(t.auth.createServiceAccountKey(`${t.core.baseUrl}/oauth2.googleapis.com/token`, email));
    }
    case 'GET quota': {
      const after = query.get('after');
      if (after !== null && !/^\d+$/.test(after)) throw badRequest('after must be a whole number of seconds');
      return ok(t.core.quota.report(after === null ? undefined : Number(after)));
    }
    case 'PUT quota':
      t.core.quota.setRules(quotaRules(parseJson(body)));
      return ok(t.core.quota.report());
    case 'POST quota':
      t.core.quota.addRules(quotaRules(parseJson(body)));
      return ok(t.core.quota.report());
    case 'DELETE quota':
      t.core.quota.reset();
      return ok({});
    case 'GET org': {
      const org = t.core.store.lazy;
      if (!org)
        throw notFound(
          'No sample organisation: start with --sample-org N or seed {sampleOrg: {projects: N}}',
        );
      return ok(org.summary());
    }
    case 'GET routes': {
      const host = query.get('host');
      if (!host) return ok({ hosts: t.core.routes.hosts() });
      const routes = t.core.routes.forHost(host);
      if (!routes) throw notFound(`Unknown host '${host}'`);
      return ok({
        host,
        services: routes.services,
        routes: routes.routes.map((r) => ({
          method: r.method,
          template: r.template,
          kind: r.kind,
          operationId: r.operationId,
          service: r.service,
        })),
      });
    }
  }
  throw new ApiError(404, `Unknown admin endpoint ${method} /_emulator/${segments.join('/')}`);
}
