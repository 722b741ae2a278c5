import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject } from '../model/catalog-types.js';
import { loadCachedDocument } from './document-cache.js';
import type { InstalledProvider } from './installed-provider.js';

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
    real = realpathSync(path);
  } catch {
    return path; // missing: the loader says so when the document is used
  }
  const realRel = relative(realpathSync(install.docRoot), real);
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
  const doc = loadCachedDocument(yamlPath, cachePath, install.verifyDocument, missing);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new SkyqlError('BAD_PROVIDER_DOC', `${what} ${yamlPath} is not a mapping`);
  return doc as JsonObject;
}
