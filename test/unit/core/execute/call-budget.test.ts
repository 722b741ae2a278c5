import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { createSession } from '../../../../src/core/engine/create-session.js';
import { executeSelect } from '../../../../src/core/execute/execute-select.js';
import { SqliteStore } from '../../../../src/core/store/sqlite-store.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';
import { scripted } from '../../../support/scripted-row-source.js';

const catalog = new Catalog(
  new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT)),
  new Map([['google', 'v25.07.00000']]),
);
const store = new SqliteStore();
after(() => store.close());

/** `zone IN ('z0', …)` with n values. */
function zones(n: number): string {
  return `(${Array.from({ length: n }, (_, i) => `'z${i}'`).join(', ')})`;
}

/** `k` self-joined instances tables, each fanned out over the same n zones. */
function selfJoin(k: number, n: number): string {
  const from = Array.from({ length: k }, (_, i) => `google.compute.instances t${i}`).join(', ');
  const where = Array.from({ length: k }, (_, i) => `t${i}.project = 'p' AND t${i}.zone IN ${zones(n)}`);
  return `SELECT t0.name FROM ${from} WHERE ${where.join(' AND ')}`;
}

function select(sql: string, maxCalls?: number) {
  const src = scripted(() => []);
  const run = executeSelect(
    { catalog, store, source: src, maxCalls, options: { concurrency: 4, keepGoing: false, warn: () => {} } },
    sql,
  );
  return { src, run };
}

test('the cap counts the calls of all tables of a statement, and refuses before the first call', async () => {
  // 4 tables of 2,500 values each: 10,000 calls in all, none refused per table before
  const { src, run } = select(selfJoin(4, 2501));
  await assert.rejects(run, (e) => {
    assert.ok(isSkyqlError(e) && e.code === 'TOO_MANY_CALLS', String(e));
    assert.match(e.message, /10004 API calls .* more than the cap of 10000/);
    assert.match(e.hint ?? '', /--execution\.maxCalls/);
    return true;
  });
  assert.equal(src.calls.length, 0);
});

test('--execution.maxCalls raises or lowers the cap', async () => {
  const low = select(selfJoin(2, 2), 3);
  await assert.rejects(low.run, /4 API calls .* cap of 3/);
  const exact = select(selfJoin(2, 2), 4);
  await exact.run;
  assert.equal(exact.src.calls.length, 4);
});

test('a dependent join is counted as it fans out: the statement stops before its calls', async () => {
  const src = scripted((m) =>
    m.resourceFqn === 'google.compute.zones' ? ['a', 'b', 'c'].map((name) => ({ name })) : [],
  );
  const run = executeSelect(
    {
      catalog,
      store,
      source: src,
      maxCalls: 3,
      options: { concurrency: 4, keepGoing: false, warn: () => {} },
    },
    "SELECT i.name FROM google.compute.zones z JOIN google.compute.instances i ON i.zone = z.name WHERE z.project = 'p' AND i.project = 'p'",
  );
  await assert.rejects(run, (e) => {
    assert.ok(isSkyqlError(e) && e.code === 'TOO_MANY_CALLS', String(e));
    assert.match(e.message, /4 API calls \(3 of them for the join values of google\.compute\.instances\)/);
    return true;
  });
  assert.deepEqual(src.calls, ['list(project=p)']);
});

test('EXPLAIN shows the calls in all and refuses over the cap as running would', async () => {
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    pins: new Map([['google', 'v25.07.00000']]),
    maxCalls: 8,
  });
  try {
    const outcomes = [];
    for await (const o of session.run(`EXPLAIN ${selfJoin(2, 4)}; EXPLAIN ${selfJoin(8, 1251)}`))
      outcomes.push(o);
    const [small, big] = outcomes;
    assert.ok(small.ok, small.ok ? '' : small.error.message);
    const total = small.result?.rows.find((r) => r[2] === 'calls in all');
    assert.equal(total?.[3], '8; at most 8 (--execution.maxCalls)');
    assert.ok(!big.ok);
    assert.equal(big.error.code, 'TOO_MANY_CALLS');
    assert.match(big.error.message, /10008 API calls/);
  } finally {
    await session.close();
  }
});
