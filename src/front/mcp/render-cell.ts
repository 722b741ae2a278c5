import type { Cell } from '../../base/result/result-set.js';

/** Bytes one cell carries at most in a tool result; a longer cell is cut (`…[truncated N bytes]`). */
export const DEFAULT_MAX_CELL_BYTES = 32 * 1024;

/** A JSON-safe cell: bigints become strings (or numbers when exact), `json` cells parsed. */
export type JsonCell = string | number | boolean | null | object;

/** A cell as a tool returns it, and whether it was cut. */
export interface RenderedCell {
  readonly value: JsonCell;
  readonly cut: boolean;
}

/**
 * One cell for the model, at most `maxBytes` of UTF-8 however large it was: a long text is cut and
 * says how much was left out; a blob becomes `base64:…` (never Node's `{"type":"Buffer","data":[…]}`,
 * seven bytes per byte); a `json` cell is parsed only when it fits, else cut as text.
 */
export function renderCell(cell: Cell | Uint8Array, json: boolean, maxBytes: number): RenderedCell {
  if (cell instanceof Uint8Array) return blobCell(cell, maxBytes);
  if (typeof cell === 'bigint')
    return {
      value:
        cell <= BigInt(Number.MAX_SAFE_INTEGER) && cell >= BigInt(-Number.MAX_SAFE_INTEGER)
          ? Number(cell)
          : cell.toString(),
      cut: false,
    };
  if (typeof cell !== 'string') return { value: cell, cut: false };
  const bytes = Buffer.byteLength(cell);
  if (bytes > maxBytes) return { value: cutText(cell, bytes, maxBytes), cut: true };
  if (json) {
    try {
      return { value: JSON.parse(cell) as JsonCell, cut: false };
    } catch {
      return { value: cell, cut: false };
    }
  }
  return { value: cell, cut: false };
}

/** The first `maxBytes` of `text` (whole characters), then how many bytes were left out. */
function cutText(text: string, bytes: number, maxBytes: number): string {
  const head = Buffer.from(text.slice(0, maxBytes))
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${head}…[truncated ${bytes - Buffer.byteLength(head)} bytes]`;
}

/** `base64:` and the blob's bytes, cut to fit `maxBytes` once encoded. */
function blobCell(blob: Uint8Array, maxBytes: number): RenderedCell {
  const fits = Math.floor(maxBytes / 4) * 3;
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length <= fits) return { value: `base64:${buf.toString('base64')}`, cut: false };
  const left = buf.length - fits;
  return { value: `base64:${buf.subarray(0, fits).toString('base64')}…[truncated ${left} bytes]`, cut: true };
}
