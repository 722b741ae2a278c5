import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeGoTime,
  decodeGoTimeParts,
  encodeGoTime,
} from '../../../../../src/core/catalog/registry/go-time.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('encodes the Unix epoch like Go (hand-computed vector)', () => {
  // Days 0001-01-01 .. 1970-01-01 = 1969*365 + 1969/4 - 1969/100 + 1969/400 = 718685 + 492 - 19 + 4
  // = 719162; * 86400 = 62135596800 s = 0x0E_7791_F700. Nanos 0; UTC location => offset -1 = 0xFFFF.
  const want = hex('01  00 00 00 0e 77 91 f7 00  00 00 00 00  ff ff');
  assert.deepEqual(encodeGoTime(new Date(0)), want);
  assert.equal(decodeGoTime(want).getTime(), 0);
  assert.deepEqual(decodeGoTimeParts(want), { seconds: 62135596800n, nanos: 0, offsetSeconds: null });
});

test('encodes milliseconds and a zone offset (hand-computed vector)', () => {
  // 2001-02-03T04:05:06.789Z: days since 1970 = 31*365 + 8 leap days + 31 (Jan) + 2 = 11356;
  // 11356*86400 + 4*3600 + 5*60 + 6 = 981173106 s; + 62135596800 = 63116769906 = 0x0E_B20D_7A72.
  // 789 ms = 789000000 ns = 0x2F07_2F40. Offset +60 minutes = 0x003C.
  const want = hex('01  00 00 00 0e b2 0d 7a 72  2f 07 2f 40  00 3c');
  const date = new Date('2001-02-03T04:05:06.789Z');
  assert.deepEqual(encodeGoTime(date, 60), want);
  assert.equal(decodeGoTime(want).toISOString(), date.toISOString());
  assert.equal(decodeGoTimeParts(want).offsetSeconds, 3600);
});

test('decodes the timestamp of the published google v1.0.4 provider.yaml.sig', () => {
  // First 15 bytes of that .sig: seconds 0x0EDA757FD2 = 63794675666 (Unix 1659078866), nanos
  // 0x0F232328 = 253961000, offset 0x0258 = 600 minutes (+10:00, Australian Eastern Standard Time).
  const bytes = hex('01 0000000eda757fd2 0f232328 0258');
  assert.equal(decodeGoTime(bytes).toISOString(), '2022-07-29T07:14:26.253Z');
  assert.deepEqual(decodeGoTimeParts(bytes), {
    seconds: 63794675666n,
    nanos: 253961000,
    offsetSeconds: 36000,
  });
});

test('decodes version 2 (offset with seconds)', () => {
  // +05:30:15 = 330 minutes (0x014A) and 15 seconds.
  const v2 = hex('02 0000000e7791f700 00000000 014a 0f');
  assert.deepEqual(decodeGoTimeParts(v2), { seconds: 62135596800n, nanos: 0, offsetSeconds: 330 * 60 + 15 });
  assert.equal(decodeGoTime(v2).getTime(), 0);
});

test('round-trips dates before and after the epoch', () => {
  for (const iso of [
    '0001-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2024-02-29T12:34:56.001Z',
    '9999-12-31T23:59:59.999Z',
  ]) {
    const d = new Date(iso);
    assert.equal(decodeGoTime(encodeGoTime(d)).toISOString(), iso);
    assert.equal(decodeGoTime(encodeGoTime(d, -300)).toISOString(), iso);
  }
  assert.equal(encodeGoTime(new Date()).length, 15);
});

test('rejects malformed Go time bytes', () => {
  assert.throws(() => decodeGoTime(Buffer.alloc(0)), /no data/);
  assert.throws(() => decodeGoTime(hex('03 0000000e7791f700 00000000 ffff')), /unsupported version 3/);
  assert.throws(() => decodeGoTime(hex('01 0000000e7791f700 00000000 ffff 00')), /needs 15 bytes, got 16/);
  assert.throws(() => decodeGoTime(hex('02 0000000e7791f700 00000000 ffff')), /needs 16 bytes, got 15/);
  assert.throws(() => decodeGoTime(hex('01 0000000e7791f700 3b9aca00 ffff')), /nanoseconds out of range/);
  assert.throws(() => encodeGoTime(new Date(Number.NaN)), /invalid Date/);
  assert.throws(() => encodeGoTime(new Date(0), -1), /zone offset/);
});
