import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binaryDate, binaryNumeric, binaryTimestamp } from '../../../../src/front/pgwire/binary-values.js';
import { showTimeout, statementTimeoutCommand } from '../../../../src/front/pgwire/statement-timeout.js';

/** ndigits, weight, sign, dscale, then the base-10000 digits. */
function numericParts(b: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i += 2) out.push(i === 4 ? b.readUInt16BE(i) : b.readInt16BE(i));
  return out;
}

test("numeric in PostgreSQL's binary format", () => {
  assert.deepEqual(numericParts(binaryNumeric('9007199254740993')), [4, 3, 0, 0, 9007, 1992, 5474, 993]);
  assert.deepEqual(numericParts(binaryNumeric('-12.50')), [2, 0, 0x4000, 2, 12, 5000]);
  assert.deepEqual(numericParts(binaryNumeric('0.0001')), [1, -1, 0, 4, 1]);
  assert.deepEqual(numericParts(binaryNumeric('0')), [0, 0, 0, 0]);
  assert.deepEqual(numericParts(binaryNumeric('NaN')), [0, 0, 0xc000, 0]);
  assert.throws(() => binaryNumeric('abc'), { code: 'PGWIRE_PROTOCOL' });
});

test("timestamps and dates in PostgreSQL's binary format (from 2000-01-01)", () => {
  assert.equal(binaryTimestamp('2000-01-01 00:00:01.5').readBigInt64BE(), 1_500_000n);
  assert.equal(binaryTimestamp('2000-01-01 01:00:00+01').readBigInt64BE(), 0n);
  assert.equal(binaryTimestamp('1999-12-31 19:30:00-04:30').readBigInt64BE(), 0n);
  assert.equal(binaryDate('2000-01-02').readInt32BE(), 1);
  assert.equal(binaryDate('1999-12-31').readInt32BE(), -1);
  assert.equal(binaryDate('infinity').readInt32BE(), 0x7fffffff);
});

test('SET statement_timeout: units, DEFAULT, RESET; bad values refused', () => {
  assert.deepEqual(statementTimeoutCommand("SET statement_timeout = '1s'"), { ms: 1000 });
  assert.deepEqual(statementTimeoutCommand('set session statement_timeout to 250'), { ms: 250 });
  assert.deepEqual(statementTimeoutCommand("SET statement_timeout TO '2min';"), { ms: 120_000 });
  assert.equal(statementTimeoutCommand('SET statement_timeout TO DEFAULT'), 'default');
  assert.equal(statementTimeoutCommand('RESET ALL'), 'default');
  assert.equal(statementTimeoutCommand('SET search_path = x'), undefined);
  assert.throws(() => statementTimeoutCommand("SET statement_timeout = '1 parsec'"), {
    code: 'BAD_PARAMETER',
  });
  assert.equal(showTimeout(1500), '1500ms');
  assert.equal(showTimeout(2000), '2s');
});
