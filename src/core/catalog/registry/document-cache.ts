import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { loadYaml } from '../../../base/util/load-yaml.js';

/**
 * Documents read from their JSON copy, by its path, while anything still holds them: each session
 * (every wire connection of `skyql srv`, every test) builds its own catalog, and reading compute's
 * 3 MB again cost more than parsing it. Callers share these objects, so nothing may change them.
 */
const shared = new Map<string, { readonly stamp: string; readonly doc: WeakRef<object> }>();

/**
 * Provider documents are YAML (compute's is 4 MB and takes ~170 ms to parse); their JSON copy
 * parses in ~25 ms. Each document is parsed once and its JSON kept at `cachePath`; later loads read
 * the JSON while it is newer than the YAML (the same object again while it is in use in this
 * process). `verify` checks the YAML's signature before it is trusted. `missing` makes the error
 * for an absent file (default: "provider document not found: <path>").
 */
export function loadCachedDocument(
  yamlPath: string,
  cachePath: string,
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
  try {
    const cache = statSync(cachePath);
    if (cache.mtimeMs >= yamlMtime) {
      const stamp = `${cache.mtimeMs}:${cache.size}`;
      const held = shared.get(cachePath);
      const doc = held?.stamp === stamp ? held.doc.deref() : undefined;
      if (doc) return doc;
      const parsed: unknown = JSON.parse(readFileSync(cachePath, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null)
        shared.set(cachePath, { stamp, doc: new WeakRef(parsed) });
      return parsed;
    }
  } catch {
    // no usable cache: parse the YAML below
  }
  verify?.(yamlPath);
  const doc = parseYamlFile(yamlPath);
  try {
    mkdirSync(dirname(cachePath), { recursive: true, mode: 0o700 });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc), { mode: 0o600 }); // a copy is no more readable than needed
    renameSync(tmp, cachePath);
  } catch {
    // a read-only cache only costs speed
  }
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
