import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import {
  heapGrowth,
  noteRowWidth,
  restoreHeapDefaults,
  tightenFromEnv,
  tightenHeapGrowth,
  WIDE_ROW_COLUMNS,
} from '../../../../src/base/util/heap-growth.js';

const NONE = { flagsChanged: false, youngGeneration: 'none' };
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
/** The old generation's size: every space but the young one. */
const oldBytes = () => getHeapSpaceStatistics().reduce((sum, s) => sum + s.space_size, 0) - youngBytes();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('wide rows lift the young generation cap for the rest of the run; narrow ones keep it', async () => {
  assert.deepEqual(heapGrowth(), NONE);
  noteRowWidth(WIDE_ROW_COLUMNS + 20); // nothing in force: a no-op
  assert.deepEqual(heapGrowth(), NONE);
  const relax = tightenHeapGrowth(0); // 0 (SKYQL_HEAP_TIGHTEN_MB=0): tightened at once
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

test('a heap that stays small changes no V8 flag (they would make Node compile its built-ins again)', async () => {
  const relax = tightenHeapGrowth(oldBytes() + 512 * 1024 * 1024, 0);
  try {
    await sleep(35); // a few looks
    const young = youngBytes();
    // a unit-test process whose young generation grew to V8's 16 MB gets it capped; else nothing changes
    if (young < 16 * 1024 * 1024)
      assert.deepEqual(heapGrowth(), { flagsChanged: false, youngGeneration: 'pending' });
    noteRowWidth(WIDE_ROW_COLUMNS); // lifting the cap changes no flag either
    assert.equal(heapGrowth().youngGeneration, 'lifted');
  } finally {
    relax();
  }
  assert.deepEqual(heapGrowth(), NONE);
});

test('the growth is tightened once the old generation passes the threshold, checked as it grows', async () => {
  const relax = tightenHeapGrowth(oldBytes() + 8 * 1024 * 1024, 0);
  try {
    await sleep(5);
    assert.equal(heapGrowth().flagsChanged, youngBytes() >= 16 * 1024 * 1024);
    const held: number[][] = [];
    for (let i = 0; i < 400 && !heapGrowth().flagsChanged; i++) {
      held.push(Array.from({ length: 16 * 1024 }, (_, j) => j + i)); // ~128 KB each, kept
      await sleep(2);
    }
    assert.equal(heapGrowth().flagsChanged, true, `tightened with ${held.length} arrays held`);
  } finally {
    relax();
  }
  assert.deepEqual(heapGrowth(), NONE);
});

test('the first look at the heap waits until start-up is over (node:v8 stays off its critical path)', async () => {
  const relax = tightenHeapGrowth(1, 60); // any heap is past 1 byte, but nothing looks for 60 ms
  try {
    await sleep(20);
    assert.equal(heapGrowth().flagsChanged, false, 'no look yet');
    await sleep(80);
    assert.equal(heapGrowth().flagsChanged, true, 'looked once the delay was over');
  } finally {
    relax();
  }
  assert.deepEqual(heapGrowth(), NONE);
});

test('SKYQL_HEAP_TIGHTEN_MB gives the threshold in MiB; anything else leaves the default', () => {
  assert.equal(tightenFromEnv({ SKYQL_HEAP_TIGHTEN_MB: '0' }), 0);
  assert.equal(tightenFromEnv({ SKYQL_HEAP_TIGHTEN_MB: '24' }), 24 * 1024 * 1024);
  for (const raw of [undefined, '', ' ', '-1', 'lots', 'Infinity'])
    assert.equal(tightenFromEnv({ SKYQL_HEAP_TIGHTEN_MB: raw }), undefined, String(raw));
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
