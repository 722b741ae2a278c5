/**
 * A small deterministic random source for the sample organisation: the same seed and name give the
 * same numbers on every Node version and machine, and each project draws from a stream of its own
 * (`seeded(seed, 'project', 17)`), so a project generated alone equals the same project generated
 * with all the others.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** FNV-1a over the text, as an unsigned 32-bit number. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Draws from one deterministic stream (mulberry32). */
export class SeededRandom {
  private state: number;

  constructor(...parts: readonly (string | number)[]) {
    this.state = hash32(parts.join('\u0000'));
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items, in the order of `items`. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  /** Lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length)
      out += Math.floor(this.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  }

  /** Decimal digits, the first not zero (a uint64-like id). */
  digits(length: number): string {
    let out = String(this.int(1, 9));
    while (out.length < length) out += String(Math.floor(this.next() * 1e9)).padStart(9, '0');
    return out.slice(0, length);
  }

  /** Base64 text of `bytes` random bytes (a fingerprint or etag). */
  base64(bytes: number): string {
    let out = '';
    const chars = Math.ceil((bytes * 4) / 3);
    for (let i = 0; i < chars; i++) out += BASE64[Math.floor(this.next() * 64)];
    return out.padEnd(Math.ceil(bytes / 3) * 4, '=');
  }
}
