/**
 * Path templates of the provider documents (`/v1/projects/{projectsId}/topics/{topicsId}:publish`),
 * parsed one way for both directions: the client expands a template into a request path, the
 * emulator matches request paths against templates.
 *
 * A segment is literal text (`projects`, `instances:aggregatedList`), a variable filling it (`{name}`,
 * `{+name}`, `{name=**}`) or one variable with literal text around it (`{topicsId}:publish`).
 * `{+name}` and `{name=<pattern>}` hold resource names that may span segments (`projects/p/topics/t`);
 * `{name=*}` is one segment.
 *
 * Expansion percent-encodes every value as a path segment (`encodeURIComponent`), except that a
 * value filling a whole segment (`/{name}/` or `/{name}:verb`) keeps its `/` separators, so resource
 * names such as `projects/p/locations/l` work where the API expects them (Google's `{+name}`
 * semantics); a multi-segment variable keeps `/` wherever it stands. In that mode existing `%XX`
 * escapes are kept as they are (RFC 6570 reserved expansion), so ids that are already escaped
 * (Artifact Registry's `golang.org%2Fx%2Fnet`) are not escaped twice. `.` and `..` are escaped so a
 * value can never walk up the path. Exception: Cloud Storage object names ({@link OPAQUE_PATH_PARAMS})
 * are opaque ids that the API wants fully percent-encoded, `/` included (`/b/bkt/o/dir%2Ffile.txt`).
 */

/** A variable of a template. */
export interface TemplateVar {
  /** Text between the braces: `projectsId`, `+datasetId`, `name=**`. */
  readonly token: string;
  /** The variable's name: `projectsId`, `datasetId`, `name`. */
  readonly name: string;
  /** Its value may span segments (`{+name}`, `{name=**}`). */
  readonly multi: boolean;
}

/** One `/`-separated piece of a template. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | ({ readonly kind: 'var' } & TemplateVar)
  /** A variable with literal text around it in one segment, e.g. `{topicsId}:publish`. */
  | ({
      readonly kind: 'pattern';
      readonly prefix: string;
      readonly suffix: string;
      /** The segment with the variable left out (`{}:publish`): patterns that match alike. */
      readonly source: string;
    } & TemplateVar);

/** Placeholders whose values are always escaped whole, `/` included (Cloud Storage object names). */
const OPAQUE_PATH_PARAMS: ReadonlySet<string> = new Set(['object', 'sourceObject', 'destinationObject']);

const ONE_VAR = /^([^{}]*)\{([^{}]+)\}([^{}]*)$/;
const VERB_SUFFIX = /^(:[A-Za-z0-9_.~-]+)?$/;

function templateVar(token: string): TemplateVar {
  const eq = token.indexOf('=');
  const name = (eq < 0 ? token : token.slice(0, eq)).replace(/^\+/, '');
  const multi = token.startsWith('+') || (eq >= 0 && token.slice(eq + 1) !== '*');
  return { token, name, multi };
}

/** One segment; text with no variable, or with more than one, is literal. */
function parseSegment(raw: string): TemplateSegment {
  const m = ONE_VAR.exec(raw);
  if (!m) return { kind: 'literal', text: raw };
  const [, prefix, token, suffix] = m;
  if (prefix === '' && suffix === '') return { kind: 'var', ...templateVar(token) };
  return { kind: 'pattern', ...templateVar(token), prefix, suffix, source: `${prefix}{}${suffix}` };
}

/** The segments of a template; empty ones (leading or doubled slashes) are dropped. */
export function parsePathTemplate(template: string): TemplateSegment[] {
  return template
    .split('/')
    .filter((raw) => raw !== '')
    .map(parseSegment);
}

/** templateVars' answers by template: a fan-out builds the same method's path once per call. */
const varsByTemplate = new Map<string, readonly TemplateVar[]>();

