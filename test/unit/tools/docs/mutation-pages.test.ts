import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeBlock, googleCatalog, googlePage, section } from './google-docs.js';

const v25 = googleCatalog('v25.07.00000');

test('google.healthcare.datasets: all sections in the published order', async () => {
  const page = await googlePage(v25, 'healthcare', 'datasets');
  const headings = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    'Overview',
    'Fields',
    'Methods',
    'Parameters',
    '`SELECT` examples',
    '`INSERT` examples',
    '`UPDATE` examples',
    '`DELETE` examples',
    'Lifecycle Methods',
  ]);
  assert.ok(page.endsWith('</TabItem>\n</Tabs>\n'));
});

test('google.healthcare.datasets: methods table lists verbs, required params in path order and optional params', async () => {
  const methods = section(await googlePage(v25, 'healthcare', 'datasets'), 'Methods');
  const rows = [
    ...methods.matchAll(
      /<a href="#([^"]+)"><CopyableCode code="[^"]+" \/><\/a><\/td>\n {4}<td><CopyableCode code="([a-z]+)" \/><\/td>\n {4}<td>(.*)<\/td>\n {4}<td>(.*)<\/td>/g,
    ),
  ];
  const link = (n: string) => `<a href="#parameter-${n}"><code>${n}</code></a>`;
  const links = (...names: string[]) => names.map(link).join(', ');
  assert.deepEqual(
    rows.map((r) => [r[1], r[2], r[3], r[4]]),
    [
      ['get', 'select', links('projectsId', 'locationsId', 'datasetsId'), ''],
      ['list', 'select', links('projectsId', 'locationsId'), links('pageSize', 'pageToken')],
      ['create', 'insert', links('projectsId', 'locationsId'), links('datasetId')],
      ['patch', 'update', links('projectsId', 'locationsId', 'datasetsId'), links('updateMask')],
      ['delete', 'delete', links('projectsId', 'locationsId', 'datasetsId'), ''],
      ['deidentify', 'exec', links('projectsId', 'locationsId', 'datasetsId'), ''],
    ],
  );
});

test('google.healthcare.datasets: parameters are the required ones sorted, then the optional ones sorted', async () => {
  const params = section(await googlePage(v25, 'healthcare', 'datasets'), 'Parameters');
  const ids = [...params.matchAll(/<tr id="parameter-([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(ids, [
    'datasetsId',
    'locationsId',
    'projectsId',
    'datasetId',
    'pageSize',
    'pageToken',
    'updateMask',
  ]);
  assert.match(
    params,
    /<CopyableCode code="pageSize" \/><\/td>\n {4}<td><code>integer \(int32\)<\/code><\/td>/,
  );
  assert.match(params, /<code>string \(google-fieldmask\)<\/code>/);
});

test('google.healthcare.datasets: fields put name first and annotate $ref properties with their schema id', async () => {
  const fields = section(await googlePage(v25, 'healthcare', 'datasets'), 'Fields');
  assert.match(fields, /<TabItem value="get">\n\nA message representing a health dataset\./);
  assert.match(fields, /<TabItem value="list">\n\nLists the available datasets\./);
  const getTab = fields.slice(
    fields.indexOf('<TabItem value="get">'),
    fields.indexOf('<TabItem value="list">'),
  );
  assert.deepEqual(
    [...getTab.matchAll(/code="([^"]+)"/g)].map((m) => m[1]),
    ['name', 'encryptionSpec', 'timeZone'],
  );
  assert.match(
    getTab,
    /`projects\/&#123;project_id&#125;\/locations\/&#123;location_id&#125;\/datasets\/&#123;dataset_id&#125;`/,
  );
  assert.match(getTab, /secured by the default Google encryption key\. \(id: EncryptionSpec\)<\/td>/);
});

test('google.healthcare.datasets: INSERT uses data__ body fields, then the parameters, and returns the Operation', async () => {
  const insert = section(await googlePage(v25, 'healthcare', 'datasets'), '`INSERT` examples');
  assert.match(insert, /{ label: 'create', value: 'create' },\n {8}{ label: 'Manifest', value: 'manifest' }/);
  assert.equal(
    codeBlock(insert, 'sql'),
    [
      'INSERT INTO google.healthcare.datasets (',
      'data__name,',
      'data__timeZone,',
      'data__encryptionSpec,',
      'projectsId,',
      'locationsId,',
      'datasetId',
      ')',
      'SELECT ',
      "'{{ name }}',",
      "'{{ timeZone }}',",
      "'{{ encryptionSpec }}',",
      "'{{ projectsId }}',",
      "'{{ locationsId }}',",
      "'{{ datasetId }}'",
      'RETURNING',
      'name,',
      'done,',
      'error,',
      'metadata,',
      'response',
      ';',
      '',
    ].join('\n'),
  );
  const manifest = codeBlock(insert, 'yaml');
  assert.match(
    manifest,
    /^# Description fields are for documentation purposes\n- name: datasets\n {2}props:\n/,
  );
  assert.match(
    manifest,
    / {4}- name: projectsId\n {6}value: string\n {6}description: Required parameter for the datasets resource\.\n/,
  );
  assert.match(
    manifest,
    / {4}- name: timeZone\n {6}value: string\n {6}description: >\n {8}Optional\. The default timezone/,
  );
  assert.match(manifest, / {4}- name: datasetId\n {6}value: string\n$/);
});

