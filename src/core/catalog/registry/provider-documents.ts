import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { sha256Hex } from '../../../base/util/lazy-crypto.js';
import type { JsonObject } from '../model/catalog-types.js';
import { loadCachedDocument } from './document-cache.js';
import type { InstalledProvider } from './installed-provider.js';
import { loadSlice } from './slice-cache.js';

/**
 * The file a `$ref` of an installed provider names. Refs are relative to the doc root
 * (`<localDocRoot>/<srcPrefix>`, or the `src` folder of a registry read in place); a ref that is
 * absolute or climbs out of the doc root is refused, so a hostile document cannot make skyql read
 * files elsewhere.
 */
export function documentPath(install: InstalledProvider, ref: string): string {
  const path = resolve(install.docRoot, ref);
  const rel = relative(install.docRoot, path);
  if (ref === '' || isAbsolute(ref) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `provider document reference ${JSON.stringify(ref)} of ${install.name} ${install.version} is not a file under its doc root ${install.docRoot}`,
      {
        hint: 'references are relative to the doc root, e.g. googleapis.com/v0.1.2/services/storage-v1.yaml',
      },
    );
  }
  // a symbolic link inside the doc root must not lead out of it either
  let real: string | undefined;
  try {
    real = realpathSync.native(path);
  } catch {
    return path; // missing: the loader says so when the document is used
  }
  const realRel = relative(realDocRoot(install.docRoot), real);
  if (realRel === '' || realRel.startsWith('..') || isAbsolute(realRel))
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `provider document reference ${JSON.stringify(ref)} of ${install.name} ${install.version} is a link that leads out of its doc root ${install.docRoot}`,
      {
        hint: 'provider documents must be files under the doc root; copy the file there instead of linking it',
      },
    );
  return path;
}

const realRoots = new Map<string, string>();

/**
 * The doc root with its links resolved, once per process. `realpathSync.native` is one system call;
 * node's JavaScript realpath stats every folder on the way (~1 ms for a registry's depth).
 */
function realDocRoot(docRoot: string): string {
  let real = realRoots.get(docRoot);
  if (real === undefined) {
    real = realpathSync.native(docRoot);
    realRoots.set(docRoot, real);
  }
  return real;
}

/**
 * Loads a document of an installed provider by `$ref` through the JSON cache, checking its
 * signature first. `what` names the document in errors ("service document of google.compute"):
 * a missing file fails here, when the document is first used, naming the ref and the path.
 */
export function loadProviderDocument(install: InstalledProvider, ref: string, what: string): JsonObject {
  const yamlPath = documentPath(install, ref);
  const cachePath = join(install.cacheDir, `${ref.replace(/[\\/]/g, '__')}.json`);
  const missing = () =>
    new SkyqlError('BAD_PROVIDER_DOC', `${what} not found: ${ref} (${yamlPath})`, {
      hint: `the ${install.name} ${install.version} documents lack that file; other services still work`,
    });
  const cached = install.cacheDir !== ''; // none for the built-in provider
  const doc = loadCachedDocument(
    yamlPath,
    cached ? cachePath : undefined,
    cached ? dirname(install.cacheDir) : undefined,
    install.verifyDocument,
    missing,
  );
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new SkyqlError('BAD_PROVIDER_DOC', `${what} ${yamlPath} is not a mapping`);
  return doc as JsonObject;
}

/** A file name for resource `name` (names come from documents: kept readable when safe, else hashed). */
function sliceFileName(name: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/.test(name)
    ? `${name}.json`
    : `~${sha256Hex(name).slice(0, 32)}.json`;
}

/**
 * The slice of document `docRef` for resource `name`, through the slice cache. `sourceRefs` are
 * the documents the slice depends on (the service document; in the older layout the register too);
 * `build` cuts it from the verified documents when the cache has no current copy.
 */
export function loadResourceSlice(
  install: InstalledProvider,
  docRef: string,
  sourceRefs: readonly string[],
  name: string,
  build: () => JsonObject,
): JsonObject {
  if (install.cacheDir === '') return build();
  return loadSlice({
    cachePath: join(install.cacheDir, 'slices', docRef.replace(/[\\/]/g, '__'), sliceFileName(name)),
    cacheRoot: dirname(install.cacheDir),
    sources: sourceRefs.map((ref) => documentPath(install, ref)),
    tag: JSON.stringify([docRef, name, install.verifyDocument !== undefined]),
    build,
  });
}
