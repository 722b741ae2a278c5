/**
 * The LIKE of StackQL's SHOW statements (checked against its Go source): anchored at both ends,
 * case-sensitive, `%` any run of characters and the only wildcard (`_` is itself). Built once per
 * pattern. Matching never backtracks: the pattern is cut at its `%`s into segments, the first
 * anchored at the start, the last at the end, and each middle one taken at its leftmost place after
 * the previous (which is always right, since `%` absorbs whatever lies between). So a match costs
 * at most (text length × pattern length) steps — `'%%%%%%%%%%%%%%x'` against a long name is as
 * quick as `'%x'` — where the regular expression it replaces backtracked exponentially.
 */
export function likeMatcher(pattern: string): (text: string) => boolean {
  const segments = pattern.split('%');
  const first = segments[0];
  if (segments.length === 1) return (text) => text === first;
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((seg) => seg.length > 0);
  return (text) => {
    if (!text.startsWith(first)) return false;
    let pos = first.length;
    const end = text.length - last.length;
    if (end < pos || !text.startsWith(last, end)) return false;
    for (const seg of middle) {
      const at = text.indexOf(seg, pos);
      if (at < 0 || at + seg.length > end) return false;
      pos = at + seg.length;
    }
    return true;
  };
}
