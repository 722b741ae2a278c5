import { SkyqlError } from '../errors/skyql-error.js';
import { closestNames } from '../util/did-you-mean.js';
import { loadYaml } from '../util/load-yaml.js';

/**
 * Parsing of `--auth` (StackQL's per-provider auth map) and of a provider.yaml `config.auth`
 * default into validated {@link AuthSpec}s. Pure: nothing here reads the environment or files.
 */

/**
 * How a provider authenticates. StackQL's types plus skyql's `adc` (Application Default
 * Credentials: GOOGLE_APPLICATION_CREDENTIALS, the gcloud ADC file, the metadata server).
 * Impersonation is not a type: `impersonate_service_account` wraps any type but `null_auth`.
 */
export type AuthType = 'service_account' | 'interactive' | 'bearer' | 'null_auth' | 'adc';

/** Every accepted `type`, in the order error messages list them. */
const AUTH_TYPES: readonly AuthType[] = ['service_account', 'interactive', 'bearer', 'adc', 'null_auth'];

/**
 * Where a spec came from: `--auth`, the SKYQL_AUTH variable, StackQL's older `--keyfilepath` (a service account key file), or
 * the provider document's `config.auth` default; messages and hints name it.
 */
export type AuthSpecOrigin = 'flag' | 'env' | 'keyfilepath' | 'provider';

/** How messages name where a spec came from: `--auth`, `SKYQL_AUTH`, `--keyfilepath`. */
export function authSpecFlag(origin: AuthSpecOrigin): string {
  switch (origin) {
    case 'keyfilepath':
      return '--keyfilepath';
    case 'flag':
      return '--auth';
    case 'env':
      return 'SKYQL_AUTH';
    default:
      return 'config.auth';
  }
}

/** One provider's auth settings, validated. Keys are StackQL's (renamed to camelCase) plus skyql's. */
export interface AuthSpec {
  readonly type: AuthType;
  readonly origin: AuthSpecOrigin;
  /** Env var holding the secret itself (key JSON for service_account, the token for bearer). */
  readonly credentialsEnvVar?: string;
  /** Env var holding the path of the credentials file. */
  readonly credentialsFilePathEnvVar?: string;
  /** Path of the credentials file. */
  readonly credentialsFilePath?: string;
  /** OAuth scopes; absent means `https://www.googleapis.com/auth/cloud-platform`. */
  readonly scopes?: readonly string[];
  /** Subject for domain-wide delegation (service account keys only). */
  readonly sub?: string;
  /** Project billed for quota, sent as `x-goog-user-project`. */
  readonly quotaProject?: string;
  /** Service account to impersonate with the credentials above (iamcredentials generateAccessToken). */
  readonly impersonateServiceAccount?: string;
  /** Delegation chain for impersonation (emails or `projects/-/serviceAccounts/<email>`). */
  readonly delegates?: readonly string[];
}

/** `--auth` parsed: provider name → spec. */
export type AuthConfig = ReadonlyMap<string, AuthSpec>;

/** The default scope of Google's client libraries. */
export const DEFAULT_GOOGLE_SCOPES: readonly string[] = ['https://www.googleapis.com/auth/cloud-platform'];

const EXAMPLE = `example: --auth '{"google": {"type": "service_account", "credentialsfilepath": "/path/key.json"}}'`;

function bad(message: string, hint = EXAMPLE): SkyqlError {
  return new SkyqlError('BAD_AUTH_CONFIG', message, { hint });
}

/** Accepted keys (lower-cased, as StackQL's Go decoding matches them case-insensitively). */
const KEYS = [
  'type',
  'credentialsenvvar',
  'credentialsfilepathenvvar',
  'credentialsfilepath',
  'scopes',
  'sub',
  'quota_project',
  'impersonate_service_account',
  'delegates',
] as const;
type Key = (typeof KEYS)[number];

