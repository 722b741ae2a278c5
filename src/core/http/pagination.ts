/**
 * Pagination, both ends. The client's (StackQL §3.2): strategies chosen from `config.pagination`
 * (method, then resource, then Google's default) and a page loop that goes to the end unless a page
 * limit is set. The server's (the emulator's lists): the page a request's token and size ask for.
 *
 * Config shape (x-stackQL-config):
 * ```yaml
 * pagination:
 *   requestToken:  { key: pageToken, location: query }      # query | body | header
 *   responseToken: { key: nextPageToken, location: body }   # body (dotted path) | header; key Link + header = Link paging
 *   algorithm: page_number                                   # optional; requestToken.key is the page number
 *   terminator: { key: has_more, location: body, value: false }  # optional (page_number)
 * ```
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { JsonObject, Method } from '../catalog/model/catalog-types.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { tryJsonBody } from './json-body.js';

/** Where a token is read from or written to. */
export interface TokenLocator {
  readonly key: string;
  readonly location: 'query' | 'body' | 'header';
}

/** When a page-number loop ends besides an empty page. */
export interface PageTerminator {
  readonly key: string;
  readonly location: 'body' | 'header';
  /** Stop when the value equals this; when undefined, stop when the value is absent or empty. */
  readonly value?: unknown;
}

/** How to fetch the next page. */
export type PaginationStrategy =
  | { readonly kind: 'none' }
  | { readonly kind: 'token'; readonly request: TokenLocator; readonly response: TokenLocator }
  | { readonly kind: 'link' }
  | { readonly kind: 'page_number'; readonly request: TokenLocator; readonly terminator?: PageTerminator };

/** Google's page token: the query parameter of a request, and the body field of a response. */
const PAGE_TOKEN = 'pageToken';
export const NEXT_PAGE_TOKEN = 'nextPageToken';

/** Google's default: `nextPageToken` in the body → `pageToken` in the query. */
export const GOOGLE_TOKEN_PAGINATION: PaginationStrategy = {
  kind: 'token',
  request: { key: PAGE_TOKEN, location: 'query' },
  response: { key: NEXT_PAGE_TOKEN, location: 'body' },
};

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function locator(raw: unknown, defaults: TokenLocator): TokenLocator {
  const o = obj(raw);
  const key = typeof o?.key === 'string' && o.key ? o.key : defaults.key;
  const loc = o?.location;
  const location = loc === 'query' || loc === 'body' || loc === 'header' ? loc : defaults.location;
  return { key, location };
}

/** The strategy described by one `pagination` config object. */
export function strategyFromConfig(pagination: unknown): PaginationStrategy {
  if (pagination === false || pagination === null) return { kind: 'none' };
  const p = obj(pagination);
  if (!p) return GOOGLE_TOKEN_PAGINATION;
  if (p.disabled === true || p.algorithm === 'none') return { kind: 'none' };
  const reqRaw = obj(p.requestToken);
  const resRaw = obj(p.responseToken);
  const algorithm = p.algorithm ?? reqRaw?.algorithm ?? resRaw?.algorithm;
  if (algorithm === 'page_number') {
    const t = obj(p.terminator);
    const terminator: PageTerminator | undefined =
      t && typeof t.key === 'string'
        ? {
            key: t.key,
            location: t.location === 'header' ? 'header' : 'body',
            ...('value' in t ? { value: t.value } : {}),
          }
        : undefined;
    return {
      kind: 'page_number',
      request: locator(reqRaw, { key: 'page', location: 'query' }),
      ...(terminator ? { terminator } : {}),
    };
  }
  const response = locator(resRaw, { key: 'nextPageToken', location: 'body' });
  if (response.location === 'header' && response.key.toLowerCase() === 'link') return { kind: 'link' };
  return { kind: 'token', request: locator(reqRaw, { key: 'pageToken', location: 'query' }), response };
}

function isHttpBodyRef(schema: JsonObject | undefined): boolean {
  const ref = schema?.$ref;
  return (typeof ref === 'string' && /\/HttpBody$/.test(ref)) || schema?.id === 'HttpBody';
}

/**
 * The strategy for `method`: `config.pagination` of the method, else of the resource, else
 * Google's token default. Methods answering with raw `HttpBody` are not paged.
 */
