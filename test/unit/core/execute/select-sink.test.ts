import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import type { Cell, ResultColumn } from '../../../../src/base/result/result-set.js';
import type { ResultSink } from '../../../../src/base/result/result-sink.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { executeSelect } from '../../../../src/core/execute/execute-select.js';
import type { ApiRow, RowSource } from '../../../../src/core/execute/row-source.js';
import { bufferedStream, pipeQuery } from '../../../../src/core/store/local-stream.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

/** 2,500 buckets of one project over 5 pages. */
const buckets: RowSource = {
  async fetch() {
    throw new Error('the streaming path must be used');
  },
  async stream(_m, _params, sink) {
    for (let p = 0; p < 5; p++)
      await sink(
        Array.from(
          { length: 500 },
          (_, k): ApiRow => ({ name: `b-${p * 500 + k}`, labels: { n: p * 500 + k } }),
        ),
      );
  },
};

/** A sink that records what it was handed, and how many skyql tables existed at each batch. */
function recorder() {
  const seen = {
    columns: [] as readonly ResultColumn[],
    batches: [] as number[],
    rows: [] as Cell[][],
    tables: [] as number[],
    ended: false,
  };
  const sink: ResultSink = (columns) => {
    seen.columns = columns;
    return {
      async rows(batch) {
        seen.batches.push(batch.length);
        seen.tables.push(store.tableNames().filter((t) => t.startsWith('__skyql_')).length);
        for (const r of batch) seen.rows.push([...r]);
        await new Promise((r) => setImmediate(r)); // a writer waiting for its output to drain
      },
      end() {
        seen.ended = true;
      },
    };
  };
  return { seen, sink };
}

const context = {
  catalog,
  store,
  source: buckets,
  stream: (sql: string, sink: ResultSink, signal?: AbortSignal) =>
    pipeQuery(store.readStream(sql, 1000), sink, signal),
  options: { concurrency: 1, keepGoing: false, warn: () => {} },
};
const SQL =
  "SELECT name, json_extract(labels, '$.n') AS n FROM google.storage.buckets WHERE project = 'p' ORDER BY n";

test('with a sink, a SELECT streams its rows in batches while its tables exist, then drops them', async () => {
  const { seen, sink } = recorder();
  assert.equal(await executeSelect(context, SQL, sink), undefined);
  assert.deepEqual(seen.batches, [1000, 1000, 500]);
  assert.deepEqual(seen.tables, [1, 1, 1]);
  assert.ok(seen.ended);
  assert.deepEqual(
    seen.columns.map((c) => c.name),
    ['name', 'n'],
  );
  assert.deepEqual(seen.rows, (await executeSelect(context, SQL)).rows);
  assert.equal(store.tableNames().filter((t) => t.startsWith('__skyql_')).length, 0);
});

test('the buffered stream (runner processes) hands the same batches', async () => {
  const { seen, sink } = recorder();
  const buffered = { ...context, stream: bufferedStream(async (sql) => store.read(sql)) };
  await executeSelect(buffered, SQL, sink);
  assert.deepEqual(seen.batches, [1000, 1000, 500]);
  assert.ok(seen.ended);
});

test('a query failing after two batches: those batches were handed, no end, the error, no tables left', async () => {
  const { seen, sink } = recorder();
  const failing =
    "SELECT name, CASE WHEN json_extract(labels, '$.n') < 2200 THEN 1 ELSE json_extract('bad', '$') END AS v FROM google.storage.buckets WHERE project = 'p'"; // no ORDER BY: rows come as SQLite steps
  await assert.rejects(executeSelect(context, failing, sink), /SQL error: malformed JSON/);
  assert.deepEqual(seen.batches, [1000, 1000]);
  assert.equal(seen.ended, false);
  assert.equal(store.tableNames().filter((t) => t.startsWith('__skyql_')).length, 0);
  // the reader connection was released: the next query runs
  assert.deepEqual(store.readSync('SELECT 1').rows, [[1]]);
});

test('an abort between batches stops the stream with CANCELLED and releases the statement', async () => {
  const controller = new AbortController();
  const batches: number[] = [];
  const sink: ResultSink = () => ({
    rows(batch) {
      batches.push(batch.length);
      controller.abort();
    },
    end() {},
  });
  await assert.rejects(
    pipeQuery(
      store.readStream(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) SELECT x FROM c',
        1000,
      ),
      sink,
      controller.signal,
    ),
    /statement cancelled/,
  );
  assert.deepEqual(batches, [1000]);
  assert.deepEqual(store.readSync('SELECT 2').rows, [[2]]);
});

test('a streamed query is checked like any read: errors at prepare time come before the sink opens', () => {
  assert.throws(() => store.readStream('DELETE FROM x', 10), /is not allowed/);
  assert.throws(() => store.readStream('SELECT nope', 10), /no such column/);
});

test('a wide row makes smaller batches: about 4,000 cells each, however many rows are allowed', () => {
  const cols = Array.from({ length: 50 }, (_, i) => `x AS c${i}`).join(', ');
  const sql = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) SELECT ${cols} FROM c`;
  const sizes = [...store.readStream(sql, 1000).batches].map((b) => b.length);
  assert.deepEqual(sizes, [80, 80, 80, 80, 80, 80, 20]); // 4,000 / 50 columns
  assert.deepEqual(
    [...store.readStream('SELECT 1 AS a UNION ALL SELECT 2', 1).batches].map((b) => b.length),
    [1, 1],
  );
});