/** Aliases accepted for skyql's own keys. */
const ALIASES: Readonly<Record<string, Key>> = {
  quotaproject: 'quota_project',
  quota_project_id: 'quota_project',
  impersonateserviceaccount: 'impersonate_service_account',
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits a scope/delegate list given as an array or a space/comma separated string. */
function stringList(provider: string, key: string, v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  let items: unknown[];
  if (typeof v === 'string') items = v.split(/[\s,]+/);
  else if (Array.isArray(v)) items = v;
  else
    throw bad(`auth for '${provider}': "${key}" must be a list of strings or a space/comma separated string`);
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string')
      throw bad(`auth for '${provider}': every entry of "${key}" must be a string`);
    const t = item.trim();
    if (t !== '') out.push(t);
  }
  return out.length === 0 ? undefined : out;
}

function optString(provider: string, key: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`auth for '${provider}': "${key}" must be a string`);
  const t = v.trim();
  return t === '' ? undefined : t;
}

/**
 * Validates one provider's auth entry. `origin` 'provider' (a provider.yaml default) ignores keys
 * skyql does not know, since a document may carry settings for other tools; `--auth` rejects them.
 */
export function parseAuthSpec(provider: string, value: unknown, origin: AuthSpecOrigin = 'flag'): AuthSpec {
  const where =
    origin === 'provider'
      ? `provider '${provider}' config.auth`
      : `${authSpecFlag(origin)} entry for '${provider}'`;
  if (!isPlainObject(value)) {
    throw bad(
      `${where} must be an object like {"type": "service_account", ...}, got ${describeValue(value)}`,
    );
  }
  const o: Partial<Record<Key, unknown>> = {};
  for (const [rawKey, v] of Object.entries(value)) {
    const lower = rawKey.toLowerCase();
    const key = (KEYS as readonly string[]).includes(lower) ? (lower as Key) : ALIASES[lower];
    if (key === undefined) {
      if (origin === 'provider') continue;
      const near = closestNames(rawKey, KEYS, 1);
      throw bad(
        `${where}: unknown key "${rawKey}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ''}; ` +
          `known keys: ${KEYS.join(', ')}`,
      );
    }
    o[key] = v;
  }

  const credentialsEnvVar = optString(provider, 'credentialsenvvar', o.credentialsenvvar);
  const credentialsFilePathEnvVar = optString(
    provider,
    'credentialsfilepathenvvar',
    o.credentialsfilepathenvvar,
  );
  const credentialsFilePath = optString(provider, 'credentialsfilepath', o.credentialsfilepath);
  const hasSource = Boolean(credentialsEnvVar || credentialsFilePathEnvVar || credentialsFilePath);

  let type: AuthType;
  const rawType = optString(provider, 'type', o.type);
  if (rawType === undefined) {
    type = hasSource ? 'service_account' : 'adc';
  } else {
    const t = rawType.toLowerCase();
    if (!(AUTH_TYPES as readonly string[]).includes(t)) {
      const near = closestNames(rawType, AUTH_TYPES, 1);
      throw bad(
        `${where}: unknown auth type "${rawType}"${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ''}; ` +
          `supported types: ${AUTH_TYPES.join(', ')}`,
      );
    }
    type = t as AuthType;
  }

  if ((type === 'service_account' || type === 'bearer') && !hasSource) {
    throw bad(
      `${where}: type ${type} needs one of credentialsfilepath, credentialsenvvar or credentialsfilepathenvvar`,
      type === 'bearer'
        ? `example: --auth '{"google": {"type": "bearer", "credentialsenvvar": "GCP_ACCESS_TOKEN"}}'`
        : EXAMPLE,
    );
  }

  const sub = optString(provider, 'sub', o.sub);
  if (sub !== undefined && type !== 'service_account' && type !== 'adc') {
    throw bad(
      `${where}: "sub" (domain-wide delegation) applies only to service_account keys, not to type ${type}`,
    );
  }
  const impersonate = optString(provider, 'impersonate_service_account', o.impersonate_service_account);
  const delegates = stringList(provider, 'delegates', o.delegates);
  if (type === 'null_auth' && impersonate !== undefined) {
    throw bad(
      `${where}: impersonate_service_account needs source credentials; it cannot be used with null_auth`,
    );
  }
  if (delegates !== undefined && impersonate === undefined) {
    throw bad(`${where}: "delegates" is only meaningful with impersonate_service_account`);
  }
  if (impersonate !== undefined && !impersonate.includes('@')) {
    throw bad(
      `${where}: impersonate_service_account must be a service account email, got "${impersonate}"`,
      `example: --auth '{"google": {"impersonate_service_account": "sa@my-project.iam.gserviceaccount.com"}}'`,
    );
  }

  const spec: {
    -readonly [K in keyof AuthSpec]: AuthSpec[K];
  } = { type, origin };
  if (credentialsEnvVar !== undefined) spec.credentialsEnvVar = credentialsEnvVar;
  if (credentialsFilePathEnvVar !== undefined) spec.credentialsFilePathEnvVar = credentialsFilePathEnvVar;
  if (credentialsFilePath !== undefined) spec.credentialsFilePath = credentialsFilePath;
  const scopes = stringList(provider, 'scopes', o.scopes);
  if (scopes !== undefined) spec.scopes = scopes;
  if (sub !== undefined) spec.sub = sub;
  const quotaProject = optString(provider, 'quota_project', o.quota_project);
  if (quotaProject !== undefined) spec.quotaProject = quotaProject;
  if (impersonate !== undefined) spec.impersonateServiceAccount = impersonate;
  if (delegates !== undefined) spec.delegates = delegates;
  return spec;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/**
 * Parses `--auth`: a JSON object (or YAML mapping, e.g. `{google: {type: bearer, ...}}`) keyed by
 * provider name. Empty or absent → an empty map.
 */
export function parseAuthConfig(raw: string | undefined, origin: 'flag' | 'env' = 'flag'): AuthConfig {
  const text = raw?.trim() ?? '';
  const out = new Map<string, AuthSpec>();
  if (text === '') return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (jsonErr) {
    try {
      parsed = loadYaml(text);
    } catch {
      throw bad(`--auth is not valid JSON (or YAML): ${safeJsonError(jsonErr)}`);
    }
  }
  if (!isPlainObject(parsed)) {
    throw bad(`--auth must be an object keyed by provider name, got ${describeValue(parsed)}`);
  }
  for (const [provider, value] of Object.entries(parsed)) {
    out.set(provider, parseAuthSpec(provider, value, origin));
  }
  return out;
}

/**
 * The spec that applies to `provider`: its `--auth` entry, else the provider document's
 * `config.auth` default (pass `providerDefault` as found in provider.yaml), else undefined
 * (skyql then uses Application Default Credentials).
 */
export function resolveAuthSpec(
  config: AuthConfig,
  provider: string,
  providerDefault?: unknown,
): AuthSpec | undefined {
  const fromFlag = config.get(provider);
  if (fromFlag !== undefined) return fromFlag;
  if (providerDefault === undefined || providerDefault === null) return undefined;
  return parseAuthSpec(provider, providerDefault, 'provider');
}

/**
 * A JSON.parse message without V8's excerpt of the input (which could contain a secret): keeps the
 * kind of problem and its position.
 */
export function safeJsonError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // V8 quotes up to ~10 characters around the problem: `Unexpected token 'h', "hunter2-su"... is not valid JSON`.
  const cut = message.search(/,?\s*(\.\.\.)?"/);
  const cleaned = (/is not valid JSON\s*$/.test(message) && cut >= 0 ? message.slice(0, cut) : message)
    .replace(/token '[\s\S]*?'/, 'character')
    .trim();
  return cleaned === '' ? 'syntax error' : cleaned;
}
