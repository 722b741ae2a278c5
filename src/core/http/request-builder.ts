/**
 * Builds the HTTP request for a catalog method from SQL parameter values (StackQL §2.3): server
 * variables, path parameters (escaped; resource names with `/` kept where they fill a segment),
 * query parameters (arrays as repeated keys, objects as JSON), header parameters and the request
 * body from `data__<field>` values or a whole `@@json` body.
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method, MethodParam } from '../catalog/model/catalog-types.js';
import { expandPathTemplate, templateVars } from '../catalog/path-template.js';
import type { HttpRequest } from './http-types.js';

/** Options of {@link buildRequest}. */
export interface BuildRequestOptions {
  /**
   * The whole request body (EXEC `@@json`): an object whose top-level keys are body properties, or
   * JSON text of one. `data__` values are laid over it.
   */
  readonly body?: unknown;
}

const DEFAULT_MEDIA_TYPE = 'application/json';

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof Date)
  );
}

/** A parameter value as text on the wire (path, query, header, server variable). */
export function wireText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(wireText).join(',');
  return JSON.stringify(v);
}

/**
 * A `data__` value as a JSON body value: strings holding a JSON object or array become structured
 * values; numbers and booleans keep their type; bytes become base64; bigints become strings
 * (Google's int64 convention).
 */
function bodyValue(v: unknown, field?: { method: Method; param: MethodParam }): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        return JSON.parse(t);
      } catch (err) {
        if (field) invalidJsonField(field.method, field.param, t, err);
        return v;
      }
    }
    return v;
  }
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof Date) return v.toISOString();
  return v;
}

/**
 * An object- or array-typed `data__` field whose text looks like JSON but does not parse (a
 * template that put a list inside quotes, a missing comma) is an error before anything is sent;
 * sent as a string it would reach the API as text. String fields keep such text as it is.
 */
function invalidJsonField(method: Method, p: MethodParam, text: string, err: unknown): void {
  if (p.type !== 'object' && p.type !== 'array') return;
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  throw new SkyqlError(
    'BAD_PARAMETER',
    `${label(method)}: ${p.name} is not valid JSON (${(err as Error).message}): ${shown}`,
    {
      hint: `${p.name} is a JSON ${p.type}: write it as JSON (in a template, '{{ .values.${p.name} }}' writes a list or object whole; do not put a list inside quotes)`,
    },
  );
}

function paramValue(values: ReadonlyMap<string, unknown>, p: MethodParam): unknown {
  const v = values.get(p.name);
  if (isPresent(v)) return v;
  // `{+datasetId}`: accept the name without the reserved-expansion marker too.
  if (p.name.startsWith('+')) return values.get(p.name.slice(1));
  return undefined;
}

function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function label(method: Method): string {
  return `${method.resourceFqn}.${method.name}`;
}

