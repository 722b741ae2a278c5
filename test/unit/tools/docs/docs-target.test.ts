import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { parseDocsTarget, safeFileName } from '../../../../src/tools/docs/docs-target.js';
import { resourcePagePath, singlePagePath } from '../../../../src/tools/docs/page-writer.js';
import { indexOrder, serviceIndexPage, twoColumnBlock } from '../../../../src/tools/docs/service-index.js';
import { tempDir } from '../../../support/temp-dir.js';

test('parseDocsTarget: provider, service, resource (quoted when it has dots)', () => {
  assert.deepEqual(parseDocsTarget('google'), { provider: 'google' });
  assert.deepEqual(parseDocsTarget('google.healthcare'), { provider: 'google', service: 'healthcare' });
  assert.deepEqual(parseDocsTarget('google.healthcare.series_series'), {
    provider: 'google',
    service: 'healthcare',
    resource: 'series_series',
  });
  assert.deepEqual(parseDocsTarget('google.container."projects.aggregated.usableSubnetworks"'), {
    provider: 'google',
    service: 'container',
    resource: 'projects.aggregated.usableSubnetworks',
  });
  assert.throws(
    () => parseDocsTarget('google..x'),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
  assert.throws(
    () => parseDocsTarget(''),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

test('safeFileName keeps names as one path segment', () => {
  assert.equal(safeFileName('operations_-fhir-operation'), 'operations_-fhir-operation');
  assert.equal(safeFileName('../x'), '.._x');
  assert.equal(safeFileName('..'), '_..');
  assert.equal(safeFileName('a/b'), 'a_b');
});

test('service index: sorted resources in two columns of links, first column longer', () => {
  assert.equal(
    twoColumnBlock(['1', '2', '3'], (c) => c.join(',')),
    '<div class="row">\n<div class="providerDocColumn">\n1,2\n</div>\n<div class="providerDocColumn">\n3\n</div>\n</div>',
  );
  assert.deepEqual(['consents', 'consent_stores', 'b'].sort(indexOrder), ['b', 'consent_stores', 'consents']);
  const page = serviceIndexPage('google', 'healthcare', ['series', 'datasets', 'fhir']);
  assert.match(page, /^---\ntitle: healthcare\n/);
  assert.match(
    page,
    /\nhealthcare service documentation\.\n\n:::info\[Service Summary\]\n\ntotal resources: __3__ {2}\n\n:::\n/,
  );
  assert.ok(
    page.endsWith(
      '## Resources\n<div class="row">\n<div class="providerDocColumn">\n<a href="/healthcare/datasets/">datasets</a><br />\n<a href="/healthcare/fhir/">fhir</a>\n</div>\n<div class="providerDocColumn">\n<a href="/healthcare/series/">series</a>\n</div>\n</div>',
    ),
  );
});

test('singlePagePath: an existing folder or a trailing slash means <resource>.md inside it', () => {
  const dir = tempDir();
  assert.equal(singlePagePath(dir, 'datasets'), join(dir, 'datasets.md'));
  assert.equal(singlePagePath(`${dir}/new/`, 'datasets'), join(dir, 'new', 'datasets.md'));
  assert.equal(singlePagePath(join(dir, 'page.md'), 'datasets'), join(dir, 'page.md'));
  assert.equal(
    resourcePagePath('/out', 'healthcare', 'datasets', 'flat'),
    join('/out', 'healthcare', 'datasets.md'),
  );
  assert.equal(
    resourcePagePath('/out', 'healthcare', 'datasets', 'nested'),
    join('/out', 'healthcare', 'datasets', 'index.md'),
  );
});
