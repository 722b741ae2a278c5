import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseAuthConfig } from '../../../src/base/config/auth-config.js';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { createSession } from '../../../src/core/engine/create-session.js';
import type { BranchFailure } from '../../../src/core/execute/branch-failures.js';
import { parseEndpointSpecs } from '../../../src/core/http/endpoints.js';
import { collectingReporter } from '../../support/collecting-reporter.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';
import { json, startScriptedServer } from '../http/scripted-server.js';

const srv = await startScriptedServer();
after(() => srv.close());

const page = (names: string[], next?: string) =>
  json(200, { items: names.map((name) => ({ name })), ...(next ? { nextPageToken: next } : {}) });

function keepGoingSession(failures: BranchFailure[], concurrency: number) {
  const session = createSession({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    reporter: collectingReporter(),
    pins: new Map([['google', 'v25.07.00000']]),
    concurrency,
    keepGoing: true,
    onBranchFailure: (f) => failures.push(f),
    api: {
      auth: parseAuthConfig('{"google":{"type":"null_auth"}}'),
      pageLimit: 0,
      transport: { endpoints: parseEndpointSpecs([`google=${srv.base}`]) },
    },
  });
  after(() => session.close());
  return session;
}

test('with keepGoing, a branch that fails after its first page leaves none of its rows', async () => {
  // one call at a time: project a pages once then fails; project b answers in one page
  srv.script(
    page(['a-1', 'a-2'], 'more'),
    json(404, { error: { code: 404, status: 'NOT_FOUND', message: 'gone' } }),
    page(['b-1']),
  );
  const failures: BranchFailure[] = [];
  const session = keepGoingSession(failures, 1);
  const result = await session.executeText(
    "SELECT name, project FROM google.storage.buckets WHERE project IN ('a', 'b') ORDER BY name",
  );
  assert.deepEqual(result?.rows, [['b-1', 'b']]);
  assert.equal(failures.length, 1);
  assert.deepEqual(
    { class: failures[0].class, params: failures[0].params, status: failures[0].status },
    { class: 'notfound', params: { project: 'a' }, status: 404 },
  );
});

test('streamed pages: a call failing on page 3 of 5, its pages 1-2 already stored, leaves none of its rows', async () => {
  // two calls at once, answered by URL: project a fails on its third page, b has five good pages
  const pageOf = (project: string, n: number) => [`${project}-${n}-1`, `${project}-${n}-2`];
  srv.script((req, res) => {
    const project = /[?&]project=(\w)/.exec(req.url)?.[1] ?? '?';
    const n = Number(/[?&]pageToken=(\d)/.exec(req.url)?.[1] ?? '1');
    if (project === 'a' && n === 3)
      return json(404, { error: { code: 404, status: 'NOT_FOUND', message: 'gone' } })(req, res);
    return page(pageOf(project, n), n < 5 ? String(n + 1) : undefined)(req, res);
  });
  const failures: BranchFailure[] = [];
  const session = keepGoingSession(failures, 2);
  const before = srv.seen.length;
  const result = await session.executeText(
    "SELECT project, count(*) AS n, min(name) AS first FROM google.storage.buckets WHERE project IN ('a', 'b') GROUP BY project",
  );
  assert.deepEqual(result?.rows, [['b', 10, 'b-1-1']]);
  assert.equal(failures.length, 1);
  assert.deepEqual(failures[0].params, { project: 'a' });
  const pagesOfA = srv.seen.slice(before).filter((r) => /[?&]project=a/.test(r.url)).length;
  assert.equal(pagesOfA, 3, 'project a was paged up to its failing page');
});
