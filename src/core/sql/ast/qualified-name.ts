/**
 * A dotted name such as `google.compute.instances` or
 * `google.container."projects.aggregated.usableSubnetworks"`. Parts are unquoted and keep their
 * case; offsets span the whole name in the full source.
 */
export interface QualifiedName {
  readonly parts: readonly string[];
  /** Offset of the first part. */
  readonly start: number;
  /** Offset just past the last part. */
  readonly end: number;
}

/** A part that can be written without quotes. */
const PLAIN_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The name as SQL text: parts joined with `.`, each part that is not a plain word double-quoted
 * (`google.container."projects.aggregated.usableSubnetworks"`).
 */
export function formatQualifiedName(name: Pick<QualifiedName, 'parts'>): string {
  return name.parts.map((p) => (PLAIN_PART.test(p) ? p : `"${p.replaceAll('"', '""')}"`)).join('.');
}
