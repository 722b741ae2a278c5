import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSummary } from '../../../core/catalog/model/catalog-types.js';
import { parsePathTemplate } from '../../../core/catalog/path-template.js';
import type { InstalledProvider } from '../../../core/catalog/registry/installed-provider.js';
import { compilerFingerprint } from './route-compiler.js';
import type { ResourceShape, RouteSpec } from './route-spec.js';

/** Bump when the cached format itself changes; compiler changes are caught by its fingerprint. */
const ROUTE_CACHE_FORMAT = 2;

/** A route as cached: no segments (re-parsed from the template), shapes by index into `shapes`. */
type CachedRoute = Omit<RouteSpec, 'segments' | 'resource' | 'responseShape'> & {
  resource?: number;
  responseShape?: number;
};

interface CacheFile {
  readonly format: number;
  readonly compiler: string;
  readonly source: { readonly mtimeMs: number; readonly size: number };
  readonly shapes: ResourceShape[];
  readonly routes: CachedRoute[];
}

function pack(routes: readonly RouteSpec[]): { shapes: ResourceShape[]; routes: CachedRoute[] } {
  const shapes: ResourceShape[] = [];
  const index = new Map<string, number>();
  const ref = (shape: ResourceShape | undefined): number | undefined => {
    if (shape === undefined) return undefined;
    const key = JSON.stringify(shape);
    let i = index.get(key);
    if (i === undefined) {
      i = shapes.push(shape) - 1;
      index.set(key, i);
    }
    return i;
  };
  return {
    shapes,
    routes: routes.map(({ segments: _s, resource, responseShape, ...rest }) => ({
      ...rest,
      resource: ref(resource),
      responseShape: ref(responseShape),
    })),
  };
}

function unpack(file: CacheFile): RouteSpec[] {
  return file.routes.map(({ resource, responseShape, ...rest }) => ({
    ...rest,
    segments: parsePathTemplate(rest.template),
    resource: resource === undefined ? undefined : file.shapes[resource],
    responseShape: responseShape === undefined ? undefined : file.shapes[responseShape],
  }));
}

function sourceStat(
  install: InstalledProvider,
  summary: ServiceSummary,
): { mtimeMs: number; size: number } | undefined {
  try {
    const st = statSync(join(install.docRoot, summary.ref));
    return { mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  }
}

function cachePath(install: InstalledProvider, summary: ServiceSummary): string {
  return join(install.cacheDir, 'emulator-routes', `${summary.name}.json`);
}

/**
 * Routes read from their cache file, by its path, while an emulator still holds them: a process
 * that starts many emulators (the tests do) read and unpacked the same files for each. Shared, so
 * nothing may change them.
 */
const shared = new Map<string, { readonly stamp: string; readonly routes: WeakRef<readonly RouteSpec[]> }>();

/**
 * The compiled routes of a service from the cache beside the catalog's JSON documents, when they
 * were compiled from the same document (same mtime and size) by the same cache format.
 */
export function readCachedRoutes(
  install: InstalledProvider,
  summary: ServiceSummary,
): readonly RouteSpec[] | undefined {
  const src = sourceStat(install, summary);
  if (!src) return undefined;
  const path = cachePath(install, summary);
  try {
    const cache = statSync(path);
    const stamp = `${src.mtimeMs}:${src.size}:${cache.mtimeMs}:${cache.size}`;
    const held = shared.get(path);
    const routes = held?.stamp === stamp ? held.routes.deref() : undefined;
    if (routes) return routes;
    const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (
      file.format !== ROUTE_CACHE_FORMAT ||
      file.source.mtimeMs !== src.mtimeMs ||
      file.source.size !== src.size
    )
      return undefined;
    const unpacked = unpack(file);
    shared.set(path, { stamp, routes: new WeakRef(unpacked) });
    return unpacked;
  } catch {
    return undefined;
  }
}

/** Stores compiled routes; a read-only cache only costs speed. */
export function writeCachedRoutes(
  install: InstalledProvider,
  summary: ServiceSummary,
  routes: readonly RouteSpec[],
): void {
  const src = sourceStat(install, summary);
  if (!src) return;
  const path = cachePath(install, summary);
  try {
    mkdirSync(join(install.cacheDir, 'emulator-routes'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({
        format: ROUTE_CACHE_FORMAT,
        compiler: compilerFingerprint(),
        source: src,
        ...pack(routes),
      }),
    );
    renameSync(tmp, path);
  } catch {
    // ignore: the routes are compiled again next time
  }
}
