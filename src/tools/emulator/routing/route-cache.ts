import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withCacheFile, writeCacheFile } from '../../../base/util/owned-file.js';
import { parsePathTemplate } from '../../../core/catalog/path-template.js';
import type { InstalledProvider } from '../../../core/catalog/registry/installed-provider.js';
import { compilerFingerprint } from './route-compiler.js';
import type { ResourceShape, RouteSpec } from './route-spec.js';

/**
 * Bump when the cached format, or what the compiler makes of a document, changes (the compiler
 * fingerprint stored beside is not checked: tests and the bundled CLI share one cache).
 */
const ROUTE_CACHE_FORMAT = 3;

/** A route as cached: no segments (re-parsed from the template), shapes by index into `shapes`. */
type CachedRoute = Omit<RouteSpec, 'segments' | 'resource' | 'responseShape'> & {
  resource?: number;
  responseShape?: number;
};

interface CacheFile {
  readonly format: number;
  readonly compiler: string;
  readonly source: SourceStat;
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

/**
 * What one cached route file was compiled from: a service's document and, in the older layout, the
 * resource register whose objectKeys it used. `name` is the cache file's name.
 */
export interface RouteSource {
  readonly name: string;
  /** `$ref`s (relative to the doc root) whose size and mtime decide whether the cache is fresh. */
  readonly refs: readonly string[];
}

type SourceStat = Array<{ mtimeMs: number; size: number }>;

function sourceStat(install: InstalledProvider, source: RouteSource): SourceStat | undefined {
  try {
    return source.refs.map((ref) => {
      const st = statSync(join(install.docRoot, ref));
      return { mtimeMs: st.mtimeMs, size: st.size };
    });
  } catch {
    return undefined;
  }
}

function cachePath(install: InstalledProvider, source: RouteSource): string {
  return join(install.cacheDir, 'emulator-routes', `${source.name.replace(/[\\/]/g, '__')}.json`);
}

/**
 * Routes read from their cache file, by its path, while an emulator still holds them: a process
 * that starts many emulators (the tests do) read and unpacked the same files for each. Shared, so
 * nothing may change them.
 */
const shared = new Map<string, { readonly stamp: string; readonly routes: WeakRef<readonly RouteSpec[]> }>();

/**
 * The compiled routes of a source from the cache beside the catalog's JSON documents, when they
 * were compiled from the same files (same mtimes and sizes) by the same cache format.
 */
export function readCachedRoutes(
  install: InstalledProvider,
  source: RouteSource,
): readonly RouteSpec[] | undefined {
  const src = install.cacheDir === '' ? undefined : sourceStat(install, source);
  if (!src) return undefined;
  const path = cachePath(install, source);
  return withCacheFile(dirname(install.cacheDir), path, (fd, cache) => {
    const stamp = `${JSON.stringify(src)}:${cache.mtimeMs}:${cache.size}`;
    const held = shared.get(path);
    const routes = held?.stamp === stamp ? held.routes.deref() : undefined;
    if (routes) return routes;
    const file = JSON.parse(readFileSync(fd, 'utf8')) as CacheFile;
    if (file.format !== ROUTE_CACHE_FORMAT || JSON.stringify(file.source) !== JSON.stringify(src))
      return undefined;
    const unpacked = unpack(file);
    shared.set(path, { stamp, routes: new WeakRef(unpacked) });
    return unpacked;
  });
}

/** Stores compiled routes; a read-only cache only costs speed. */
export function writeCachedRoutes(
  install: InstalledProvider,
  source: RouteSource,
  routes: readonly RouteSpec[],
): void {
  const src = install.cacheDir === '' ? undefined : sourceStat(install, source);
  if (!src) return;
  const path = cachePath(install, source);
  // when it cannot be kept, the routes are compiled again next time
  writeCacheFile(
    dirname(install.cacheDir),
    path,
    JSON.stringify({
      format: ROUTE_CACHE_FORMAT,
      compiler: compilerFingerprint(),
      source: src,
      ...pack(routes),
    }),
  );
}
