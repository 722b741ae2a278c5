/** Levenshtein edit distance (insertions, deletions, substitutions all cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The candidates closest to `name`, best first: by edit distance (case-insensitive), where a
 * candidate that starts with what was typed counts as distance 1.5 and one that contains it (4+
 * characters) as the limit. Only candidates within a limit growing with the name's length. At most `max`.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: Array<{ c: string; score: number }> = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score = editDistance(lower, cl);
    if (cl.startsWith(lower)) score = Math.min(score, 1.5);
    else if (lower.length >= 4 && cl.includes(lower)) score = Math.min(score, limit);
    if (score <= limit) scored.push({ c, score });
  }
  scored.sort((x, y) => x.score - y.score || x.c.length - y.c.length || (x.c < y.c ? -1 : 1));
  return scored.slice(0, max).map((s) => s.c);
}

/** ` (did you mean a, b?)`-style suffix, or '' when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, prefix = ''): string {
  const best = closestNames(name, candidates);
  if (best.length === 0) return '';
  return `; did you mean ${best.map((b) => prefix + b).join(' or ')}?`;
}
