import type { TemplateSegment } from '../../../core/catalog/path-template.js';

/** What a route does to the state, derived from the operation's id, HTTP method and path shape. */
export type RouteKind =
  | 'list'
  | 'aggregatedList'
  | 'get'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'getIamPolicy'
  | 'setIamPolicy'
  | 'testIamPermissions'
  | 'custom'
  | 'dicomWeb';

/** How the documented success response looks. */
export type ResponseStyle = 'computeOperation' | 'longrunning' | 'empty' | 'httpBody' | 'resource';

/** The shape of a resource schema, as far as the emulator fills in server-set fields. */
export interface ResourceShape {
  readonly props: readonly string[];
  /** `kind` property default, e.g. `compute#instance`. */
  readonly kind?: string;
  /** Format of the `id` property (`uint64` for compute). */
  readonly idFormat?: string;
  readonly statusEnum?: readonly string[];
  readonly stateEnum?: readonly string[];
  /** The `$ref` the schema was reached through, for comparing schemas between routes. */
  readonly ref?: string;
}

/** Where the rows of a list response go. */
export type ListKey =
  | { readonly kind: 'plain'; readonly key: string }
  /** Compute aggregatedList: `items: {"zones/x": {<inner>: [...]}}`. */
  | { readonly kind: 'aggregated'; readonly inner: string | undefined };

/** One query parameter of an operation. */
export interface QueryParam {
  readonly name: string;
  readonly required: boolean;
}

/** A compiled operation of a service document. */
export interface RouteSpec {
  readonly service: string;
  readonly host: string;
  readonly method: string;
  /** Path template as served: server base path + document path. */
  readonly template: string;
  readonly segments: readonly TemplateSegment[];
  /** Index of the first segment of the resource key (after base path and version). */
  readonly keyStart: number;
  /** End (exclusive) of the target key: the custom verb or IAM suffix is not part of it. */
  readonly keyEnd: number;
  /** The last key segment is a literal `collection:verb`; the key keeps only the part before `:`. */
  readonly colonLiteral: boolean;
  /** Segments before the key, joined: `/compute/v1`, `/v1`, `/storage/v1`. */
  readonly linkPrefix: string;
  readonly operationId: string;
  /** Last part of the operation id: `list`, `insert`, `getIamPolicy`, `start`… */
  readonly verb: string;
  readonly kind: RouteKind;
  /** The target key names a collection (list, create by POST, collection-level custom verbs). */
  readonly targetIsCollection: boolean;
  readonly customVerb: string | undefined;
  readonly queryParams: readonly QueryParam[];
  /** Create: the query parameter carrying the new id (`datasetId`, `topicId`…). */
  readonly idParam: string | undefined;
  readonly listKey: ListKey | undefined;
  readonly successStatus: number;
  readonly response: ResponseStyle;
  readonly responseShape: ResourceShape | undefined;
  /** Shape of the resource the route reads or writes. */
  readonly resource: ResourceShape | undefined;
  /** Patch/update bodies like `{topic: {...}, updateMask}`: the property holding the resource. */
  readonly bodyWrapperKey: string | undefined;
  readonly requestMediaType: string | undefined;
}