function missing(method: Method, names: readonly string[]): SkyqlError {
  return new SkyqlError(
    'BAD_PARAMETER',
    `${label(method)}: missing required parameter${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
    { hint: `SHOW METHODS IN ${method.resourceFqn} lists the parameters each method needs` },
  );
}

function serverUrl(method: Method, values: ReadonlyMap<string, unknown>, missingNames: string[]): string {
  const server = method.servers[0];
  if (!server?.url)
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `${label(method)}: the provider document declares no server URL`,
    );
  const url = server.url.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const given = values.get(name);
    if (isPresent(given)) return wireText(given);
    const def = server.variables[name]?.default;
    if (def !== undefined) return def;
    missingNames.push(name);
    return match;
  });
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function serialiseBody(body: unknown, mediaType: string): string | Uint8Array {
  const mt = mediaType.toLowerCase();
  if (body instanceof Uint8Array) return body;
  if (mt.includes('x-www-form-urlencoded') && isPlainObject(body)) {
    return queryString(
      Object.entries(body)
        .filter(([, v]) => isPresent(v))
        .map(([k, v]) => [k, wireText(v)] as const),
    );
  }
  if (typeof body === 'string' && !mt.includes('json')) return body;
  return JSON.stringify(body);
}

/** What {@link buildRequest} reads of a method on every call, worked out once per method (a fan-out builds thousands). */
interface MethodShape {
  /** The path's placeholders, each with the path parameter it names (if any). */
  readonly placeholders: ReadonlyArray<{
    readonly ph: ReturnType<typeof templateVars>[number];
    readonly param: MethodParam | undefined;
  }>;
  /** Query, header and body parameters. */
  readonly others: readonly MethodParam[];
  /** A POST, PUT or PATCH with a request schema sends `{}` when no field is given. */
  readonly emptyBody: boolean;
}

const shapes = new WeakMap<Method, MethodShape>();

function shapeOf(method: Method): MethodShape {
  let shape = shapes.get(method);
  if (!shape) {
    const pathParams = new Map<string, MethodParam>();
    for (const p of method.params) if (p.location === 'path') pathParams.set(p.wireName, p);
    shape = {
      placeholders: templateVars(method.path).map((ph) => ({
        ph,
        param: pathParams.get(ph.token) ?? pathParams.get(ph.name),
      })),
      others: method.params.filter((p) => p.location !== 'path' && p.location !== 'server'),
      emptyBody: method.requestSchema !== undefined && /^(POST|PUT|PATCH)$/i.test(method.httpMethod),
    };
    shapes.set(method, shape);
  }
  return shape;
}

/**
 * The request for `method` with `values` (SQL parameter name → value). Missing required
 * parameters (path placeholders, required query/header parameters, server variables without a
 * default, required body fields when no whole body is given) fail with BAD_PARAMETER naming them.
 */
export function buildRequest(
  method: Method,
  values: ReadonlyMap<string, unknown>,
  options: BuildRequestOptions = {},
): HttpRequest {
  const missingNames: string[] = [];
  const base = serverUrl(method, values, missingNames);
  const shape = shapeOf(method);

  const pathValues = new Map<string, string>();
  for (const { ph, param: p } of shape.placeholders) {
    const v = p ? paramValue(values, p) : (values.get(ph.token) ?? values.get(ph.name));
    if (isPresent(v)) pathValues.set(ph.token, wireText(v));
    else if (!missingNames.includes(p?.name ?? ph.token)) missingNames.push(p?.name ?? ph.token);
  }

  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  const bodyFields: [string, unknown][] = [];
  for (const p of shape.others) {
    const v = paramValue(values, p);
    if (!isPresent(v)) {
      if (p.required && (p.location !== 'body' || options.body === undefined)) missingNames.push(p.name);
      continue;
    }
    if (p.location === 'query') {
      if (Array.isArray(v)) for (const item of v) query.push([p.wireName, wireText(item)]);
      else query.push([p.wireName, wireText(v)]);
    } else if (p.location === 'header') {
      headers[p.wireName] = wireText(v);
    } else {
      bodyFields.push([p.wireName, bodyValue(v, { method, param: p })]);
    }
  }
  if (missingNames.length > 0) throw missing(method, missingNames);

  const path = expandPathTemplate(method.path, (ph) => pathValues.get(ph.token));
  const qs = queryString(query);
  const url = `${base}${path.startsWith('/') || path === '' ? '' : '/'}${path}${qs ? (path.includes('?') ? '&' : '?') + qs : ''}`;

  const mediaType = method.requestMediaType ?? DEFAULT_MEDIA_TYPE;
  let body: unknown;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? bodyValue(options.body) : options.body;
    if (bodyFields.length > 0) {
      if (!isPlainObject(body))
        throw new SkyqlError(
          'BAD_PARAMETER',
          `${label(method)}: data__ fields cannot be combined with a non-object request body`,
        );
      body = { ...body, ...Object.fromEntries(bodyFields) };
    }
  } else if (bodyFields.length > 0) {
    body = Object.fromEntries(bodyFields);
  } else if (shape.emptyBody) {
    body = {};
  }

  const request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
  } = {
    method: method.httpMethod.toUpperCase(),
    url,
  };
  if (body !== undefined) {
    request.body = serialiseBody(body, mediaType);
    headers['content-type'] = mediaType;
  }
  if (Object.keys(headers).length > 0) request.headers = headers;
  return request;
}