/** The variables of a template in order. */
export function templateVars(template: string): readonly TemplateVar[] {
  let vars = varsByTemplate.get(template);
  if (vars === undefined) {
    vars = parsePathTemplate(template).filter(
      (s): s is Exclude<TemplateSegment, { kind: 'literal' }> => s.kind !== 'literal',
    );
    if (varsByTemplate.size >= 4096) varsByTemplate.clear(); // a catalog's templates; bounded anyway
    varsByTemplate.set(template, vars);
  }
  return vars;
}

/** Percent-encodes one path segment; `.` and `..` become `%2E` / `%2E%2E`. */
function escapeSegment(value: string): string {
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

function expandSegment(
  raw: string,
  seg: TemplateSegment,
  lookup: (v: TemplateVar) => string | undefined,
): string {
  if (seg.kind === 'literal') return raw;
  const value = lookup(seg);
  if (value === undefined) return raw;
  const whole = seg.kind === 'var' || (seg.prefix === '' && VERB_SUFFIX.test(seg.suffix));
  const keepSlashes = seg.multi || (whole && !OPAQUE_PATH_PARAMS.has(seg.name));
  const text = keepSlashes ? escapeKeepingSlashes(value) : escapeSegment(value);
  return seg.kind === 'var' ? text : `${seg.prefix}${text}${seg.suffix}`;
}

/**
 * Expands `template` with `lookup(variable)` (already stringified). Variables for which `lookup`
 * returns undefined are left as written (callers check required values first).
 */
export function expandPathTemplate(template: string, lookup: (v: TemplateVar) => string | undefined): string {
  let pieces = piecesByTemplate.get(template);
  if (pieces === undefined) {
    pieces = template
      .split('/')
      .map((raw) => ({ raw, seg: raw.includes('{') ? parseSegment(raw) : undefined }));
    if (piecesByTemplate.size >= 4096) piecesByTemplate.clear();
    piecesByTemplate.set(template, pieces);
  }
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const { raw, seg } = pieces[i];
    out += (i === 0 ? '' : '/') + (seg ? expandSegment(raw, seg, lookup) : raw);
  }
  return out;
}

/** A template's `/`-separated pieces, parsed once (a fan-out expands one template per call). */
const piecesByTemplate = new Map<string, ReadonlyArray<{ raw: string; seg: TemplateSegment | undefined }>>();

/** Decodes one path segment; malformed escapes are kept as they are. */
function decodeSegment(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Splits a request path (without query) into decoded segments. A trailing slash yields an empty last segment. */
export function splitRequestPath(path: string): string[] {
  const parts = path.split('/');
  if (parts[0] === '') parts.shift();
  return parts.map(decodeSegment);
}

/** What one request segment gives one template segment: the variable's value, `''` for a literal, undefined when it does not fit. */
export function segmentValue(seg: TemplateSegment, text: string): string | undefined {
  switch (seg.kind) {
    case 'literal':
      return text === seg.text ? '' : undefined;
    case 'var':
      return text === '' ? undefined : text;
    case 'pattern': {
      if (text.length <= seg.prefix.length + seg.suffix.length) return undefined;
      if (!text.startsWith(seg.prefix) || !text.endsWith(seg.suffix)) return undefined;
      return text.slice(seg.prefix.length, text.length - seg.suffix.length);
    }
  }
}

/**
 * The variables of `template` for the decoded request segments, or undefined when the path does not
 * fit. A multi-segment variable takes as few segments as let the rest match.
 */
export function matchPathTemplate(
  template: readonly TemplateSegment[],
  segments: readonly string[],
): Record<string, string> | undefined {
  const vars: Record<string, string> = {};
  const walk = (t: number, s: number): boolean => {
    if (t === template.length) return s === segments.length;
    if (s === segments.length) return false;
    const seg = template[t];
    const last = seg.kind !== 'literal' && seg.multi ? segments.length : s + 1;
    for (let end = s + 1; end <= last; end++) {
      if (segments[end - 1] === '') return false; // no empty segment inside a value
      const value = segmentValue(seg, segments.slice(s, end).join('/'));
      if (value === undefined) continue;
      if (seg.kind !== 'literal') vars[seg.name] = value;
      if (walk(t + 1, end)) return true;
    }
    return false;
  };
  return walk(0, 0) ? vars : undefined;
}
