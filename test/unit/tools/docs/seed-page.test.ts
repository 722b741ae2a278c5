import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_PAGE } from '../../../support/paths.js';
import { googleCatalog, googlePage } from './google-docs.js';

test('google.healthcare.series_series (v25.07.00000) reproduces the seed page byte for byte', async () => {
  const page = await googlePage(googleCatalog('v25.07.00000'), 'healthcare', 'series_series');
  assert.equal(page, readFileSync(SEED_PAGE, 'utf8'));
});
