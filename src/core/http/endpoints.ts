/**
 * `--endpoint` URL rewriting: send a provider's calls to another server (the local emulator, a
 * recording proxy) while the request-building code keeps producing Google's real URLs.
 *
 * With base `http://127.0.0.1:PORT`, `https://HOST/PATH?Q` becomes `http://127.0.0.1:PORT/HOST/PATH?Q`:
 * the original host becomes the first path segment, so services that share paths stay apart. A
 * provider-wide base applies to every host of the provider (Google's: its APIs and OAuth token
 * hosts, `isGoogleHost`); a URL on another host (a key whose `token_uri` already points at an
 * emulator or a private endpoint) is used as it is. A per-host base (from a per-service spec) wins
 * over it. Each provider has its own rewriting: a call says which provider it is for.
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';

/** Where a provider's calls go instead of the real hosts. */
export interface Endpoints {
  /** Base for every host of the provider (`--endpoint google=URL`). */
  readonly providerBase?: string;
  /** Base per original host, e.g. `compute.googleapis.com` → `http://127.0.0.1:PORT`. */
  readonly hostBases: ReadonlyMap<string, string>;
  /** The host names `providerBase` applies to (Google's for google); every host when absent. */
  readonly providerHosts?: (hostname: string) => boolean;
}

/** Google's API hosts (`*.googleapis.com`) and OAuth token hosts: what `--endpoint google=` moves. */
export function isGoogleHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'googleapis.com' || h.endsWith('.googleapis.com') || h === 'accounts.google.com';
}

/** Each provider's rewriting, by provider name. */
export type EndpointTable = ReadonlyMap<string, Endpoints>;

const ABSOLUTE_URL_RE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is;

function trimBase(base: string): string {
  return base.endsWith('/') ? base.slice(0, -1) : base;
}

function startsWithBase(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/** True when `endpoints` rewrites nothing. */
function hasEndpoints(endpoints: Endpoints | undefined): boolean {
  return endpoints !== undefined && (endpoints.providerBase !== undefined || endpoints.hostBases.size > 0);
}

/** Every base of `endpoints`, trimmed, worked out once per Endpoints (rewriteUrl runs once per call). */
const basesOf = new WeakMap<Endpoints, readonly string[]>();
function trimmedBases(endpoints: Endpoints): readonly string[] {
  let bases = basesOf.get(endpoints);
  if (bases === undefined) {
    const all = [...endpoints.hostBases.values()];
    if (endpoints.providerBase !== undefined) all.unshift(endpoints.providerBase);
    bases = all.map(trimBase);
    basesOf.set(endpoints, bases);
  }
  return bases;
}

/**
 * Google writes Compute and Storage links on the legacy host (`https://www.googleapis.com/compute/v1/...`):
 * such a link belongs to the service its first path segment names (`compute.googleapis.com`).
 */
function legacyServiceHost(hostname: string, rest: string): string {
  if (hostname !== 'www.googleapis.com') return '';
  const service = /^\/([a-z][a-z0-9]*)\//.exec(rest)?.[1];
  return service ? `${service}.googleapis.com` : '';
}

/**
 * The URL to request for `url`: `BASE/HOST/PATH?Q` when a base applies to its host, else `url`
 * unchanged. URLs already under a configured base (e.g. an emulator's own `selfLink`s) are left
 * alone, so rewriting twice is harmless. The path and query are copied byte for byte.
 */
export function rewriteUrl(url: string, endpoints: Endpoints | undefined): string {
  if (!endpoints || !hasEndpoints(endpoints)) return url;
  const m = ABSOLUTE_URL_RE.exec(url);
  if (!m) return url;
  for (const b of trimmedBases(endpoints)) if (startsWithBase(url, b)) return url;
  const authority = m[2];
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  const rest = m[3];
  const base =
    endpoints.hostBases.get(host) ??
    endpoints.hostBases.get(hostname) ??
    endpoints.hostBases.get(legacyServiceHost(hostname, rest)) ??
    (endpoints.providerHosts?.(hostname) === false ? undefined : endpoints.providerBase);
  if (base === undefined) return url;
  const tail = rest === '' || rest.startsWith('?') || rest.startsWith('#') ? `/${rest}` : rest;
  return `${trimBase(base)}/${host}${tail}`;
}

/**
 * The hosts of a provider's service for per-service specs. Google's are known without its documents
 * (`compute` is served from `compute.googleapis.com`); other providers' hosts are not, so their
 * per-service specs are refused with a hint to use the provider-wide form.
 */
export function defaultHostsOfService(provider: string, service: string): string[] {
  if (provider === 'google') return [`${service}.googleapis.com`];
  throw new SkyqlError(
    'BAD_FLAG',
    `--endpoint ${provider}.${service}=URL: per-service endpoints are known for google only`,
    { hint: `send every call of the provider to the URL with --endpoint ${provider}=URL` },
  );
}

function parseBase(spec: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SkyqlError('BAD_FLAG', `--endpoint ${spec}: '${value}' is not a URL`, {
      hint: 'use --endpoint google=http://127.0.0.1:PORT or --endpoint google.compute=URL',
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new SkyqlError('BAD_FLAG', `--endpoint ${spec}: only http and https URLs are supported`);
  if (u.search || u.hash)
    throw new SkyqlError('BAD_FLAG', `--endpoint ${spec}: the URL must not have a query or fragment`);
  return trimBase(value.trim());
}

/**
 * Parses `--endpoint` specs: `PROVIDER=URL` (every host the provider's calls go to) and
 * `google.compute=URL` (the hosts of one service, from `hostsOfService`, by default
 * `compute.googleapis.com`), into each provider's rewriting. Specs may also be comma-separated
 * within one string; a later spec for the same provider or service wins.
 */
export function parseEndpointSpecs(
  specs: readonly string[],
  hostsOfService: (provider: string, service: string) => readonly string[] = defaultHostsOfService,
): EndpointTable {
  const table = new Map<
    string,
    { providerBase?: string; hostBases: Map<string, string>; providerHosts?: (h: string) => boolean }
  >();
  for (const raw of specs.flatMap((s) => s.split(/,(?=\s*[A-Za-z0-9_.-]+\s*=)/))) {
    const spec = raw.trim();
    if (spec === '') continue;
    const eq = spec.indexOf('=');
    if (eq <= 0)
      throw new SkyqlError(
        'BAD_FLAG',
        `--endpoint '${spec}' is not of the form provider=URL or provider.service=URL`,
        {
          hint: 'e.g. --endpoint google=http://127.0.0.1:8080',
        },
      );
    const key = spec.slice(0, eq).trim().toLowerCase();
    const base = parseBase(spec, spec.slice(eq + 1).trim());
    const [prov, service, ...extra] = key.split('.');
    if (extra.length > 0 || !prov || service === '')
      throw new SkyqlError('BAD_FLAG', `--endpoint '${spec}': expected provider=URL or provider.service=URL`);
    const entry = table.get(prov) ?? {
      hostBases: new Map<string, string>(),
      ...(prov === 'google' ? { providerHosts: isGoogleHost } : {}),
    };
    table.set(prov, entry);
    if (service === undefined) entry.providerBase = base;
    else for (const host of hostsOfService(prov, service)) entry.hostBases.set(host.toLowerCase(), base);
  }
  return table;
}
