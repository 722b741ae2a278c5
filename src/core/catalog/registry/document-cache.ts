import { readFileSync, statSync } from 'node:fs';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { loadYaml } from '../../../base/util/load-yaml.js';
import { withCacheFile, writeCacheFile } from '../../../base/util/owned-file.js';

/**
 * Documents read from their JSON copy, by its path, while anything still holds them: each session
 * (every wire connection of `skyql srv`, every test) builds its own catalog, and reading compute's
 * 3 MB again cost more than parsing it. Callers share these objects, so nothing may change them.
 */
const shared = new Map<string, { readonly stamp: string; readonly doc: WeakRef<object> }>();

/**
 * Provider documents are YAML (compute's is 4 MB and takes ~170 ms to parse); their JSON copy
 * parses in ~25 ms. Each document is parsed once and its JSON kept at `cachePath` (none when
 * undefined); later loads read the JSON while it is newer than the YAML (the same object again
 * while it is in use in this process). The copy is read and written only when it and its folders
 * up to `cacheRoot` are this user's alone (owned-file.ts): a copy another user could have planted
 * would bypass `verify`, which checks the YAML's signature before it is trusted. `missing` makes
 * the error for an absent file (default: "provider document not found: <path>").
 */
export function loadCachedDocument(
  yamlPath: string,
  cachePath: string | undefined,
  cacheRoot: string | undefined,
  verify?: (path: string) => void,
  missing?: () => SkyqlError,
): unknown {
  let yamlMtime: number;
  try {
    yamlMtime = statSync(yamlPath).mtimeMs;
  } catch (err) {
    throw (
      missing?.() ??
      new SkyqlError('BAD_PROVIDER_DOC', `provider document not found: ${yamlPath}`, { cause: err })
    );
  }
  const cached =
    cachePath && cacheRoot
      ? withCacheFile(cacheRoot, cachePath, (fd, cache) => {
          if (cache.mtimeMs < yamlMtime) return undefined;
          const stamp = `${cache.mtimeMs}:${cache.size}`;
          const held = shared.get(cachePath);
          const doc = held?.stamp === stamp ? held.doc.deref() : undefined;
          if (doc) return doc;
          const parsed: unknown = JSON.parse(readFileSync(fd, 'utf8'));
          if (typeof parsed !== 'object' || parsed === null) return undefined;
          shared.set(cachePath, { stamp, doc: new WeakRef(parsed) });
          return parsed;
        })
      : undefined;
  if (cached !== undefined) return cached;
  verify?.(yamlPath);
  const doc = parseYamlFile(yamlPath);
  if (cachePath && cacheRoot) writeCacheFile(cacheRoot, cachePath, JSON.stringify(doc));
  return doc;
}

/** Parses a YAML file, turning syntax errors into BAD_PROVIDER_DOC naming the file and line. */
function parseYamlFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return loadYaml(text);
  } catch (err) {
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `provider document ${path} is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      {
        cause: err,
      },
    );
  }
}
