import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  noteRowWidth,
  tightenHeapGrowth,
  WIDE_ROW_COLUMNS,
  youngGenerationCap,
} from '../../../../src/base/util/heap-growth.js';

test('wide rows lift the young generation cap for the rest of the run; narrow ones keep it', () => {
  assert.equal(youngGenerationCap(), 'none');
  noteRowWidth(WIDE_ROW_COLUMNS + 20); // nothing in force: a no-op
  assert.equal(youngGenerationCap(), 'none');
  const relax = tightenHeapGrowth();
  try {
    const before = youngGenerationCap();
    assert.ok(before === 'pending' || before === 'capped', before);
    noteRowWidth(2); // COUNT(*): the cap stays
    assert.equal(youngGenerationCap(), before);
    noteRowWidth(WIDE_ROW_COLUMNS - 1);
    assert.equal(youngGenerationCap(), before);
    noteRowWidth(WIDE_ROW_COLUMNS); // SELECT * of a wide resource
    assert.equal(youngGenerationCap(), 'lifted');
    noteRowWidth(2); // a later narrow table does not cap it again
    assert.equal(youngGenerationCap(), 'lifted');
  } finally {
    relax();
  }
  assert.equal(youngGenerationCap(), 'none', 'V8 defaults back (the code cache is keyed by flags)');
});