export function selectPagination(
  method: Method,
  resource?: { readonly config?: JsonObject | undefined },
): PaginationStrategy {
  if (isHttpBodyRef(method.response.schema)) return { kind: 'none' };
  const fromMethod = method.config && 'pagination' in method.config ? method.config.pagination : undefined;
  if (fromMethod !== undefined) return strategyFromConfig(fromMethod);
  const fromResource =
    resource?.config && 'pagination' in resource.config ? resource.config.pagination : undefined;
  if (fromResource !== undefined) return strategyFromConfig(fromResource);
  return GOOGLE_TOKEN_PAGINATION;
}

/** Pages per call by default: all of them (`--http.response.pageLimit` 0). */
export const DEFAULT_PAGE_LIMIT = 0;

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Pages to fetch at most; 0 (default) = until the last page. */
  readonly pageLimit?: number;
  /** Called when the page limit stopped the loop although another page existed. */
  readonly onTruncate?: (pagesFetched: number) => void;
  /** Called when the server handed back a token it had already given (the loop stops). */
  readonly onRepeatedToken?: (token: string, pagesFetched: number) => void;
  /** Rows in a page, for `page_number` (an empty page ends the loop). Default: array length in the body. */
  readonly rowCount?: (response: HttpResponse) => number;
  readonly signal?: AbortSignal;
}

/** The value at a dotted path (`a.b`, or JSONPath-ish `$.a.b`) of a parsed body. */
function atPath(value: unknown, path: string): unknown {
  const steps = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter((s) => s !== '');
  let v = value;
  for (const s of steps) {
    const o = obj(v);
    if (!o) return undefined;
    v = o[s];
  }
  return v;
}

/** A usable token: non-empty string or number; `""`, `null`, `"[]"`, `[]` mean the last page. */
function tokenText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || t === '[]' || t === 'null' ? undefined : v;
}

function responseValue(res: HttpResponse, loc: { key: string; location: string }): unknown {
  if (loc.location === 'header') return res.headers[loc.key.toLowerCase()];
  return atPath(tryJsonBody(res), loc.key);
}

