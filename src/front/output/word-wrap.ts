import { displayWidth } from './display-width.js';

const PENALTY = 1e5;
const MAX_INT32 = 2147483647;

/**
 * tablewriter v0's WrapString, which decides where StackQL's table cells break: newlines count as
 * spaces, the text is split at single spaces only (so runs of spaces survive as empty words), the
 * limit is raised to the widest word (long unbroken strings are never cut), and lines are chosen
 * with minimal raggedness (WrapWords: cost = Σ (lim − lineWidth)², plus 1e5 per over-long line) —
 * not greedily. Widths are display widths. The search is cut short only where no later break can
 * win, so the result is the same as the quadratic original.
 */
export function wrapString(s: string, lim: number): string[] {
  const words = (s.includes('\n') ? s.replaceAll('\n', ' ') : s).split(' ');
  const n = words.length;
  // pos[k] = Σ_{m<k} (width(word m) + 1); the width of words i..j joined by spaces is pos[j+1]-pos[i]-1.
  const pos = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const w = displayWidth(words[k]);
    if (w > lim) lim = w;
    pos[k + 1] = pos[k] + w + 1;
  }
  const cost = new Float64Array(n);
  const next = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (pos[n] - pos[i] - 1 <= lim) {
      next[i] = n;
      continue;
    }
    let best = MAX_INT32;
    let brk = i + 1;
    for (let j = i + 1; j < n; j++) {
      const len = pos[j] - pos[i] - 1;
      const d = lim - len;
      let c = d * d + cost[j];
      if (len > lim) {
        if (d * d + PENALTY >= best) break; // longer lines only cost more
        c += PENALTY;
      }
      if (c < best) {
        best = c;
        brk = j;
      }
    }
    cost[i] = best;
    next[i] = brk;
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = next[i]) lines.push(words.slice(i, next[i]).join(' '));
  return lines;
}
