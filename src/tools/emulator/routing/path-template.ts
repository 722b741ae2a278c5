/**
 * Path templates of the provider documents (`/v1/projects/{projectsId}/topics/{topicsId}:publish`)
 * split into segments, and request paths split the same way.
 */

/** One `/`-separated piece of a template. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string }
  /** A variable with literal text around it in one segment, e.g. `{topicsId}:publish`. */
  | {
      readonly kind: 'pattern';
      readonly name: string;
      readonly prefix: string;
      readonly suffix: string;
      readonly source: string;
    };

const VAR = /^\{\+?([^{}]+)\}$/;
const MIXED = /^([^{}]*)\{\+?([^{}]+)\}([^{}]*)$/;

/** Parses a path template; empty segments (leading or doubled slashes) are dropped. */
export function parseTemplate(template: string): TemplateSegment[] {
  const out: TemplateSegment[] = [];
  for (const raw of template.split('/')) {
    if (raw === '') continue;
    const whole = VAR.exec(raw);
    if (whole) {
      out.push({ kind: 'var', name: whole[1] });
      continue;
    }
    const mixed = MIXED.exec(raw);
    if (mixed) {
      out.push({
        kind: 'pattern',
        name: mixed[2],
        prefix: mixed[1],
        suffix: mixed[3],
        source: `${mixed[1]}{}${mixed[3]}`,
      });
    } else {
      out.push({ kind: 'literal', text: raw });
    }
  }
  return out;
}

/** The value a request segment gives a variable segment, or undefined when it does not fit. */
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

/** Decodes one path segment; malformed escapes are kept as they are. */
export function decodeSegment(raw: string): string {
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

/** Encodes a resource key for use in a URL path (each segment escaped, `/` kept). */
export function encodeKeyPath(segments: readonly string[]): string {
  return segments.map((s) => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@')).join('/');
}
