import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  heapGrowth,
  noteRowWidth,
  restoreHeapDefaults,
  tightenAfterFromEnv,
  tightenHeapGrowth,
  WIDE_ROW_COLUMNS,
} from '../../../../src/base/util/heap-growth.js';

const NONE = { flagsChanged: false, youngGeneration: 'none' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('wide rows lift the young generation cap for the rest of the run; narrow ones keep it', () => {
  assert.deepEqual(heapGrowth(), NONE);
  noteRowWidth(WIDE_ROW_COLUMNS + 20); // nothing in force: a no-op
  assert.deepEqual(heapGrowth(), NONE);
  const relax = tightenHeapGrowth(0); // 0 (SKYQL_HEAP_TIGHTEN_AFTER_MS=0): tightened at once
  try {
    assert.equal(heapGrowth().flagsChanged, true);
    const before = heapGrowth().youngGeneration;
    assert.ok(before === 'pending' || before === 'capped', before);
    noteRowWidth(2); // COUNT(*): the cap stays
    assert.equal(heapGrowth().youngGeneration, before);
    noteRowWidth(WIDE_ROW_COLUMNS - 1);
    assert.equal(heapGrowth().youngGeneration, before);
    noteRowWidth(WIDE_ROW_COLUMNS); // SELECT * of a wide resource
    assert.equal(heapGrowth().youngGeneration, 'lifted');
    noteRowWidth(2); // a later narrow table does not cap it again
    assert.equal(heapGrowth().youngGeneration, 'lifted');
  } finally {
    relax();
  }
  assert.deepEqual(heapGrowth(), NONE, 'V8 defaults back (the code cache is keyed by flags)');
});

test('the growth is tightened once start-up is over, not before (node:v8 and the flag hash stay off its path)', async () => {
  const relax = tightenHeapGrowth(60);
  try {
    await sleep(20);
    assert.deepEqual(heapGrowth(), { flagsChanged: false, youngGeneration: 'pending' }, 'nothing yet');
    await sleep(80);
    assert.equal(heapGrowth().flagsChanged, true, 'tightened once the delay was over');
  } finally {
    relax();
  }
  assert.deepEqual(heapGrowth(), NONE);
});

test('a run that ends before the delay changes no V8 flag, then or later', async () => {
  const relax = tightenHeapGrowth(40);
  noteRowWidth(WIDE_ROW_COLUMNS); // lifting the cap before the delay changes no flag either
  assert.deepEqual(heapGrowth(), { flagsChanged: false, youngGeneration: 'lifted' });
  relax();
  assert.deepEqual(heapGrowth(), NONE);
  await sleep(80); // the timer went with it
  assert.deepEqual(heapGrowth(), NONE);
});

test('SKYQL_HEAP_TIGHTEN_AFTER_MS gives the delay in ms; anything else leaves the default', () => {
  assert.equal(tightenAfterFromEnv({ SKYQL_HEAP_TIGHTEN_AFTER_MS: '0' }), 0);
  assert.equal(tightenAfterFromEnv({ SKYQL_HEAP_TIGHTEN_AFTER_MS: '250' }), 250);
  for (const raw of [undefined, '', ' ', '-1', 'soon', 'Infinity'])
    assert.equal(tightenAfterFromEnv({ SKYQL_HEAP_TIGHTEN_AFTER_MS: raw }), undefined, String(raw));
});

test('restoreHeapDefaults puts back what a tightening changed (bin/skyql, before the code cache)', () => {
  restoreHeapDefaults(); // none in force: a no-op
  assert.deepEqual(heapGrowth(), NONE);
  const relax = tightenHeapGrowth(0);
  assert.equal(heapGrowth().flagsChanged, true);
  restoreHeapDefaults();
  assert.deepEqual(heapGrowth(), NONE);
  relax(); // the statements' own end after it: nothing left to do
  assert.deepEqual(heapGrowth(), NONE);
});
