import { SkyqlError } from '../../base/errors/skyql-error.js';

/**
 * PostgreSQL's binary formats for the types whose text skyql passes on from a PostgreSQL backend
 * (numeric, timestamptz, timestamp, date): drivers such as pgx and pgjdbc ask for binary results
 * of the types they know once they have seen a statement's description.
 */

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

function unreadable(text: string, type: string): SkyqlError {
  return new SkyqlError('PGWIRE_PROTOCOL', `cannot send '${text}' as binary ${type}; ask for text results`);
}

function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y); // years below 100 are not 19xx
  return date.getTime();
}

const DATE = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/;
const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/** `date` (ISO text) as int32 days from 2000-01-01. */
export function binaryDate(text: string): Buffer {
  const b = Buffer.alloc(4);
  if (text === 'infinity') b.writeInt32BE(0x7fffffff);
  else if (text === '-infinity') b.writeInt32BE(-0x80000000);
  else {
    const m = DATE.exec(text);
    if (!m) throw unreadable(text, 'date');
    const year = m[4] ? 1 - Number(m[1]) : Number(m[1]);
    b.writeInt32BE(Math.round((utcMs(year, Number(m[2]), Number(m[3])) - PG_EPOCH_MS) / DAY_MS));
  }
  return b;
}

/** `timestamp`/`timestamptz` (ISO text, an offset for timestamptz) as int64 microseconds from 2000-01-01 (UTC). */
export function binaryTimestamp(text: string): Buffer {
  const b = Buffer.alloc(8);
  if (text === 'infinity') b.writeBigInt64BE(0x7fffffffffffffffn);
  else if (text === '-infinity') b.writeBigInt64BE(-0x8000000000000000n);
  else {
    const m = TIMESTAMP.exec(text);
    if (!m) throw unreadable(text, 'timestamp');
    const year = m[12] ? 1 - Number(m[1]) : Number(m[1]);
    const n = m.slice(2, 7).map(Number);
    let ms = utcMs(year, n[0], n[1], n[2], n[3], n[4]);
    if (m[8])
      ms -=
        (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * 1000;
    const micros = BigInt(ms - PG_EPOCH_MS) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
    b.writeBigInt64BE(micros);
  }
  return b;
}

const NUMERIC = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** `numeric` text as PostgreSQL's binary numeric: base-10000 digits with weight, sign and scale. */
export function binaryNumeric(text: string): Buffer {
  const special = { NaN: 0xc000, Infinity: 0xd000, '-Infinity': 0xf000 }[text];
  if (special !== undefined) return header(0, 0, special, 0);
  const m = NUMERIC.exec(text);
  if (!m || (m[2] === '' && !m[3])) throw unreadable(text, 'numeric');
  const int = m[2].replace(/^0+/, '');
  const frac = m[3] ?? '';
  const intPadded = int.padStart(Math.ceil(int.length / 4) * 4, '0');
  const fracPadded = frac.padEnd(Math.ceil(frac.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) groups.push(Number(intPadded.slice(i, i + 4)));
  const intGroups = groups.length;
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  let weight = intGroups - 1;
  let first = 0;
  while (first < groups.length && groups[first] === 0) {
    first++;
    weight--;
  }
  let last = groups.length;
  while (last > first && groups[last - 1] === 0) last--;
  const digits = groups.slice(first, last);
  const sign = m[1] === '-' && digits.length > 0 ? 0x4000 : 0;
  const b = Buffer.alloc(8 + 2 * digits.length);
  header(digits.length, digits.length === 0 ? 0 : weight, sign, frac.length).copy(b);
  for (let i = 0; i < digits.length; i++) b.writeInt16BE(digits[i], 8 + 2 * i);
  return b;
}

function header(ndigits: number, weight: number, sign: number, dscale: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt16BE(ndigits, 0);
  b.writeInt16BE(weight, 2);
  b.writeUInt16BE(sign, 4);
  b.writeInt16BE(dscale, 6);
  return b;
}
