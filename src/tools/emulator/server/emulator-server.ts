import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseRegistryConfig } from '../../../base/config/registry-config.js';
import { isSkyqlError, SkyqlError } from '../../../base/errors/skyql-error.js';
import { Catalog } from '../../../core/catalog/catalog.js';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { splitRequestPath } from '../../../core/catalog/path-template.js';
import { ProviderRegistry } from '../../../core/catalog/registry/provider-registry.js';
import { AuthService, GOOGLE_TOKEN_AUDIENCES } from '../auth/oauth-token.js';
import { finishAllOperations } from '../handlers/operations.js';
import { dispatchApi, unservedHostError } from '../routing/api-dispatch.js';
import { RouteTable } from '../routing/route-table.js';
import { sampleSeed } from '../state/sample-data.js';
import {
  applySeed,
  namedStateFile,
  readSeedFile,
  type SeedDocument,
  snapshotState,
  writeStateFile,
} from '../state/state-file.js';
import { StateStore } from '../state/state-store.js';
import { type AdminTarget, applySettings, handleAdmin } from './admin-api.js';
import { refuseAdminRequest } from './admin-guard.js';
import type { EmulatorOptions, RunningEmulator } from './emulator-api.js';
import {
  DEFAULT_SETTINGS,
  type EmulatorCore,
  type EmulatorSettings,
  type Reply,
} from './emulator-context.js';
import { FaultSet } from './faults.js';
import { ApiError, badRequest, errorBody } from './google-error.js';
import { readBody, sendReply } from './http-io.js';
import { parseQuotaRule, type QuotaRule, QuotaTracker } from './quota.js';
import { bodyForLog, type LogEntry, queryObject, RequestLog } from './request-log.js';

export type { EmulatorOptions, RunningEmulator } from './emulator-api.js';

function seedOf(s: SeedDocument | string): SeedDocument {
  return typeof s === 'string' ? readSeedFile(s) : s;
}

/** Quota rules from options or a (validated) seed. */
function quotaRules(given: readonly (string | QuotaRule | JsonObject)[]): QuotaRule[] {
  try {
    return given.flatMap((q) => parseQuotaRule(q));
  } catch (err) {
    throw new SkyqlError('BAD_EMULATOR_CONFIG', `quota: ${(err as Error).message}`, {
      hint: 'e.g. compute.googleapis.com=50/s or compute.googleapis.com=600/min,project=5/s (docs/emulator.md)',
    });
  }
}

