import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { ResultSet } from '../../../../src/base/result/result-set.js';
import { formatResult, OUTPUT_FORMATS, parseOutputFormat } from '../../../../src/front/output/formatters.js';

const result: ResultSet = { columns: [{ name: 'n', type: 'integer' }], rows: [[1]] };

test('parseOutputFormat is case-insensitive and maps ndjson to jsonl', () => {
  assert.equal(parseOutputFormat('TABLE'), 'table');
  assert.equal(parseOutputFormat('Json'), 'json');
  assert.equal(parseOutputFormat('ndjson'), 'jsonl');
  assert.equal(parseOutputFormat('pptext'), 'pptext');
  assert.deepEqual([...OUTPUT_FORMATS], ['table', 'csv', 'text', 'json', 'jsonl', 'pptext']);
});

test('parseOutputFormat rejects unknown formats with StackQL wording and a hint', () => {
  assert.throws(
    () => parseOutputFormat('yaml'),
    (e: unknown) =>
      e instanceof SkyqlError &&
      e.code === 'BAD_OUTPUT_FORMAT' &&
      e.message === "unable to create output writer for output format = 'yaml'" &&
      e.hint === 'use one of table, csv, text, json, jsonl, pptext',
  );
  assert.throws(() => parseOutputFormat('toString'), SkyqlError);
});

test('formatResult dispatches to each writer', () => {
  assert.equal(formatResult('table', result), '|---|\n| n |\n|---|\n| 1 |\n|---|\n');
  assert.equal(formatResult('csv', result, { hideHeaders: true }), '1\n');
  assert.equal(formatResult('text', result), 'n\n1\n');
  assert.equal(formatResult('pptext', result), 'n\n1\n');
  assert.equal(formatResult('json', result), '[{"n":1}]\n');
  assert.equal(formatResult('jsonl', result), '{"n":1}\n');
});
