import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMPACT, INVALID, SPACED, scanJson } from '../../../../src/front/output/json-scan.js';

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const VALID = [
  '{}',
  '[]',
  '0',
  '-0.5e+10',
  '"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D"',
  'true',
  'false',
  'null',
  '{"a":[1,{"b":null}],"c":"x"}',
  ' { "a" : [ 1 , 2 ] } ',
  '[[[[[]]]]]',
  '{"":""}',
  '"\ud800"',
  '12345678901234567890',
  '1E5',
];
const INVALIDS = [
  '',
  ' ',
  '{',
  '[1,]',
  '{"a":1,}',
  '{a:1}',
  "{'a':1}",
  '01',
  '1.',
  '.5',
  '-',
  '+1',
  '1e',
  '"\\x"',
  '"\\u12g4"',
  '"a\nb"',
  '"unterminated',
  'tru',
  'nul',
  'NaN',
  '[1 2]',
  '{"a" 1}',
  '{"a":1 "b":2}',
  '[1]]',
  '{}{}',
  '{"a":1]',
  '[}',
  'not json',
];

test('scanJson accepts what JSON.parse accepts, and tells compact from spaced text', () => {
  for (const s of VALID) assert.notEqual(scanJson(s), INVALID, s);
  for (const s of INVALIDS) assert.equal(scanJson(s), INVALID, s);
  assert.equal(scanJson('{"a":[1,2]}'), COMPACT);
  assert.equal(scanJson('{"a": [1,2]}'), SPACED);
  assert.equal(scanJson('"a b"'), COMPACT);
  assert.equal(scanJson('1\n'), SPACED);
});

test('scanJson agrees with JSON.parse on mutations of valid documents', () => {
  const alphabet = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    ':',
    ' ',
    '\\',
    'u',
    '0',
    '1',
    '-',
    '.',
    'e',
    'a',
    't',
    'n',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const base = [...VALID, JSON.stringify({ k: [1, -2.5e3, 'x"y', { z: null, t: true }], e: {}, f: [] })];
  for (let k = 0; k < 20000; k++) {
    let s = base[rand(base.length)];
    for (let m = rand(3) + 1; m > 0; m--) {
      const at = rand(s.length + 1);
      const op = rand(3);
      if (op === 0) s = s.slice(0, at) + alphabet[rand(alphabet.length)] + s.slice(at);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1);
      else s = s.slice(0, at) + alphabet[rand(alphabet.length)] + s.slice(at + 1);
    }
    assert.equal(scanJson(s) !== INVALID, parses(s), JSON.stringify(s));
  }
});
