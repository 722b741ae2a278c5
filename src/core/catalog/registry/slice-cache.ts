import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject } from '../model/catalog-types.js';

/**
 * The on-disk cache of document slices (see openapi/document-slice.ts): one file per resource,
 * `<header line>\n<slice JSON>`. The header holds the key (format, resource, verification, and the
 * size and mtime of every YAML file the slice was cut from) and an HMAC-SHA256 of key and body
 * under a random per-app-root secret (`<cache>/slice-key`, 0600): a changed document changes the
 * key, and a slice edited or copied in without the secret fails the MAC; either way the slice is
 * cut again from the verified document. Files are 0600 in 0700 folders.
 */

const FORMAT = 1;

export interface SliceRequest {
  /** The slice file. */
  readonly cachePath: string;
  /** The app root's cache folder, where the secret lives. */
  readonly cacheRoot: string;
  /** YAML files whose content the slice depends on. */
  readonly sources: readonly string[];
  /** What else the slice depends on (resource name, verification on/off). */
  readonly tag: string;
  /** Cuts the slice from the (verified) documents; called on a miss. */
  readonly build: () => JsonObject;
}

const secrets = new Map<string, Buffer>();

/** The app root's slice secret, made on first use; undefined when it cannot be read or made. */
function secret(cacheRoot: string): Buffer | undefined {
  const known = secrets.get(cacheRoot);
  if (known) return known;
  const path = join(cacheRoot, 'slice-key');
  let key: Buffer | undefined;
  try {
    const st = statSync(path);
    // a key others may read or write protects nothing: make a new one
    if ((st.mode & 0o077) === 0 && st.size === 32) key = readFileSync(path);
  } catch {
    // none yet
  }
  if (!key) {
    try {
      key = randomBytes(32);
      mkdirSync(cacheRoot, { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, key, { mode: 0o600 });
      renameSync(tmp, path);
    } catch {
      return undefined;
    }
  }
  secrets.set(cacheRoot, key);
  return key;
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

function mac(key: Buffer, sliceKey: string, body: string): Buffer {
  return createHmac('sha256', key).update(sliceKey).update('\n').update(body).digest();
}

/** The cached slice when its key and MAC hold, else undefined. */
function readSlice(req: SliceRequest, key: Buffer, sliceKey: string): JsonObject | undefined {
  let text: string;
  try {
    text = readFileSync(req.cachePath, 'utf8');
  } catch {
    return undefined;
  }
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, nl)) as { key?: unknown; mac?: unknown };
    if (header.key !== sliceKey || typeof header.mac !== 'string') return undefined;
    const body = text.slice(nl + 1);
    const expected = mac(key, sliceKey, body);
    const given = Buffer.from(header.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const slice = JSON.parse(body) as unknown;
    return slice !== null && typeof slice === 'object' && !Array.isArray(slice)
      ? (slice as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function writeSlice(req: SliceRequest, key: Buffer, sliceKey: string, slice: JsonObject): void {
  try {
    const body = JSON.stringify(slice);
    const header = JSON.stringify({ key: sliceKey, mac: mac(key, sliceKey, body).toString('hex') });
    mkdirSync(dirname(req.cachePath), { recursive: true, mode: 0o700 });
    const tmp = `${req.cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, `${header}\n${body}`, { mode: 0o600 });
    renameSync(tmp, req.cachePath);
  } catch {
    // a read-only cache only costs speed
  }
}

/** The slice `req` describes: from the cache when it is current and intact, else built (and cached). */
export function loadSlice(req: SliceRequest): JsonObject {
  const sliceKey = sourceKey(req);
  const key = sliceKey === undefined ? undefined : secret(req.cacheRoot);
  if (sliceKey === undefined || key === undefined) return req.build();
  const cached = readSlice(req, key, sliceKey);
  if (cached) return cached;
  const slice = req.build();
  // the sources may have changed while the slice was cut: key it by what was read before
  if (sourceKey(req) === sliceKey) writeSlice(req, key, sliceKey, slice);
  return slice;
}
