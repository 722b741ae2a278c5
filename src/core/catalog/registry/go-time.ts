/**
 * Go `time.Time.MarshalBinary()` encoding, as used in the timestamps of StackQL `.sig` files.
 *
 * Layout (all big-endian): byte 0 version (1 or 2); bytes 1-8 seconds since 0001-01-01T00:00:00Z
 * (signed); bytes 9-12 nanoseconds within the second; bytes 13-14 zone offset in minutes east of
 * UTC (signed, -1 means the UTC location); version 2 only: byte 15 the seconds part of the offset.
 * The seconds field is the absolute instant: the zone offset is informational.
 */

/** Seconds between 0001-01-01T00:00:00Z (Go's zero time) and the Unix epoch. */
const GO_UNIX_TO_INTERNAL = 62_135_596_800n;

/** The fields of a decoded Go time. */
export interface GoTimeParts {
  /** Seconds since 0001-01-01T00:00:00Z. */
  readonly seconds: bigint;
  /** Nanoseconds within the second (0-999,999,999). */
  readonly nanos: number;
  /** Zone offset in seconds east of UTC, or `null` for Go's UTC location. */
  readonly offsetSeconds: number | null;
}

/**
 * Encodes `date` like Go's `MarshalBinary` (version 1, 15 bytes). Without `offsetMinutes` the time
 * is in Go's UTC location (offset field -1); otherwise the zone offset is recorded as given.
 */
export function encodeGoTime(date: Date, offsetMinutes?: number): Buffer {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('encodeGoTime: invalid Date');
  if (offsetMinutes !== undefined) {
    if (!Number.isInteger(offsetMinutes) || offsetMinutes === -1 || Math.abs(offsetMinutes) > 32767) {
      throw new RangeError(`encodeGoTime: unencodable zone offset ${offsetMinutes} minutes`);
    }
  }
  const unixSeconds = Math.floor(ms / 1000);
  const buf = Buffer.alloc(15);
  buf[0] = 1;
  buf.writeBigInt64BE(BigInt(unixSeconds) + GO_UNIX_TO_INTERNAL, 1);
  buf.writeUInt32BE((ms - unixSeconds * 1000) * 1_000_000, 9);
  buf.writeInt16BE(offsetMinutes ?? -1, 13);
  return buf;
}

/** Decodes Go `MarshalBinary` bytes (version 1: 15 bytes, version 2: 16 bytes) into their fields. */
export function decodeGoTimeParts(buf: Uint8Array): GoTimeParts {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length === 0) throw new RangeError('Go time: no data');
  const version = b[0];
  if (version !== 1 && version !== 2) throw new RangeError(`Go time: unsupported version ${version}`);
  const want = version === 1 ? 15 : 16;
  if (b.length !== want) {
    throw new RangeError(`Go time: version ${version} needs ${want} bytes, got ${b.length}`);
  }
  const seconds = b.readBigInt64BE(1);
  const nanos = b.readUInt32BE(9);
  if (nanos > 999_999_999) throw new RangeError(`Go time: nanoseconds out of range (${nanos})`);
  const offsetMin = b.readInt16BE(13);
  let offsetSeconds: number | null = offsetMin * 60;
  if (version === 2) offsetSeconds += b.readInt8(15);
  if (offsetMin === -1) offsetSeconds = null;
  return { seconds, nanos, offsetSeconds };
}

/** Decodes Go `MarshalBinary` bytes to a `Date` (the instant, truncated to milliseconds). */
export function decodeGoTime(buf: Uint8Array): Date {
  const { seconds, nanos } = decodeGoTimeParts(buf);
  const ms = Number(seconds - GO_UNIX_TO_INTERNAL) * 1000 + Math.floor(nanos / 1_000_000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new RangeError('Go time: outside the range of a JavaScript Date');
  return date;
}