/** Sets (or replaces) one query parameter without re-encoding the rest of the URL. */
export function withQueryParam(url: string, key: string, value: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = base.indexOf('?');
  const encKey = encodeURIComponent(key);
  const pair = `${encKey}=${encodeURIComponent(value)}`;
  if (q < 0) return `${base}?${pair}`;
  const kept = base
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '' && decodeURIComponentSafe(p.split('=')[0]) !== key);
  return `${base.slice(0, q)}?${[...kept, pair].join('&')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function queryParam(url: string, key: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  for (const p of url
    .slice(q + 1)
    .split('#')[0]
    .split('&')) {
    const eq = p.indexOf('=');
    const k = decodeURIComponentSafe(eq >= 0 ? p.slice(0, eq) : p);
    if (k === key) return decodeURIComponentSafe(eq >= 0 ? p.slice(eq + 1) : '');
  }
  return undefined;
}

/** The request for the next page: the token placed per `loc`, all else unchanged. */
function withToken(request: HttpRequest, loc: TokenLocator, token: string): HttpRequest {
  if (loc.location === 'query') return { ...request, url: withQueryParam(request.url, loc.key, token) };
  if (loc.location === 'header') return { ...request, headers: { ...request.headers, [loc.key]: token } };
  let body: Record<string, unknown> = {};
  if (request.body !== undefined) {
    const text = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (!obj(parsed))
      throw new SkyqlError('INTERNAL', 'cannot place a page token in a non-object request body');
    body = parsed as Record<string, unknown>;
  }
  const hasType = Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
  return {
    ...request,
    headers: hasType ? request.headers : { ...request.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, [loc.key]: token }),
  };
}

/** The `rel="next"` target of a Link header, if any. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const params = m[2];
    const rel = /;\s*rel\s*=\s*("([^"]*)"|[^;,\s]+)/i.exec(params);
    const rels = (rel?.[2] ?? rel?.[1] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return m[1];
  }
  return undefined;
}

function defaultRowCount(res: HttpResponse): number {
  const v = tryJsonBody(res);
  if (Array.isArray(v)) return v.length;
  const o = obj(v);
  if (!o) return 0;
  for (const x of Object.values(o)) if (Array.isArray(x)) return x.length;
  return 0;
}

function terminated(res: HttpResponse, t: PageTerminator): boolean {
  const v = responseValue(res, t);
  if ('value' in t) return v === t.value || (typeof v === 'string' && String(t.value) === v);
  return v === undefined || v === null || v === '' || v === false;
}

function is2xx(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

/**
 * Fetches `firstRequest` and its following pages, yielding each response. Stops after a non-2xx
 * response (yielded; the caller reports it), on an empty or absent token, on a repeated token
 * (`onRepeatedToken`), or at `pageLimit` pages (`onTruncate` when more pages existed).
 */
export async function* paginate(
  send: (request: HttpRequest, options?: { readonly signal?: AbortSignal }) => Promise<HttpResponse>,
  firstRequest: HttpRequest,
  strategy: PaginationStrategy,
  options: PaginateOptions = {},
): AsyncGenerator<HttpResponse> {
  const pageLimit = options.pageLimit && options.pageLimit > 0 ? options.pageLimit : 0;
  const signal = options.signal;
  const sendOpts = signal ? { signal } : undefined;
  const seen = new Set<string>();
  let request = firstRequest;
  let page = 0;
  let pageNumber =
    strategy.kind === 'page_number'
      ? Number(queryParam(firstRequest.url, strategy.request.key) ?? '1') || 1
      : 0;
  for (;;) {
    if (signal?.aborted) throw new SkyqlError('CANCELLED', 'pagination cancelled', { cause: signal.reason });
    const res = await send(request, sendOpts);
    page++;
    yield res;
    if (!is2xx(res) || strategy.kind === 'none') return;

    let next: HttpRequest | undefined;
    let marker: string | undefined;
    if (strategy.kind === 'token') {
      const token = tokenText(responseValue(res, strategy.response));
      if (token !== undefined) {
        marker = token;
        next = withToken(request, strategy.request, token);
      }
    } else if (strategy.kind === 'link') {
      const link = nextLink(res.headers.link);
      if (link !== undefined) {
        const url = new URL(link, request.url).href;
        marker = url;
        next = { ...request, url };
      }
    } else {
      const rows = (options.rowCount ?? defaultRowCount)(res);
      if (rows > 0 && !(strategy.terminator && terminated(res, strategy.terminator))) {
        pageNumber++;
        marker = String(pageNumber);
        next = withToken(request, strategy.request, marker);
      }
    }
    if (next === undefined || marker === undefined) return;
    if (seen.has(marker)) {
      options.onRepeatedToken?.(marker, page);
      return;
    }
    seen.add(marker);
    if (pageLimit > 0 && page >= pageLimit) {
      options.onTruncate?.(page);
      return;
    }
    request = next;
  }
}

/** Page sizes a server hands out: the default when the request names none, and the largest honoured. */
export interface PageLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
}

/** Opaque page token for an offset into a sorted collection. */
function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodePageToken(token: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  throw new SkyqlError(
    'BAD_PARAMETER',
    `Invalid page token: ${token.length > 64 ? `${token.slice(0, 64)}…` : token}`,
  );
}

/** The requested page size: `pageSize` (AIP) or `maxResults` (compute, storage). */
function requestedPageSize(query: URLSearchParams, limits: PageLimits): number {
  const raw = query.get('pageSize') ?? query.get('maxResults');
  if (raw === null || raw === '') return limits.defaultPageSize;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new SkyqlError('BAD_PARAMETER', `Invalid page size '${raw}': must be a non-negative integer`);
  return n === 0 ? limits.defaultPageSize : Math.min(n, limits.maxPageSize);
}

/**
 * The server's end: the page of `items` a request's `pageToken` and page size ask for, and the token
 * of the next page if more remain. Throws BAD_PARAMETER for a token it did not hand out or a bad size.
 */
export function servePage<T>(
  items: readonly T[],
  query: URLSearchParams,
  limits: PageLimits,
): { page: T[]; nextPageToken?: string } {
  const token = query.get(PAGE_TOKEN);
  const offset = token ? decodePageToken(token) : 0;
  const size = requestedPageSize(query, limits);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodePageToken(next) } : { page };
}
