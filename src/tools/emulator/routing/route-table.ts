import { performance } from 'node:perf_hooks';
import type { ServiceSummary } from '../../../core/catalog/model/catalog-types.js';
import { type ProviderHandle, ServiceHandle } from '../../../core/catalog/service-catalog.js';
import { indexServiceHosts, type ServiceHosts } from './host-index.js';
import { type RouteSource, readCachedRoutes, writeCachedRoutes } from './route-cache.js';
import { compileService } from './route-compiler.js';
import type { RouteSpec } from './route-spec.js';
import { RouteTrie, type TrieMatch } from './route-trie.js';

/** The compiled routes of one host. */
export interface HostRoutes {
  readonly host: string;
  readonly services: readonly string[];
  readonly routes: readonly RouteSpec[];
  /** GET routes of `…/operations/{id}` items, used to name long-running operations. */
  readonly operationRoutes: readonly RouteSpec[];
  readonly compileMs: number;
  match(method: string, segments: readonly string[]): TrieMatch<RouteSpec>;
}

/** Counters for the admin API and the startup report. */
export interface RouteTableStats {
  readonly services: number;
  readonly hosts: number;
  readonly hostsLoaded: number;
  readonly routes: number;
  readonly indexMs: number;
  readonly compileMs: number;
}

/**
 * The cache key of one document's routes: the service's name for its service document; with a
 * resource register (older layout), one file per document, fresh while neither it nor the register
 * (whose objectKeys the routes use) changed.
 */
function routeSource(summary: ServiceSummary, ref: string): RouteSource {
  return summary.resourcesRef
    ? { name: `${summary.name}@${ref}`, refs: [ref, summary.resourcesRef] }
    : { name: summary.name, refs: [ref] };
}

function buildHost(host: string, services: readonly ServiceHosts[], provider: ProviderHandle): HostRoutes {
  const t0 = performance.now();
  const trie = new RouteTrie<RouteSpec>();
  const routes: RouteSpec[] = [];
  for (const { summary, documents } of services) {
    // A fresh handle, so the parsed documents are dropped once their routes are compiled.
    const handle = new ServiceHandle(provider.name, summary, provider.documents);
    for (const ref of documents) {
      const source = routeSource(summary, ref);
      let compiled = readCachedRoutes(provider.install, source);
      if (!compiled) {
        try {
          compiled = summary.resourcesRef
            ? compileService(summary.name, handle.documentAt(ref), handle.entriesReading(ref))
            : compileService(summary.name, handle.documentAt(ref));
        } catch {
          continue; // an unreadable document only loses its own routes
        }
        writeCachedRoutes(provider.install, source, compiled);
      }
      for (const r of compiled) {
        if (r.host === host && trie.insert(r.method, r)) routes.push(r);
      }
    }
  }
  const operationRoutes = routes.filter((r) => {
    const last = r.segments[r.segments.length - 1];
    const prev = r.segments[r.segments.length - 2];
    return (
      r.method === 'GET' &&
      r.kind === 'get' &&
      last?.kind === 'var' &&
      prev?.kind === 'literal' &&
      prev.text === 'operations'
    );
  });
  return {
    host,
    services: services.map((s) => s.summary.name),
    routes,
    operationRoutes,
    compileMs: performance.now() - t0,
    match: (method, segments) => trie.match(method, segments),
  };
}

/**
 * Routes of every service of a provider, keyed by host. Only the hosts are indexed up front (from the
 * documents' `servers:` lines); a host's documents are loaded through the catalog's JSON cache and
 * compiled into a segment trie on its first request.
 */
export class RouteTable {
  readonly provider: ProviderHandle;
  private readonly byHost = new Map<string, ServiceHosts[]>();
  private readonly loaded = new Map<string, HostRoutes>();
  /** First base-path segment → host (`compute` → compute.googleapis.com). */
  private readonly byBasePath = new Map<string, string>();
  private readonly serviceCount: number;
  readonly indexMs: number;

  constructor(provider: ProviderHandle) {
    const t0 = performance.now();
    this.provider = provider;
    const services = indexServiceHosts(provider);
    this.serviceCount = services.length;
    for (const s of services) {
      for (const h of new Set(s.servers.map((x) => x.host))) {
        const list = this.byHost.get(h) ?? [];
        list.push(s);
        this.byHost.set(h, list);
      }
      for (const { host, basePath } of s.servers) {
        const first = basePath.split('/').filter(Boolean)[0];
        if (first && !this.byBasePath.has(first)) this.byBasePath.set(first, host);
      }
    }
    this.indexMs = performance.now() - t0;
  }

  /** Every host some service is served from, sorted. */
  hosts(): string[] {
    return [...this.byHost.keys()].sort();
  }

  /** The routes of `host` (compiled on first use), or undefined for a host no service uses. */
  forHost(host: string): HostRoutes | undefined {
    const h = host.toLowerCase();
    let routes = this.loaded.get(h);
    if (routes) return routes;
    const services = this.byHost.get(h);
    if (!services) return undefined;
    routes = buildHost(h, services, this.provider);
    this.loaded.set(h, routes);
    return routes;
  }

  /**
   * The host that serves a path under its own base path when it is called through the legacy
   * `www.googleapis.com` host (as older selfLinks do: `https://www.googleapis.com/compute/v1/...`).
   */
  aliasFor(host: string, segments: readonly string[]): string | undefined {
    if (host !== 'www.googleapis.com' || segments.length === 0) return undefined;
    const alias = this.byBasePath.get(segments[0]);
    return alias !== host ? alias : undefined;
  }

  /** Compiles every host now (for measurements and checks of the whole provider). */
  loadAll(): void {
    for (const h of this.byHost.keys()) this.forHost(h);
  }

  stats(): RouteTableStats {
    let routes = 0;
    let compileMs = 0;
    for (const h of this.loaded.values()) {
      routes += h.routes.length;
      compileMs += h.compileMs;
    }
    return {
      services: this.serviceCount,
      hosts: this.byHost.size,
      hostsLoaded: this.loaded.size,
      routes,
      indexMs: this.indexMs,
      compileMs,
    };
  }
}
