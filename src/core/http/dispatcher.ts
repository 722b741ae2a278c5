/**
 * The connection pool under the transport: an undici keep-alive Agent with a per-origin
 * connection cap, TLS options (`--tls.allowInsecure`, `--tls.CABundle`) and proxies from
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or an explicit proxy URL). undici is loaded on first use so
 * commands that make no HTTP calls do not pay for it.
 */

import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { redactUrl } from './redact.js';

/** Options of {@link createDispatcherFactory}. */
export interface DispatcherOptions {
  /** Connections per origin (default 16). */
  readonly connections?: number;
  /** Skip TLS certificate verification. */
  readonly allowInsecure?: boolean;
  /** Path of a PEM file with extra trusted CA certificates (added to Node's roots). */
  readonly caBundle?: string;
  /** Proxy URL for every request (overrides HTTPS_PROXY/HTTP_PROXY; NO_PROXY still applies). */
  readonly proxy?: string;
  /** Environment to read proxy variables from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Idle keep-alive time before a pooled connection is closed (default 4 s). */
  readonly keepAliveTimeoutMs?: number;
}

/** A lazily created dispatcher and a way to close it. */
export interface DispatcherHandle {
  get(): Promise<Dispatcher>;
  close(): Promise<void>;
}

/** StackQL's `--http.proxy.*` flags. */
export interface ProxyParts {
  readonly host?: string;
  /** -1 or undefined = the scheme's default port. */
  readonly port?: number;
  /** `http` (default) or `https`. */
  readonly scheme?: string;
  readonly user?: string;
  readonly password?: string;
}

/**
 * The proxy URL for `--http.proxy.host/port/scheme/user/password`, or undefined when no host is
 * given. Credentials are percent-encoded into the URL's userinfo.
 */
export function proxyUrlFromParts(parts: ProxyParts): string | undefined {
  const host = parts.host?.trim();
  if (!host) return undefined;
  const scheme = (parts.scheme?.trim() || 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https')
    throw new SkyqlError('BAD_FLAG', `--http.proxy.scheme must be http or https, got '${parts.scheme}'`);
  const auth = parts.user
    ? `${encodeURIComponent(parts.user)}${parts.password ? `:${encodeURIComponent(parts.password)}` : ''}@`
    : '';
  const port = parts.port !== undefined && parts.port >= 0 ? `:${parts.port}` : '';
  return `${scheme}://${auth}${host}${port}`;
}

function envVar(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

type Undici = typeof import('undici');

/**
 * Loads undici. Node's own ESM loader exposes its CommonJS exports by name, but bundlers (the
 * esbuild build of dist/) may expose only `default`, so accept both shapes.
 */
async function loadUndici(): Promise<Undici> {
  const mod = (await import('undici')) as Undici & { default?: Undici };
  return typeof mod.Agent === 'function' ? mod : (mod.default as Undici);
}

/** Reads the CA bundle now, so a bad path fails when the transport is created. */
function readCaBundle(path: string): string[] {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SkyqlError(
      'FILE_NOT_READABLE',
      `--tls.CABundle: cannot read ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new SkyqlError('BAD_FLAG', `--tls.CABundle: ${path} contains no PEM certificate`);
  return [...rootCertificates, pem];
}

/**
 * Prepares the dispatcher (validating options now) and creates it on the first `get()`.
 */
export function createDispatcherFactory(options: DispatcherOptions = {}): DispatcherHandle {
  const connections = options.connections ?? 16;
  if (!Number.isInteger(connections) || connections < 1)
    throw new SkyqlError('BAD_FLAG', `connection cap must be a positive integer, got ${connections}`);
  const tls: { rejectUnauthorized?: boolean; ca?: string[] } = {};
  if (options.allowInsecure) tls.rejectUnauthorized = false;
  if (options.caBundle) tls.ca = readCaBundle(options.caBundle);
  const env = options.env ?? process.env;
  const httpProxy = options.proxy ?? envVar(env, 'http_proxy');
  const httpsProxy = options.proxy ?? envVar(env, 'https_proxy') ?? httpProxy;
  const noProxy = envVar(env, 'no_proxy') ?? '';
  for (const p of [httpProxy, httpsProxy]) {
    if (p === undefined) continue;
    try {
      new URL(p);
    } catch {
      throw new SkyqlError('BAD_FLAG', `proxy '${redactUrl(p)}' is not a URL`, {
        hint: 'set HTTPS_PROXY to e.g. http://proxy.example:3128',
      });
    }
  }
  let created: Promise<Dispatcher> | undefined;
  return {
    get() {
      created ??= (async () => {
        const undici = await loadUndici();
        const agentOptions = {
          connections,
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 4000,
          headersTimeout: 0,
          bodyTimeout: 0,
          connect: tls,
        };
        if (httpProxy === undefined && httpsProxy === undefined) return new undici.Agent(agentOptions);
        return new undici.EnvHttpProxyAgent({
          ...agentOptions,
          httpProxy: httpProxy ?? '',
          httpsProxy: httpsProxy ?? '',
          noProxy,
          requestTls: tls,
        });
      })();
      return created;
    },
    async close() {
      const d = created;
      created = undefined;
      if (d) await (await d).close();
    },
  };
}
