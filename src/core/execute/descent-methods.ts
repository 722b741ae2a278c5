import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';

/** The Resource Manager methods an organisation descent calls: `folders.list` and `projects.list`. */
export interface DescentMethods {
  readonly folders: Method;
  readonly projects: Method;
}

/** Where the hierarchy lives: Cloud Resource Manager v3 of the google provider. */
const CRM = ['google', 'cloudresourcemanager'] as const;

async function listMethod(catalog: Catalog, resource: 'folders' | 'projects'): Promise<Method> {
  const r = await catalog.resource(CRM[0], CRM[1], resource);
  const list = r.methods.find((m) => m.name === 'list' && m.params.some((p) => p.name === 'parent'));
  if (list) return list;
  throw new SkyqlError(
    'BAD_PROVIDER_DOC',
    `${r.fqn} has no list method taking parent in this google provider version, so skyql.org cannot descend`,
    { hint: `SHOW METHODS IN ${r.fqn}; a current google provider (registry pull google) has it` },
  );
}

/** Resolves `folders.list` and `projects.list` (loading the google provider when needed). */
export async function loadDescentMethods(catalog: Catalog): Promise<DescentMethods> {
  const [folders, projects] = await Promise.all([
    listMethod(catalog, 'folders'),
    listMethod(catalog, 'projects'),
  ]);
  return { folders, projects };
}

/** `organizations/<id>` or `folders/<id>`: the containers Resource Manager lists children of. */
const ROOT = /^(organizations|folders)\/[A-Za-z0-9_-]+$/;

/** The root value checked: a descent from anything else would list nothing or everything. */
export function descentRoot(value: Literal | undefined): string {
  const root = value === undefined ? '' : String(value);
  if (ROOT.test(root)) return root;
  throw new SkyqlError('BAD_PARAMETER', `root must be organizations/<id> or folders/<id>, not '${root}'`, {
    hint: "e.g. WHERE root = 'organizations/123456789012'; SELECT json_extract(o.value, '$.name') FROM (EXEC google.cloudresourcemanager.organizations.search) t, json_each(t.organizations) o lists yours",
  });
}

/** `showDeleted = true` (or 'true', 1): also DELETE_REQUESTED rows; anything else: ACTIVE only. */
export function showDeletedOf(value: Literal | undefined): boolean {
  return value === true || value === 'true' || value === 1 || value === 'TRUE';
}
