import { statSync } from 'node:fs';
import { readCacheFile, writeCacheFile } from '../../../base/util/owned-file.js';
import type { JsonObject } from '../model/catalog-types.js';

/**
 * The on-disk cache of document slices (see openapi/document-slice.ts): one file per resource,
 * `<header line>\n<slice JSON>`. The header holds the key (format, resource, verification, and the
 * size and mtime of every YAML file the slice was cut from): a changed document changes the key,
 * and the slice is cut again from the verified document. Files are 0600 in 0700 folders, and a
 * slice is read only when this user alone could have written it and its folders (owned-file.ts):
 * one another user could have planted or changed is cut again. (An HMAC under a per-app-root secret was
 * dropped: it guarded only against writers who could equally replace the code cache beside it,
 * and loading node:crypto for it cost every start ~5 ms.)
 */

const FORMAT = 2;

export interface SliceRequest {
  /** The slice file. */
  readonly cachePath: string;
  /** The app root's cache folder: it and every folder below it to the slice must be this user's alone. */
  readonly cacheRoot: string;
  /** YAML files whose content the slice depends on. */
  readonly sources: readonly string[];
  /** What else the slice depends on (resource name, verification on/off). */
  readonly tag: string;
  /** Cuts the slice from the (verified) documents; called on a miss. */
  readonly build: () => JsonObject;
}

function sourceKey(req: SliceRequest): string | undefined {
  const parts: unknown[] = [FORMAT, req.tag];
  for (const path of req.sources) {
    try {
      const st = statSync(path);
      parts.push(path, st.size, st.mtimeMs);
    } catch {
      return undefined; // a missing source: the build says so
    }
  }
  return JSON.stringify(parts);
}

/** The cached slice when it is this user's own and its key holds, else undefined. */
function readSlice(req: SliceRequest, sliceKey: string): JsonObject | undefined {
  const text = readCacheFile(req.cacheRoot, req.cachePath);
  if (text === undefined) return undefined;
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, nl)) as { key?: unknown };
    if (header.key !== sliceKey) return undefined;
    const slice = JSON.parse(text.slice(nl + 1)) as unknown;
    return slice !== null && typeof slice === 'object' && !Array.isArray(slice)
      ? (slice as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function writeSlice(req: SliceRequest, sliceKey: string, slice: JsonObject): void {
  writeCacheFile(
    req.cacheRoot,
    req.cachePath,
    `${JSON.stringify({ key: sliceKey })}\n${JSON.stringify(slice)}`,
  );
}

/** The slice `req` describes: from the cache when it is current and this user's own, else built (and cached). */
export function loadSlice(req: SliceRequest): JsonObject {
  const sliceKey = sourceKey(req);
  if (sliceKey === undefined) return req.build();
  const cached = readSlice(req, sliceKey);
  if (cached) return cached;
  const slice = req.build();
  // the sources may have changed while the slice was cut: key it by what was read before
  if (sourceKey(req) === sliceKey) writeSlice(req, sliceKey, slice);
  return slice;
}
