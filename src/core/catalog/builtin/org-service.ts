import type { JsonObject } from '../model/catalog-types.js';

/**
 * The `skyql.org` service document: two tables whose one SELECT method, `descend`, walks the
 * Cloud Resource Manager hierarchy below `root` (core/execute/org-descent.ts does the walking).
 * Written as a provider document so the catalog builds them like any other resource: SHOW,
 * DESCRIBE, DESCRIBE METHOD, completion, binding and method choice all work unchanged. The path is
 * never requested; the Resource Manager `list` calls the descent makes are.
 */

/** The name of the one method of each table. */
export const DESCEND_METHOD = 'descend';

const str = (description: string, extra: JsonObject = {}): JsonObject => ({
  type: 'string',
  description,
  ...extra,
});
const time = (description: string) => str(description, { format: 'google-datetime' });

/** Columns the descent adds to every row. */
const descentColumns: JsonObject = {
  depth: {
    type: 'integer',
    description: 'Levels below root: 1 for a direct child of root, 2 below one folder, and so on.',
  },
  path: str(
    "The chain of resource names from root down to this row's parent, joined by '/' (organizations/1/folders/2/folders/7).",
  ),
};

/** The Resource Manager fields both resources share (as `projects.list` / `folders.list` return them). */
const commonColumns: JsonObject = {
  name: str('The resource name: projects/<number> or folders/<number>.'),
  displayName: str('The user-assigned display name.'),
  parent: str('The direct parent: organizations/<id> or folders/<id>.'),
  state: str('ACTIVE, or DELETE_REQUESTED (only with showDeleted = true).'),
  createTime: time('Creation time.'),
  updateTime: time('Last modification time.'),
  deleteTime: time('When deletion was requested, if it was.'),
  etag: str('Checksum of the resource as the server holds it.'),
  tags: { type: 'object', description: 'Tag bindings requested at creation, if any.' },
};

const params = [
  {
    in: 'query',
    name: 'root',
    required: true,
    description:
      'Where the descent starts: organizations/<id> or folders/<id> (an IN list descends from each).',
    schema: { type: 'string' },
  },
  {
    in: 'query',
    name: 'showDeleted',
    description:
      'true: also DELETE_REQUESTED projects and folders (and the projects below such folders); default ACTIVE only.',
    schema: { type: 'boolean' },
  },
];

function resourceEntry(name: string, title: string, description: string, key: string): JsonObject {
  const ref = `#/components/x-stackQL-resources/${name}/methods/${DESCEND_METHOD}`;
  return {
    id: `skyql.org.${name}`,
    name,
    title,
    description,
    methods: {
      [DESCEND_METHOD]: {
        operation: { $ref: `#/paths/~1skyql~1org~1${name}/get` },
        response: { mediaType: 'application/json', openAPIDocKey: '200', objectKey: `$.${key}` },
      },
    },
    sqlVerbs: { select: [{ $ref: ref }], insert: [], update: [], replace: [], delete: [] },
  };
}

function operation(name: string, description: string, schema: string): JsonObject {
  return {
    get: {
      operationId: `skyql.org.${name}.${DESCEND_METHOD}`,
      description,
      parameters: params,
      responses: {
        '200': {
          description: 'Every row below root.',
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
        },
      },
    },
  };
}

/** The service document of `skyql.org`. */
export const ORG_SERVICE_DOCUMENT: JsonObject = {
  openapi: '3.0.0',
  info: {
    title: 'skyql organisation descent',
    version: 'builtin',
    description:
      'Every project and folder below an organisation or folder, recursively, from Cloud Resource Manager v3 list calls.',
  },
  servers: [{ url: 'https://cloudresourcemanager.googleapis.com' }],
  paths: {
    '/skyql/org/projects': operation(
      'projects',
      'Breadth-first descent from root: folders.list and projects.list of google.cloudresourcemanager for root and every folder below it; one row per project.',
      'DescendProjectsResponse',
    ),
    '/skyql/org/folders': operation(
      'folders',
      'Breadth-first descent from root: folders.list of google.cloudresourcemanager for root and every folder below it; one row per folder.',
      'DescendFoldersResponse',
    ),
  },
  components: {
    schemas: {
      DescendProjectsResponse: {
        type: 'object',
        properties: { projects: { type: 'array', items: { $ref: '#/components/schemas/Project' } } },
      },
      DescendFoldersResponse: {
        type: 'object',
        properties: { folders: { type: 'array', items: { $ref: '#/components/schemas/Folder' } } },
      },
      Project: {
        type: 'object',
        properties: {
          ...commonColumns,
          projectId: str('The user-assigned project id (what other APIs call project).'),
          labels: { type: 'object', description: 'The labels of the project.' },
          ...descentColumns,
        },
      },
      Folder: { type: 'object', properties: { ...commonColumns, ...descentColumns } },
    },
    'x-stackQL-resources': {
      projects: resourceEntry(
        'projects',
        'Projects below an organisation or folder',
        'Every project below root (organizations/<id> or folders/<id>), recursively; ACTIVE only unless showDeleted = true.',
        'projects',
      ),
      folders: resourceEntry(
        'folders',
        'Folders below an organisation or folder',
        'Every folder below root (organizations/<id> or folders/<id>), recursively; ACTIVE only unless showDeleted = true.',
        'folders',
      ),
    },
  },
};
