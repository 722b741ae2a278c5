/**
 * Path template expansion with Google-compatible escaping.
 *
 * Every value is percent-encoded as a path segment (`encodeURIComponent`), except that a value
 * filling a whole segment (`/{name}/` or `/{name}:verb`) keeps its `/` separators, so resource
 * names such as `projects/p/locations/l` work where the API expects them (Google's `{+name}`
 * semantics); `{+name}` keeps `/` wherever it stands. In that mode existing `%XX` escapes are kept
 * as they are (RFC 6570 reserved expansion), so ids that are already escaped (Artifact Registry's
 * `golang.org%2Fx%2Fnet`) are not escaped twice. `.` and `..` are escaped so a value can never walk
 * up the path.
 *
 * Exception: Cloud Storage object names ({@link OPAQUE_PATH_PARAMS}) are opaque ids that the API
 * wants fully percent-encoded, `/` included (`/b/bkt/o/dir%2Ffile.txt`).
 */

/** One placeholder found in a template. */
export interface Placeholder {
  /** Text between the braces, e.g. `projectsId` or `+datasetId`. */
  readonly token: string;
  /** The name without a leading `+`. */
  readonly name: string;
  /** `{+name}`: reserved expansion. */
  readonly reserved: boolean;
}

/** Placeholders whose values are always escaped whole, `/` included (Cloud Storage object names). */
export const OPAQUE_PATH_PARAMS: ReadonlySet<string> = new Set([
  'object',
  'sourceObject',
  'destinationObject',
]);

const PLACEHOLDER_RE = /\{([^{}]+)\}/g;
const WHOLE_SEGMENT_RE = /^\{[^{}]+\}(:[A-Za-z0-9_.~-]+)?$/;

/** The placeholders of a path template in order. */
export function templatePlaceholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER_RE)].map((m) => ({
    token: m[1],
    name: m[1].replace(/^\+/, ''),
    reserved: m[1].startsWith('+'),
  }));
}

/** Percent-encodes one path segment; `.` and `..` become `%2E` / `%2E%2E`. */
export function escapeSegment(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return encodeURIComponent(value);
}

/** Escapes one piece of a multi-segment value, keeping valid `%XX` escapes as they are. */
function escapeReservedPiece(piece: string): string {
  if (piece === '.' || piece === '..') return piece.replace(/\./g, '%2E');
  return piece
    .split(/(%[0-9A-Fa-f]{2})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

/** Encodes a value that may span segments: each `/`-separated piece is escaped on its own. */
function escapeKeepingSlashes(value: string): string {
  return value.split('/').map(escapeReservedPiece).join('/');
}

/**
 * Expands `template` with `lookup(placeholder)` (already stringified). Placeholders for which
 * `lookup` returns undefined are left as written (callers check required values first).
 */
export function expandPathTemplate(template: string, lookup: (p: Placeholder) => string | undefined): string {
  return template
    .split('/')
    .map((segment) => {
      if (!segment.includes('{')) return segment;
      const whole = WHOLE_SEGMENT_RE.test(segment);
      return segment.replace(PLACEHOLDER_RE, (match, token: string) => {
        const p: Placeholder = { token, name: token.replace(/^\+/, ''), reserved: token.startsWith('+') };
        const v = lookup(p);
        if (v === undefined) return match;
        const keepSlashes = p.reserved || (whole && !OPAQUE_PATH_PARAMS.has(p.name));
        return keepSlashes ? escapeKeepingSlashes(v) : escapeSegment(v);
      });
    })
    .join('/');
}
