/**
 * Text made of many pieces (a batch of output rows, a page of COPY lines) as one UTF-8 buffer:
 * V8 builds a string grown by `+=` as a rope, and flattening a rope of thousands of pieces to
 * write it cost more than making the text (P2w, issue 13).
 */

/**
 * `pieces` as one UTF-8 buffer, each piece written in place (no intermediate string). Sized for
 * ASCII text plus a margin; a piece that might not fit is measured, and the buffer grows when it
 * does not.
 */
export function utf8Text(pieces: readonly string[]): Buffer {
  let chars = 0;
  for (const p of pieces) chars += p.length;
  let buf = Buffer.allocUnsafe(chars + (chars >> 4) + 64);
  let used = 0;
  for (const p of pieces) {
    if (buf.length - used < p.length * 3) {
      const need = Buffer.byteLength(p);
      if (buf.length - used < need) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, used + need));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
    }
    used += buf.write(p, used);
  }
  return buf.subarray(0, used);
}
