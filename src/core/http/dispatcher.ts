/**
 * The connection pool under the transport: keep-alive connections with a per-origin cap, a
 * connect timeout (`--http.connectTimeout`), TLS options (`--tls.allowInsecure`, `--tls.CABundle`)
 * and proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or an explicit proxy URL). Without a proxy
 * it is node:http / node:https agents (`node-pool.ts`, measured faster here); with one, an undici
 * EnvHttpProxyAgent, loaded only then. A request may carry `onConnected`, called when it is written
 * on a connected socket, so the response timeout can start there.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { nodeRequestPool } from './node-pool.js';
import type { PoolRequest, RequestPool } from './pool-types.js';
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
  /** Time to establish a connection (DNS, TCP, TLS); 0 = none. Default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number;
}

/**
 * Connections per origin for a fan-out of `concurrency` calls at a time (`--execution.concurrency.limit`):
 * at least 16, as many as the calls in flight up to 256, 64 when unbounded (<= 0). Fewer
 * connections than calls would queue calls behind each other on the same host.
 */
export function connectionsFor(concurrency: number | undefined): number {
  if (concurrency === undefined) return 16;
  if (concurrency <= 0) return 64;
  return Math.min(256, Math.max(16, concurrency));
}

/** Default connect timeout (`--http.connectTimeout` 10 s): a reachable host connects in well under a second. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Request options the pool understands beyond undici's own. */
export interface ConnectAwareOptions {
  /** Called when the request is about to be written on a connected socket (after DNS, TCP, TLS, proxy). */
  readonly onConnected?: () => void;
}

/** A lazily created pool and a way to close it. */
export interface DispatcherHandle {
  get(): Promise<RequestPool>;
  close(): Promise<void>;
  /** Which client the pool is on (for tests and the verbose log). */
  readonly client: 'node' | 'undici';
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
type Handler = Dispatcher.DispatchHandler;
type Controller = Dispatcher.DispatchController;

/** Passes every event on to `inner`, calling `onConnected` first when the request starts on a socket. */
class ConnectNotifier implements Handler {
  constructor(
    private readonly inner: Handler,
    private readonly onConnected: () => void,
  ) {}
  onRequestStart(controller: Controller, context: unknown): void {
    this.onConnected();
    this.inner.onRequestStart?.(controller, context);
  }
  onRequestUpgrade(...args: Parameters<NonNullable<Handler['onRequestUpgrade']>>): void {
    this.inner.onRequestUpgrade?.(...args);
  }
  onResponseStart(...args: Parameters<NonNullable<Handler['onResponseStart']>>): void {
    this.inner.onResponseStart?.(...args);
  }
  onResponseData(...args: Parameters<NonNullable<Handler['onResponseData']>>): void {
    this.inner.onResponseData?.(...args);
  }
  onResponseEnd(...args: Parameters<NonNullable<Handler['onResponseEnd']>>): void {
    this.inner.onResponseEnd?.(...args);
  }
  onResponseError(...args: Parameters<NonNullable<Handler['onResponseError']>>): void {
    this.inner.onResponseError?.(...args);
  }
}

/** The interceptor that honours {@link ConnectAwareOptions.onConnected}. */
const notifyConnected: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const onConnected = (opts as ConnectAwareOptions).onConnected;
  return dispatch(opts, onConnected ? new ConnectNotifier(handler, onConnected) : handler);
};

/**
 * Loads undici (only a proxied transport needs it), required from node_modules rather than bundled:
 * the code-cached exec bundle cannot import(), and 1 MB of code every exec would read for nothing.
 */
async function loadUndici(): Promise<Undici> {
  return createRequire(import.meta.url)('undici') as Undici;
}

/** The pool interface over an undici dispatcher. */
function undiciPool(dispatcher: Dispatcher): RequestPool {
  return {
    async request(r: PoolRequest) {
      const { cancel, ...rest } = r;
      const res = await dispatcher.request({
        ...rest,
        signal: cancel?.toSignal(),
        method: r.method as Dispatcher.HttpMethod,
      } as Dispatcher.RequestOptions & ConnectAwareOptions);
      return {
        statusCode: res.statusCode,
        headers: res.headers,
        body: Buffer.from(await res.body.arrayBuffer()),
      };
    },
    close: () => dispatcher.close(),
  };
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
  return [...process.getBuiltinModule('node:tls').rootCertificates, pem];
}

/**
 * Prepares the dispatcher (validating options now) and creates it on the first `get()`.
 */
export function createDispatcherFactory(options: DispatcherOptions = {}): DispatcherHandle {
  const connections = options.connections ?? 16;
  if (!Number.isInteger(connections) || connections < 1)
    throw new SkyqlError('BAD_FLAG', `connection cap must be a positive integer, got ${connections}`);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (!(connectTimeoutMs >= 0))
    throw new SkyqlError('BAD_FLAG', `connect timeout must be >= 0, got ${connectTimeoutMs}`);
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
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 4000;
  const proxied = httpProxy !== undefined || httpsProxy !== undefined;
  let created: Promise<RequestPool> | undefined;
  return {
    client: proxied ? 'undici' : 'node',
    get() {
      if (!proxied) {
        created ??= Promise.resolve(
          nodeRequestPool({ connections, keepAliveTimeoutMs, connectTimeoutMs, tls }),
        );
        return created;
      }
      created ??= (async () => {
        const undici = await loadUndici();
        // undici reads 0 as "no connect timeout"; headers and body are timed by the transport
        const connect = { ...tls, timeout: connectTimeoutMs };
        const agentOptions = {
          connections,
          keepAliveTimeout: keepAliveTimeoutMs,
          headersTimeout: 0,
          bodyTimeout: 0,
          connect,
        };
        const agent = new undici.EnvHttpProxyAgent({
          ...agentOptions,
          httpProxy: httpProxy ?? '',
          httpsProxy: httpsProxy ?? '',
          noProxy,
          proxyTls: { timeout: connectTimeoutMs },
          requestTls: connect,
        });
        return undiciPool(agent.compose(notifyConnected)); // close() reaches the agent through the composition
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
