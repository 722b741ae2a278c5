/**
 * Provider version strings: `v1.0.4`, `v25.07.00000`, `v0.1.1-alpha01`. Compared numerically part by
 * part (so `v25.07.00000` > `v1.0.4`); a prerelease (`-suffix`) sorts before its release.
 */
interface ParsedVersion {
  readonly parts: number[];
  readonly prerelease: string | undefined;
}

function parse(v: string): ParsedVersion {
  const s = v.startsWith('v') || v.startsWith('V') ? v.slice(1) : v;
  const dash = s.indexOf('-');
  const core = dash < 0 ? s : s.slice(0, dash);
  return {
    parts: core.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)),
    prerelease: dash < 0 ? undefined : s.slice(dash + 1),
  };
}

/**
 * True when `v` looks like a provider version (`v` + dotted numbers, optional `-prerelease`). Such
 * a string is one path segment (no `/` or `\`, and it cannot be `.` or `..`), so it is safe in paths.
 */
export function isVersionString(v: string): boolean {
  return v.length <= 100 && /^v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?$/.test(v);
}

/** True for versions without a prerelease suffix. */
function isStable(v: string): boolean {
  return parse(v).prerelease === undefined;
}

/** Negative when a < b, positive when a > b, 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  const n = Math.max(pa.parts.length, pb.parts.length);
  for (let i = 0; i < n; i++) {
    const x = pa.parts[i] ?? 0;
    const y = pb.parts[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      const c = a.localeCompare(b);
      if (c !== 0) return c;
      continue;
    }
    if (x !== y) return x - y;
  }
  if (pa.prerelease === pb.prerelease) return 0;
  if (pa.prerelease === undefined) return 1;
  if (pb.prerelease === undefined) return -1;
  return pa.prerelease < pb.prerelease ? -1 : 1;
}

/** The newest version, preferring stable ones when `stableOnly` (falls back to any when none is stable). */
export function latestVersion(versions: readonly string[], stableOnly = true): string | undefined {
  const pool = stableOnly && versions.some(isStable) ? versions.filter(isStable) : versions;
  let best: string | undefined;
  for (const v of pool) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best;
}
