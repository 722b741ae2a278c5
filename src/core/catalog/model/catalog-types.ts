/**
 * The catalog's model of a provider: plain data derived from provider.yaml and the service
 * documents. Raw OpenAPI fragments are kept as `JsonObject` where later phases need them.
 */

/** A parsed JSON/YAML object. */
export type JsonObject = { [key: string]: unknown };

/** SQL verbs a method can serve; `exec` = reachable only through EXEC. */
export type SqlVerb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

/** Verb order used by SHOW METHODS and the docs. */
export const SQL_VERB_ORDER: readonly SqlVerb[] = ['select', 'insert', 'delete', 'update', 'replace', 'exec'];

/** One entry of provider.yaml `providerServices`. */
export interface ServiceSummary {
  readonly name: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly preferred: boolean;
  /** `$ref` of the service document, relative to the provider's doc root (may name an absent file). */
  readonly ref: string;
  /**
   * `$ref` of the resource register (the older layout's `resources: {$ref}`), relative to the doc
   * root; absent when the resources live in the service document's `x-stackQL-resources`.
   */
  readonly resourcesRef: string | undefined;
}

/** Where a parameter goes in the request. `body` = a `data__<name>` request-body field. */
export type ParamLocation = 'path' | 'query' | 'header' | 'server' | 'body';

/** One input of a method. */
export interface MethodParam {
  /** SQL name: the parameter name, or `data__<field>` for body fields. */
  readonly name: string;
  /** Name on the wire (path placeholder, query key, header, body field). */
  readonly wireName: string;
  readonly location: ParamLocation;
  readonly required: boolean;
  /** OpenAPI type (`string`, `integer`, `object`…), `string` when undeclared. */
  readonly type: string;
  readonly format: string | undefined;
  readonly description: string;
  /** Declared on the path item for all operations (Google's standard query parameters). */
  readonly shared: boolean;
  readonly schema: JsonObject | undefined;
}

/** One response/schema-derived column. */
export interface SchemaColumn {
  readonly name: string;
  readonly type: string;
  readonly format: string | undefined;
  readonly description: string;
  readonly schema: JsonObject;
}

/** How a method's response becomes rows. */
export interface ResponseSpec {
  /** The media type the body is read as: `overrideMediaType`, else `mediaType`, else the document's. */
  readonly mediaType: string;
  readonly openAPIDocKey: string;
  /** `$.items` (JSONPath) or `items` (bare key), as written in the document. */
  readonly objectKey: string | undefined;
  /** The (dereferenced) schema of the chosen response, if any. */
  readonly schema: JsonObject | undefined;
}

/** A method of a resource, bound to its HTTP operation. */
export interface Method {
  readonly name: string;
  readonly resourceFqn: string;
  readonly verb: SqlVerb;
  readonly httpMethod: string;
  /** Path template, e.g. `/v1/projects/{projectsId}/locations`. */
  readonly path: string;
  /** Server URL templates (method override, else the document's). */
  readonly servers: readonly ServerSpec[];
  readonly description: string;
  readonly operationId: string | undefined;
  readonly params: readonly MethodParam[];
  readonly requestMediaType: string | undefined;
  /** Dereferenced request body schema, if the method takes a body. */
  readonly requestSchema: JsonObject | undefined;
  readonly response: ResponseSpec;
  /** Columns of one response row (objectKey applied); `column_anon` for scalar responses. */
  readonly columns: readonly SchemaColumn[];
  /** Method-level x-stackQL config (pagination etc.), merged later with resource/service config. */
  readonly config: JsonObject | undefined;
  /** The method's entry as written in the provider document (`operation`, `request`, `response`…). */
  readonly entry: JsonObject;
}

/** A server URL template and its variables' defaults. */
export interface ServerSpec {
  readonly url: string;
  readonly variables: Readonly<Record<string, { default?: string; description?: string; enum?: string[] }>>;
}

/** A resource (table) of a service. */
export interface Resource {
  readonly provider: string;
  readonly service: string;
  readonly name: string;
  /** `provider.service.resource` */
  readonly fqn: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** All methods in document order. */
  readonly methods: readonly Method[];
  /** Methods per SQL verb in precedence order (document order of sqlVerbs). */
  readonly verbs: Readonly<Record<Exclude<SqlVerb, 'exec'>, readonly Method[]>>;
  readonly config: JsonObject | undefined;
  /**
   * The OpenAPI document its operations and schemas resolve against: the service document, or in
   * the older layout the resource's own `serviceDoc` (see `core/catalog/resource-source.ts`).
   */
  readonly doc: JsonObject;
}
