/** ASCII letters folded to lower case, as SQLite's LIKE compares them; other characters as they are. */
function fold(cp: number): number {
  return cp >= 65 && cp <= 90 ? cp + 32 : cp;
}

function codePoints(s: string): number[] {
  return Array.from(s, (ch) => fold(ch.codePointAt(0) as number));
}

const ANY = -1; // `_`

/** Does `segment` (code points, ANY for `_`) match `text` at `at`? */
function matchesAt(text: readonly number[], at: number, segment: readonly number[]): boolean {
  if (at + segment.length > text.length) return false;
  for (let k = 0; k < segment.length; k++)
    if (segment[k] !== ANY && segment[k] !== text[at + k]) return false;
  return true;
}

/**
 * A SQL LIKE matcher as SQLite's: `%` any run of characters, `_` one character, ASCII letters
 * case-insensitive; no ESCAPE. Built once per pattern. Matching never backtracks: the pattern is
 * cut at its `%`s into segments, the first anchored at the start, the last at the end, and each
 * middle one taken at its leftmost place after the previous (which is always right, since `%`
 * absorbs whatever lies between). So a match costs at most (text length × pattern length) steps —
 * `'%%%%%%%%%%%%%%x'` against a long name is as quick as `'%x'` — where the regular expression it
 * replaces backtracked exponentially.
 */
export function likeMatcher(pattern: string): (text: string) => boolean {
  const segments = pattern.split('%').map((seg) => codePoints(seg).map((c) => (c === 95 ? ANY : c)));
  const first = segments[0];
  if (segments.length === 1)
    return (s) => {
      const text = codePoints(s);
      return text.length === first.length && matchesAt(text, 0, first);
    };
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((seg) => seg.length > 0);
  return (s) => {
    const text = codePoints(s);
    if (!matchesAt(text, 0, first)) return false;
    let pos = first.length;
    const end = text.length - last.length;
    if (end < pos || !matchesAt(text, end, last)) return false;
    for (const seg of middle) {
      let at = pos;
      while (at + seg.length <= end && !matchesAt(text, at, seg)) at++;
      if (at + seg.length > end) return false;
      pos = at + seg.length;
    }
    return true;
  };
}