test('google.healthcare.datasets: UPDATE, DELETE and EXEC examples', async () => {
  const page = await googlePage(v25, 'healthcare', 'datasets');
  const update = codeBlock(section(page, '`UPDATE` examples'), 'sql');
  assert.match(update, /^UPDATE google\.healthcare\.datasets\nSET \ndata__name = '\{\{ name \}\}',\n/);
  assert.match(
    update,
    /\nWHERE \nprojectsId = '\{\{ projectsId \}\}' --required\nAND locationsId = '\{\{ locationsId \}\}' --required\nAND datasetsId = '\{\{ datasetsId \}\}' --required\nAND updateMask = '\{\{ updateMask\}\}'\nRETURNING\nname,\n/,
  );
  assert.equal(
    codeBlock(section(page, '`DELETE` examples'), 'sql'),
    "DELETE FROM google.healthcare.datasets\nWHERE projectsId = '{{ projectsId }}' --required\nAND locationsId = '{{ locationsId }}' --required\nAND datasetsId = '{{ datasetsId }}' --required;\n",
  );
  const exec = codeBlock(section(page, 'Lifecycle Methods'), 'sql');
  assert.match(
    exec,
    /^EXEC google\.healthcare\.datasets\.deidentify \n@projectsId='\{\{ projectsId \}\}' --required, \n/,
  );
  assert.match(
    exec,
    /@datasetsId='\{\{ datasetsId \}\}' --required \n@@json=\n'\{\n"destinationDataset": "\{\{ destinationDataset \}\}", \n/,
  );
  assert.ok(exec.endsWith("\n}';\n"));
});

test('google.pubsub.topics: UPDATE body is the request message, creation is a lifecycle method with typed JSON', async () => {
  const page = await googlePage(v25, 'pubsub', 'topics');
  assert.ok(!page.includes('## `INSERT` examples'));
  assert.match(
    section(page, 'Methods'),
    /<CopyableCode code="projects_topics_create" \/><\/a><\/td>\n {4}<td><CopyableCode code="exec" \/><\/td>/,
  );
  const update = codeBlock(section(page, '`UPDATE` examples'), 'sql');
  assert.match(
    update,
    /SET \ndata__topic = '\{\{ topic \}\}',\ndata__updateMask = '\{\{ updateMask \}\}'\nWHERE \n/,
  );
  assert.equal(
    codeBlock(section(page, '`DELETE` examples'), 'sql'),
    "DELETE FROM google.pubsub.topics\nWHERE projectsId = '{{ projectsId }}' --required\nAND topicsId = '{{ topicsId }}' --required;\n",
  );
  const create = codeBlock(section(page, 'Lifecycle Methods'), 'sql');
  assert.match(create, /"satisfiesPzs": \{\{ satisfiesPzs \}\}, \n/, 'booleans are not quoted');
  assert.match(create, /"labels": "\{\{ labels \}\}", \n/);
  assert.ok(!create.includes('"state"'), 'read-only fields are left out');
});

test('bigquery.datasets: REPLACE section, boolean body fields unquoted, enum valid_values and defaults', async () => {
  const page = await googlePage(v25, 'bigquery', 'datasets');
  const headings = [...page.matchAll(/^## (`[A-Z]+` examples|Lifecycle Methods)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    '`SELECT` examples',
    '`INSERT` examples',
    '`UPDATE` examples',
    '`REPLACE` examples',
    '`DELETE` examples',
    'Lifecycle Methods',
  ]);
  const replace = codeBlock(section(page, '`REPLACE` examples'), 'sql');
  assert.match(replace, /^REPLACE google\.bigquery\.datasets\nSET \n/);
  assert.match(replace, /\ndata__isCaseInsensitive = \{\{ isCaseInsensitive \}\},\n/);
  const insert = section(page, '`INSERT` examples');
  assert.match(codeBlock(insert, 'sql'), /\n\{\{ isCaseInsensitive \}\},\n/);
  assert.match(
    codeBlock(insert, 'yaml'),
    /\n {6}valid_values: \['STORAGE_BILLING_MODEL_UNSPECIFIED', 'LOGICAL', 'PHYSICAL'\]\n/,
  );
  assert.match(
    section(page, 'Fields'),
    /Output only\. The resource type\. \(default: bigquery#dataset\)<\/td>/,
  );
  assert.match(
    codeBlock(section(page, '`DELETE` examples'), 'sql'),
    /\nAND deleteContents = '\{\{ deleteContents \}\}';\n$/,
  );
});

test('a resource without SELECT says so, and its EXEC example lists optional parameters', async () => {
  const page = await googlePage(v25, 'cloudsupport', 'case_classifications');
  assert.match(
    page,
    /## Fields\n\nThe following fields are returned by `SELECT` queries:\n\n`SELECT` not supported for this resource, use `SHOW METHODS` to view available operations for the resource\.\n\n\n## Methods\n/,
  );
  assert.match(page, /separated by `" &gt; "`/);
  assert.equal(
    codeBlock(section(page, 'Lifecycle Methods'), 'sql'),
    "EXEC google.cloudsupport.case_classifications.search \n@query='{{ query }}', \n@pageSize='{{ pageSize }}', \n@pageToken='{{ pageToken }}';\n",
  );
});
