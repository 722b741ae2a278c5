import { badRequest } from '../server/google-error.js';

/** Page sizes: the default when the request names none, and the largest honoured. */
export interface PageLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
}

/** Opaque page token for an offset into a sorted collection. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodePageToken(token: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  throw badRequest(`Invalid page token: ${token.length > 64 ? `${token.slice(0, 64)}…` : token}`);
}

/** The requested page size: `pageSize` (AIP) or `maxResults` (compute, storage). */
function pageSize(query: URLSearchParams, limits: PageLimits): number {
  const raw = query.get('pageSize') ?? query.get('maxResults');
  if (raw === null || raw === '') return limits.defaultPageSize;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`Invalid page size '${raw}': must be a non-negative integer`);
  return n === 0 ? limits.defaultPageSize : Math.min(n, limits.maxPageSize);
}

/** One page of `items` and the token of the next, if more remain. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  limits: PageLimits,
): { page: T[]; nextPageToken?: string } {
  const token = query.get('pageToken');
  const offset = token ? decodePageToken(token) : 0;
  const size = pageSize(query, limits);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodePageToken(next) } : { page };
}
