import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourcePage } from '../../../../src/tools/docs/resource-page.js';
import { codeBlock, googleCatalog, googlePage, section } from './google-docs.js';

const v104 = googleCatalog('v1.0.4');

test('v1.0.4: series_series renders with the long discovery method names', async () => {
  const page = await googlePage(v104, 'healthcare', 'series_series');
  const method = 'projects_locations_datasets_dicomStores_studies_series_retrieveSeries';
  assert.match(page, new RegExp(`defaultValue="${method}"`));
  assert.match(
    section(page, 'Methods'),
    new RegExp(`<a href="#${method}"><CopyableCode code="${method}" /></a>`),
  );
  assert.match(
    codeBlock(page, 'sql'),
    /^SELECT\ncontentType,\ndata,\nextensions\nFROM google\.healthcare\.series_series\nWHERE projectsId/,
  );
});

test('v1.0.4: datasets has no UPDATE verb, so patch is a lifecycle method', async () => {
  const page = await googlePage(v104, 'healthcare', 'datasets');
  assert.ok(!page.includes('## `UPDATE` examples'));
  assert.ok(!page.includes('## `REPLACE` examples'));
  const lifecycle = section(page, 'Lifecycle Methods');
  assert.match(
    lifecycle,
    /{ label: 'projects_locations_datasets_patch', value: 'projects_locations_datasets_patch' }/,
  );
  assert.match(
    codeBlock(section(page, '`INSERT` examples'), 'sql'),
    /^INSERT INTO google\.healthcare\.datasets \(\ndata__name,/,
  );
});

test('v1.0.4: every resource of a few services renders', async () => {
  for (const name of ['healthcare', 'pubsub', 'storage', 'compute']) {
    const service = await v104.service('google', name);
    for (const r of service.resourceNames()) {
      const page = resourcePage(service.resource(r));
      assert.ok(page.startsWith(`--- \ntitle: ${r}\n`), `${name}.${r}`);
      assert.ok(page.endsWith('</Tabs>\n'), `${name}.${r}`);
    }
  }
});
