/**
 * A readable diff of two texts for golden-file failures: changed lines prefixed `-` (expected) and
 * `+` (actual) with up to `context` unchanged lines around them, from a longest common subsequence
 * of lines (golden files are small).
 */
export function lineDiff(expected: string, actual: string, context = 2): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i++]]);
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(['-', a[i++]]);
    else ops.push(['+', b[j++]]);
  }
  const near = (k: number) => ops.slice(Math.max(0, k - context), k + context + 1).some(([op]) => op !== ' ');
  const out: string[] = [];
  ops.forEach(([op, line], k) => {
    if (near(k)) out.push(`${op} ${line}`);
    else if (out[out.length - 1] !== '  …') out.push('  …');
  });
  return out.join('\n');
}
