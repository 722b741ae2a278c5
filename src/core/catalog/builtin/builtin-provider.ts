import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject, Method } from '../model/catalog-types.js';
import { ProviderHandle } from '../service-catalog.js';
import { DESCEND_METHOD, ORG_SERVICE_DOCUMENT } from './org-service.js';

/**
 * skyql's own provider, `skyql`: tables the engine computes from other providers' calls rather
 * than one API (today `skyql.org.projects` and `skyql.org.folders`). It lives in memory, needs no
 * registry, and its name is not a registry provider's, so it cannot collide with one.
 */
export const BUILTIN_PROVIDER = 'skyql';

/** The version SHOW PROVIDERS prints for it. */
export const BUILTIN_VERSION = 'builtin';

const ORG_DOC_REF = 'services/org.json';

const PROVIDER_DOCUMENT: JsonObject = {
  id: BUILTIN_PROVIDER,
  name: BUILTIN_PROVIDER,
  version: BUILTIN_VERSION,
  providerServices: {
    org: {
      id: 'org:builtin',
      name: 'org',
      preferred: true,
      service: { $ref: ORG_DOC_REF },
      title: 'Organisation descent',
      version: 'builtin',
      description:
        'Every project and folder below an organisation or folder, in one table (Cloud Resource Manager v3 list calls, breadth-first).',
    },
  },
};

const DOCUMENTS: ReadonlyMap<string, JsonObject> = new Map([
  ['provider.yaml', PROVIDER_DOCUMENT],
  [ORG_DOC_REF, ORG_SERVICE_DOCUMENT],
]);

/** The built-in provider's handle (documents from memory; nothing on disk). */
export function builtinProvider(): ProviderHandle {
  const install = { name: BUILTIN_PROVIDER, version: BUILTIN_VERSION, dir: '', docRoot: '', cacheDir: '' };
  return new ProviderHandle(install, (ref, what) => {
    const doc = DOCUMENTS.get(ref);
    if (!doc) throw new SkyqlError('INTERNAL', `${what} is not part of the built-in provider (${ref})`);
    return doc;
  });
}

/** Which walk a method of `skyql.org` asks for; undefined for every other method. */
export function descentKind(method: Method): 'projects' | 'folders' | undefined {
  if (method.name !== DESCEND_METHOD) return undefined;
  if (method.resourceFqn === 'skyql.org.projects') return 'projects';
  if (method.resourceFqn === 'skyql.org.folders') return 'folders';
  return undefined;
}