function hostForUrl(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

class Emulator implements RunningEmulator, AdminTarget {
  readonly core: EmulatorCore;
  readonly log: RequestLog;
  readonly faults = new FaultSet();
  readonly auth: AuthService;
  url = '';
  port = 0;
  host: string;
  startupMs = 0;
  private server: Server | undefined;
  private readonly initialSeeds: SeedDocument[] = [];

  constructor(
    readonly routes: RouteTable,
    private readonly options: EmulatorOptions,
  ) {
    const settings: EmulatorSettings = { ...DEFAULT_SETTINGS, auth: options.auth ?? true };
    if (options.settings) applySettings(settings, options.settings);
    this.core = {
      store: new StateStore(),
      settings,
      routes,
      quota: new QuotaTracker(options.clock ?? (() => performance.now())),
      baseUrl: '',
    };
    this.core.quota.setRules(quotaRules(options.quotas ?? []));
    this.log = new RequestLog(options.logLimit ?? 2000);
    this.auth = new AuthService(() => this.core.settings.tokenLifetimeSeconds);
    this.host = options.host ?? '127.0.0.1';
  }

  get provider(): string {
    return this.routes.provider.name;
  }
  get version(): string {
    return this.routes.provider.version;
  }
  get store(): StateStore {
    return this.core.store;
  }
  get settings(): EmulatorSettings {
    return this.core.settings;
  }
  get quota(): QuotaTracker {
    return this.core.quota;
  }
  get tokenUrl(): string {
    return `${this.url}/oauth2.googleapis.com/token`;
  }

  endpoint(googleUrl: string): string {
    const m = /^https?:\/\/([^/?#]+)(.*)$/.exec(googleUrl);
    if (!m) throw new SkyqlError('BAD_EMULATOR_CONFIG', `not an http(s) URL: ${googleUrl}`);
    return `${this.url}/${m[1]}${m[2]}`;
  }

  issueToken(principal?: string): string {
    return this.auth.issueToken(principal).access_token;
  }

  /** Applies a seed's settings, keys and data. */
  seed(doc: SeedDocument | string): void {
    const s = seedOf(doc);
    if (s.settings) {
      try {
        applySettings(this.core.settings, s.settings);
      } catch (err) {
        throw new SkyqlError('BAD_EMULATOR_CONFIG', `seed settings: ${(err as Error).message}`);
      }
    }
    for (const k of s.trustedKeys ?? []) this.auth.trust(k);
    this.core.quota.addRules(quotaRules(s.quotas ?? []));
    try {
      applySeed(this.core.store, s);
    } catch (err) {
      if (err instanceof ApiError) throw new SkyqlError('BAD_EMULATOR_CONFIG', `seed: ${err.message}`);
      throw err;
    }
  }

  loadInitial(): void {
    const seeds: (SeedDocument | string)[] = [];
    if (this.options.sample) seeds.push(sampleSeed());
    if (this.options.sampleOrg) seeds.push({ sampleOrg: this.options.sampleOrg });
    const given = this.options.seed;
    if (given !== undefined) seeds.push(...(Array.isArray(given) ? given : [given as SeedDocument | string]));
    if (this.options.statePath && existsSync(this.options.statePath)) seeds.push(this.options.statePath);
    for (const s of seeds) {
      const doc = seedOf(s);
      this.initialSeeds.push(doc);
      this.seed(doc);
    }
    // explicit settings win over the seeds'
    if (this.options.settings) applySettings(this.core.settings, this.options.settings);
  }

  reset(reseed = false): void {
    this.core.store.clear();
    if (reseed) for (const s of this.initialSeeds) applySeed(this.core.store, s);
  }

  snapshot(): SeedDocument {
    this.core.store.lazy?.ensureAll(this.core.store);
    finishAllOperations(this.core);
    const rules = this.core.quota.listRules();
    const quotas = rules.map((r): JsonObject => ({ ...r }));
    return { ...snapshotState(this.core.store, this.core.settings), ...(quotas.length ? { quotas } : {}) };
  }

  save(name?: string): string {
    const target = name === undefined ? this.options.statePath : namedStateFile(this.options.stateDir, name);
    if (!target)
      throw new SkyqlError('BAD_EMULATOR_CONFIG', 'no state file to save to', {
        hint: 'start the emulator with --state <file>, or with --state-dir <folder> and save by name',
      });
    try {
      writeStateFile(target, this.snapshot());
    } catch (err) {
      throw new SkyqlError(
        'FILE_NOT_READABLE',
        `cannot write state file ${target}: ${(err as Error).message}`,
      );
    }
    return target;
  }

  info(): JsonObject {
    return {
      url: this.url,
      provider: this.provider,
      version: this.version,
      tokenUrl: this.tokenUrl,
      settings: { ...this.core.settings },
      resources: this.core.store.size,
      trustedKeys: this.auth.trustedKeyCount,
      routes: { ...this.routes.stats() },
      startupMs: Math.round(this.startupMs),
    };
  }

  async listen(port: number): Promise<void> {
    const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        sendReply(
          res,
          { status: 500, json: errorBody(500, `Internal emulator error: ${(err as Error).message}`) },
          true,
        );
      });
    });
    server.on('clientError', (_err, socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify(errorBody(400, 'Malformed HTTP request'));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=UTF-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) =>
        reject(
          new SkyqlError('EMULATOR_LISTEN_FAILED', `cannot listen on ${this.host}:${port}: ${err.message}`, {
            hint: 'pick another --port (0 picks a free one)',
            cause: err,
          }),
        );
      server.once('error', fail);
      server.listen(port, this.host, () => {
        server.off('error', fail);
        resolve();
      });
    });
    const addr = server.address();
    if (addr === null || typeof addr === 'string')
      throw new SkyqlError('INTERNAL', 'emulator server has no TCP address');
    this.port = addr.port;
    this.url = `http://${hostForUrl(addr.address)}:${addr.port}`;
    this.core.baseUrl = this.url;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const rawUrl = req.url ?? '/';
    const pathOnly = rawUrl.startsWith('/') ? rawUrl : rawUrl.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
    const q = pathOnly.indexOf('?');
    const path = q >= 0 ? pathOnly.slice(0, q) : pathOnly;
    const query = new URLSearchParams(q >= 0 ? pathOnly.slice(q + 1) : '');
    const segments = splitRequestPath(path);
    const method = (req.method ?? 'GET').toUpperCase();
    const contentType = String(req.headers['content-type'] ?? '');
    const pretty = query.get('prettyPrint') !== 'false';
    let body: Buffer;
    try {
      body = await readBody(req, this.options.maxBodyBytes ?? 64 * 1024 * 1024);
    } catch (err) {
      const e =
        err instanceof ApiError
          ? err
          : new ApiError(400, `Cannot read the request body: ${(err as Error).message}`);
      sendReply(res, { status: e.code, json: e.body(), headers: { connection: 'close' } }, pretty);
      return;
    }
    if (segments[0] === '_emulator') {
      const refused = refuseAdminRequest(req.headers, req.socket.remoteAddress);
      const reply = refused
        ? { status: refused.code, json: refused.body(), headers: { connection: 'close' } }
        : this.guard(() => handleAdmin(this, method, segments.slice(1), query, body));
      sendReply(res, reply, true);
      return;
    }
    const host = (segments[0] ?? '').toLowerCase();
    const entry: LogEntry = {
      seq: this.log.nextSeq(),
      time: new Date().toISOString(),
      method,
      url: pathOnly,
      host,
      path: `/${segments.slice(1).join('/')}`,
      query: queryObject(query),
      status: 0,
      durationMs: 0,
      requestBody: bodyForLog(body, contentType),
      contentType: contentType || undefined,
      authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
    };
    this.log.add(entry);
    const finish = (status: number) => {
      entry.status = status;
      entry.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      this.options.onRequest?.(entry);
    };
    const faults = this.faults.decide(method, path, [...query].map(([k, v]) => `${k}=${v}`).join('&'));
    if (faults.applied.length) entry.faults = faults.applied;
    // unref: an injected delay still pending when the server closes does not hold the process open
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs).unref());
    if (faults.drop) {
      finish(0);
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    if (faults.status !== undefined) {
      const e = new ApiError(
        faults.status,
        faults.message ?? (faults.status === 429 ? 'Quota exceeded (injected fault).' : 'Injected fault.'),
      );
      reply = {
        status: e.code,
        json: e.body(),
        headers: faults.retryAfter !== undefined ? { 'retry-after': String(faults.retryAfter) } : {},
      };
    } else {
      reply = this.guard(() => this.api(method, host, segments, query, req, body, faults.failOperation));
    }
    if (reply.status >= 500 && faults.status === undefined)
      entry.error = String((reply.json as { error?: { message?: string } })?.error?.message ?? '');
    sendReply(res, reply, pretty, faults.truncate);
    finish(reply.status);
  }

  private api(
    method: string,
    host: string,
    segments: readonly string[],
    query: URLSearchParams,
    req: IncomingMessage,
    body: Buffer,
    failOperation?: { code: number; message: string },
  ): Reply {
    if (host === '')
      throw new ApiError(
        404,
        'Expected /<service host>/<path>, e.g. /compute.googleapis.com/compute/v1/projects/p/zones/z/instances',
      );
    const tokenPath = segments.slice(1).join('/');
    if (
      (host === 'oauth2.googleapis.com' && tokenPath === 'token') ||
      (host === 'www.googleapis.com' && tokenPath === 'oauth2/v4/token')
    ) {
      if (method !== 'POST') throw new ApiError(405, 'The token endpoint only accepts POST');
      return this.auth.exchange(body, String(req.headers['content-type'] ?? ''), [
        ...GOOGLE_TOKEN_AUDIENCES,
        this.tokenUrl,
        `${this.url}/www.googleapis.com/oauth2/v4/token`,
      ]);
    }
    const unserved = unservedHostError(this.core, host, segments.slice(1));
    if (unserved) throw unserved;
    const principal = this.core.settings.auth
      ? this.auth.check(req.headers.authorization, query.get('access_token'))
      : undefined;
    return dispatchApi(this.core, {
      method,
      host,
      segments: segments.slice(1),
      query,
      headers: req.headers,
      body,
      principal,
      failOperation,
    });
  }

  /** Runs a handler, turning errors into Google-shaped replies. */
  private guard(fn: () => Reply): Reply {
    try {
      return fn();
    } catch (caught) {
      // what core finds wrong with a request (a page token it did not hand out) is the client's error
      const err = isSkyqlError(caught, 'BAD_PARAMETER') ? badRequest(caught.message) : caught;
      if (err instanceof ApiError) return { status: err.code, json: err.body(), headers: err.headers };
      const message = err instanceof Error ? err.message : String(err);
      return { status: 500, json: errorBody(500, `Internal emulator error: ${message}`) };
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    if (this.options.statePath) this.save();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/**
 * Starts the emulator: loads the provider (through the catalog), indexes its services' hosts,
 * applies the sample data, seeds and state file, and listens. Routes compile per host on first use
 * (all at once with `preload`).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const t0 = performance.now();
  const providerName = options.provider ?? 'google';
  let catalog = options.catalog;
  if (!catalog) {
    const registry = new ProviderRegistry(
      options.registry ?? parseRegistryConfig(undefined, join(homedir(), '.skyql')),
      {
        reporter: options.reporter,
        fetcher: options.fetcher,
      },
    );
    catalog = new Catalog(registry, options.version ? new Map([[providerName, options.version]]) : new Map());
  }
  const provider = await catalog.provider(providerName);
  const routes = new RouteTable(provider);
  if (options.preload) routes.loadAll();
  const emulator = new Emulator(routes, options);
  for (const k of options.trustedKeys ?? []) emulator.auth.trust(k);
  for (const f of options.faults ?? []) emulator.faults.add(f);
  emulator.loadInitial();
  await emulator.listen(options.port ?? 0);
  emulator.startupMs = performance.now() - t0;
  return emulator;
}
