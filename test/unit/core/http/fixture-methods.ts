/**
 * Real catalog methods from the fixture provider documents, and small synthetic methods for
 * cases the documents do not exercise.
 */

import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import type { Method, MethodParam, Resource } from '../../../../src/core/catalog/model/catalog-types.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import type { HttpResponse } from '../../../../src/core/http/http-types.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

const catalogs = new Map<string, Catalog>();

/** The catalog of one pulled Google version (`v25.07.00000` or `v1.0.4`). */
export function catalog(version = 'v25.07.00000'): Catalog {
  let c = catalogs.get(version);
  if (!c) {
    c = new Catalog(
      new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
      new Map([['google', version]]),
    );
    catalogs.set(version, c);
  }
  return c;
}

/** `google.<service>.<resource>` of the given version. */
export function resource(service: string, name: string, version = 'v25.07.00000'): Promise<Resource> {
  return catalog(version).resource('google', service, name);
}

/** One method of a resource by name. */
export async function method(
  service: string,
  res: string,
  name: string,
  version = 'v25.07.00000',
): Promise<Method> {
  const r = await resource(service, res, version);
  const m = r.methods.find((x) => x.name === name);
  if (!m) throw new Error(`no method ${name} in ${r.fqn}: ${r.methods.map((x) => x.name).join(', ')}`);
  return m;
}

/** A parameter for synthetic methods. */
export function param(
  name: string,
  location: MethodParam['location'],
  required = false,
  wireName = name.replace(/^data__/, ''),
): MethodParam {
  return {
    name,
    wireName,
    location,
    required,
    type: 'string',
    format: undefined,
    description: '',
    shared: false,
    schema: undefined,
  };
}

/** A synthetic method; fields not given take list-method defaults. */
export function syntheticMethod(overrides: Partial<Method> = {}): Method {
  return {
    name: 'list',
    resourceFqn: 'google.test.things',
    verb: 'select',
    httpMethod: 'GET',
    path: '/v1/things',
    servers: [{ url: 'https://test.googleapis.com', variables: {} }],
    description: '',
    operationId: undefined,
    params: [],
    requestMediaType: undefined,
    requestSchema: undefined,
    response: {
      mediaType: 'application/json',
      openAPIDocKey: '200',
      objectKey: undefined,
      schema: undefined,
    },
    columns: [],
    config: undefined,
    entry: {},
    ...overrides,
  };
}

/** A scripted response. */
export function response(
  status: number,
  body: string | Buffer | object,
  headers: Record<string, string> = {},
): HttpResponse {
  const buf = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  if (typeof body === 'object' && !Buffer.isBuffer(body) && h['content-type'] === undefined)
    h['content-type'] = 'application/json';
  return { status, statusText: '', headers: h, body: buf, url: 'https://test.googleapis.com/', attempts: 1 };
}
