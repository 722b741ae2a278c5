import { segmentValue } from '../../../core/catalog/path-template.js';
import type { RouteSpec } from './route-spec.js';

/**
 * What a request addresses, in Google resource-name terms: the key (`projects/p/zones/z/instances/i`,
 * `b/bucket`), split into the collection it lives in and its id. For a collection target, `id` is
 * undefined and `collection` is the key itself.
 */
export interface TargetRef {
  readonly host: string;
  readonly segments: readonly string[];
  readonly key: string;
  readonly collection: string;
  readonly id: string | undefined;
  /** Key of the item that owns the collection (`projects/p/locations/l/datasets/d`), '' at the top. */
  readonly parent: string;
}

/** Builds a target from key segments. */
export function targetFromSegments(
  host: string,
  segments: readonly string[],
  isCollection: boolean,
): TargetRef {
  const key = segments.join('/');
  if (isCollection) {
    return { host, segments, key, collection: key, id: undefined, parent: segments.slice(0, -1).join('/') };
  }
  const collection = segments.slice(0, -1);
  return {
    host,
    segments,
    key,
    collection: collection.join('/'),
    id: segments[segments.length - 1],
    parent: collection.slice(0, -1).join('/'),
  };
}

/** The target a matched request addresses (custom verbs and IAM suffixes stripped). */
export function targetOf(route: RouteSpec, requestSegments: readonly string[]): TargetRef {
  const out: string[] = [];
  for (let i = route.keyStart; i < route.keyEnd; i++) {
    const seg = route.segments[i];
    const text = requestSegments[i];
    if (seg.kind === 'literal') {
      out.push(
        route.colonLiteral && i === route.keyEnd - 1 ? seg.text.slice(0, seg.text.indexOf(':')) : seg.text,
      );
    } else {
      out.push(segmentValue(seg, text) ?? text);
    }
  }
  return targetFromSegments(route.host, out, route.targetIsCollection);
}

/** The item a collection member would be: `collection/id`. */
export function childOf(target: TargetRef, id: string): TargetRef {
  return targetFromSegments(target.host, [...target.segments, id], false);
}

/**
 * APIs whose resource links Google writes on the legacy host, though it serves them on their own:
 * Compute (`https://www.googleapis.com/compute/v1/projects/...`) and Cloud Storage
 * (`https://www.googleapis.com/storage/v1/b/...`). Users join on these values.
 */
const LEGACY_LINK_HOSTS: ReadonlySet<string> = new Set(['compute.googleapis.com', 'storage.googleapis.com']);

/**
 * Link to a key as Google writes it (`https://<host><linkPrefix>/<key>`): the emulator answers with
 * the real API's URLs, and clients reach them through `--endpoint`, exactly as with real Google.
 */
export function linkFor(host: string, linkPrefix: string, segments: readonly string[]): string {
  const linkHost = LEGACY_LINK_HOSTS.has(host) ? 'www.googleapis.com' : host;
  return `https://${linkHost}${linkPrefix}/${encodeKeyPath(segments)}`;
}

/** Encodes a resource key for a URL path: each segment escaped, `/` kept, `:` and `@` left readable. */
function encodeKeyPath(segments: readonly string[]): string {
  return segments.map((s) => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@')).join('/');
}

/** Value of the segment after `word` in a key (`zones` → `us-central1-a`), if any. */
export function segmentAfter(segments: readonly string[], word: string): string | undefined {
  const i = segments.indexOf(word);
  return i >= 0 && i + 1 < segments.length ? segments[i + 1] : undefined;
}
