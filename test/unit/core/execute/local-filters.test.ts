import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { executeSelect } from '../../../../src/core/execute/execute-select.js';
import type { RowSource } from '../../../../src/core/execute/row-source.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';
import { scriptedInstances, ZONE_URL } from '../../../support/scripted-row-source.js';

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

async function run(source: RowSource, sql: string, quiet = false) {
  const notices: string[] = [];
  const r = await executeSelect(
    {
      catalog,
      store,
      source,
      options: {
        concurrency: 4,
        keepGoing: false,
        warn: () => {},
        notice: quiet ? undefined : (m) => notices.push(m),
      },
    },
    sql,
  );
  return { ...r, notices };
}

test('a term on a parameter the API cannot take is applied to the response value, and said once', async () => {
  const src = scriptedInstances();
  const r = await run(
    src,
    "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone LIKE 'us-%' AND zone <> 'x'",
  );
  assert.deepEqual(src.calls, ['aggregated_list(project=p)']);
  assert.deepEqual(r.rows, [], "StackQL's semantics: SQLite compares the response's zone (a URL)");
  assert.deepEqual(r.notices, [
    `notice: zone LIKE 'us-%', zone <> 'x' are applied by skyql to the zone values google.compute.instances.aggregated_list returned (such as '${ZONE_URL}/us-east1-b'), not passed to the API; to pass zone to the API, write zone = '…' or zone IN ('…', …)`,
  ]);
  const quiet = await run(
    scriptedInstances(),
    "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone LIKE 'us-%'",
    true,
  );
  assert.deepEqual(quiet.notices, []);
});

test('functions over the column, NOT IN and an OR mixing columns are local terms too; bound terms are not', async () => {
  for (const where of ["lower(zone) = 'x'", "zone NOT IN ('a')", "(zone = 'a' OR name = 'b')"]) {
    const r = await run(
      scriptedInstances(),
      `SELECT name FROM google.compute.instances WHERE project = 'p' AND ${where}`,
    );
    assert.equal(r.notices.length, 1, where);
    assert.match(
      r.notices[0],
      /^notice: .* is applied by skyql to the zone values google\.compute\.instances\.aggregated_list returned/,
      where,
    );
  }
  for (const where of [
    "zone = 'a'",
    "zone IN ('a', 'b') AND status = 'RUNNING'",
    "name LIKE 'vm%' AND zone = 'a'",
  ]) {
    const r = await run(
      scriptedInstances(),
      `SELECT name FROM google.compute.instances WHERE project = 'p' AND ${where}`,
    );
    assert.deepEqual(r.notices, [], where);
  }
});

test('an = term on a parameter the chosen method does not take points to SHOW METHODS', async () => {
  const r = await run(
    scriptedInstances(),
    "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'a' AND zone LIKE '%a' AND returnPartialSuccess = true",
  );
  assert.equal(r.notices.length, 1);
  assert.match(
    r.notices[0],
    /zone LIKE '%a' is applied by skyql to the zone values google\.compute\.instances\.list returned \(such as '.*\/zones\/a'\)/,
  );
  await assert.rejects(
    run(
      scriptedInstances(),
      "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'a' AND serviceProjectNumber = 7",
    ),
    (e: unknown) =>
      isSkyqlError(e, 'LOCAL_SQL_ERROR') &&
      e.message.endsWith(
        '; list, the method chosen, does not take the parameter serviceProjectNumber: SHOW METHODS IN google.compute.instances lists the methods that do)',
      ),
    'a parameter that is no response column: SQLite cannot apply it, and the error says why',
  );
});

test('the notice shows control characters as escapes: terminal sequences in a term or a value never reach the screen', async () => {
  const r = await run(
    scriptedInstances(),
    "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone LIKE 'us-\u001b]0;PWNED\u0007\u001b[2J\r%'",
  );
  assert.equal(r.notices.length, 1);
  assert.ok(
    ![...r.notices[0]].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    JSON.stringify(r.notices[0]),
  );
  assert.match(r.notices[0], /zone LIKE 'us-\\x1b\]0;PWNED\\x07\\x1b\[2J %'/);
});
