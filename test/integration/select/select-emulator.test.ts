import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { Session } from '../../../src/core/engine/session.js';
import { parseScript } from '../../../src/core/sql/parser/parse-script.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { emulatorSession, startSampleEmulator } from '../../support/emulator-session.js';

const { emu, keyPath } = await startSampleEmulator();

async function query(session: Session, sql: string) {
  const [entry] = parseScript(sql);
  if (!entry.ok) throw entry.error;
  const result = await session.execute(entry.statement);
  assert.ok(result);
  return result;
}

const SEED = `SELECT contentType, data, extensions FROM google.healthcare.series_series
WHERE projectsId = '${SAMPLE.project}' AND locationsId = '${SAMPLE.location}' AND datasetsId = '${SAMPLE.dataset}'
  AND dicomStoresId = '${SAMPLE.dicomStore}' AND studiesId = '${SAMPLE.study}' AND seriesId = '${SAMPLE.series}'`;

test('the seed query returns one row: multipart content type, exact base64 of the binary body, null extensions', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const r = await query(session, SEED);
  assert.equal(r.rows.length, 1);
  const [contentType, data, extensions] = r.rows[0];
  assert.match(String(contentType), /^multipart\/related; type="application\/dicom"; boundary=/);
  assert.equal(extensions, null);
  const bytes = Buffer.from(String(data), 'base64');
  const boundary = /boundary=([^;]+)/.exec(String(contentType))?.[1] as string;
  assert.ok(bytes.includes(Buffer.from(`--${boundary}`)), 'the body is the multipart document');
  assert.ok(bytes.includes(Buffer.from('DICM')), 'with DICOM parts inside');
  const logged = emu.log.entries().filter((e) => e.url.includes('/dicomWeb/'));
  assert.equal(logged.length, 1);
  assert.equal(logged[0].status, 200);
});

test('a paged list is followed to the end (12 buckets over 3 pages)', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().length;
  const r = await query(
    session,
    `SELECT name FROM google.storage.buckets WHERE project = '${SAMPLE.project}' ORDER BY name`,
  );
  assert.equal(r.rows.length, SAMPLE.bucketCount);
  const calls = emu.log
    .entries()
    .slice(before)
    .filter((e) => e.url.includes('/storage/v1/b'));
  assert.equal(calls.length, 3);
  assert.ok(calls[1].url.includes('pageToken='));
});

test('pageLimit cuts with a warning, never silently', async () => {
  const { session, messages } = emulatorSession(emu, keyPath, { api: { pageLimit: 1 } as never });
  const r = await query(
    session,
    `SELECT name FROM google.storage.buckets WHERE project = '${SAMPLE.project}'`,
  );
  assert.equal(r.rows.length, 5);
  assert.match(messages.join('\n'), /stopped after 1 pages .*more rows exist/);
});

test('an IN list fans out over zones; rows carry the zone they came from', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const r = await query(
    session,
    `SELECT zone, count(*) AS n FROM google.compute.instances
    WHERE project = '${SAMPLE.project}' AND zone IN ('${SAMPLE.zones[0]}', '${SAMPLE.zones[1]}') GROUP BY zone ORDER BY zone`,
  );
  assert.equal(r.rows.length, 2);
  assert.ok(r.rows.every((row) => Number(row[1]) >= 1));
});

test('a dependent join calls the dependent table once per distinct value', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().length;
  const r = await query(
    session,
    `SELECT b.name, count(o.name) AS objects FROM google.storage.buckets b
    LEFT JOIN google.storage.objects o ON o.bucket = b.name
    WHERE b.project = '${SAMPLE.project}' GROUP BY b.name ORDER BY b.name`,
  );
  assert.equal(r.rows.length, SAMPLE.bucketCount);
  const urls = emu.log
    .entries()
    .slice(before)
    .map((e) => e.url);
  const objectCalls = urls.filter((u) => /\/storage\/v1\/b\/[^/]+\/o/.test(u));
  assert.equal(objectCalls.length, SAMPLE.bucketCount, 'one objects.list per bucket');
  assert.equal(new Set(objectCalls).size, SAMPLE.bucketCount);
});

test('a 429 is retried after Retry-After and then succeeds', async () => {
  const { session } = emulatorSession(emu, keyPath);
  emu.faults.add({ match: 'storage/v1/b', status: 429, retryAfter: 0, times: 1 });
  const r = await query(
    session,
    `SELECT count(*) FROM google.storage.buckets WHERE project = '${SAMPLE.project}'`,
  );
  assert.equal(r.rows[0][0], SAMPLE.bucketCount);
});

test('a 500 that keeps failing fails the statement with the status and message', async () => {
  const { session } = emulatorSession(emu, keyPath, { transport: { maxAttempts: 2 } });
  emu.faults.add({ id: 'boom', match: 'pubsub', status: 500, message: 'backend exploded' });
  try {
    await assert.rejects(
      query(session, `SELECT name FROM google.pubsub.topics WHERE projectsId = '${SAMPLE.project}'`),
      (e: unknown) =>
        isSkyqlError(e, 'HTTP_ERROR') && /500/.test(e.message) && /backend exploded/.test(e.message),
    );
  } finally {
    emu.faults.remove('boom');
  }
});

test('a 404 on a get is an error; an empty list is zero rows; an unknown project is an error', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await assert.rejects(
    query(session, `SELECT name FROM google.storage.buckets WHERE bucket = 'no-such-bucket'`),
    (e: unknown) => isSkyqlError(e, 'HTTP_ERROR') && /404/.test(e.message),
  );
  const r = await query(
    session,
    `SELECT name FROM google.pubsub.subscriptions WHERE projectsId = '${SAMPLE.project}'`,
  );
  assert.deepEqual(r.rows, []);
  await assert.rejects(
    query(session, `SELECT name FROM google.pubsub.topics WHERE projectsId = 'empty-project'`),
    (e: unknown) => isSkyqlError(e, 'HTTP_ERROR') && /404.*project=empty-project/.test(e.message),
  );
});

test('a missing parameter names the methods and what they lack', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await assert.rejects(
    query(session, "SELECT name FROM google.compute.instances WHERE zone = 'x'"),
    (e: unknown) => isSkyqlError(e, 'NO_MATCHING_METHOD') && /list needs project/.test(e.message),
  );
});

test('a dependent LEFT JOIN over zones: one instances call per zone, empty zones kept', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().length;
  const r = await query(
    session,
    `SELECT z.name, count(i.name) AS n FROM google.compute.zones z
    LEFT JOIN google.compute.instances i ON i.zone = z.name AND i.project = '${SAMPLE.project}'
    WHERE z.project = '${SAMPLE.project}' GROUP BY z.name ORDER BY z.name`,
  );
  assert.deepEqual(r.rows, [
    ['europe-west1-b', 2],
    ['us-central1-a', 2],
    ['us-central1-b', 0],
  ]);
  const calls = emu.log
    .entries()
    .slice(before)
    .map((e) => e.url)
    .filter((u) => /\/zones\/[^/]+\/instances/.test(u));
  assert.equal(calls.length, 3);
});

test('an OR of zones returns the rows of both zones, one list call per zone, as EXPLAIN shows', async () => {
  const { session, messages } = emulatorSession(emu, keyPath);
  const where = `project = '${SAMPLE.project}' AND (zone = '${SAMPLE.zones[0]}' OR zone = '${SAMPLE.zones[1]}')`;
  const before = emu.log.entries().length;
  const r = await query(session, `SELECT name FROM google.compute.instances WHERE ${where} ORDER BY name`);
  assert.deepEqual(r.rows, [['batch-1'], ['db-1'], ['web-1'], ['web-2']]);
  const calls = emu.log
    .entries()
    .slice(before)
    .map((e) => new URL(e.url, 'http://x').pathname)
    .filter((u) => u.includes('/instances'));
  assert.deepEqual(calls.sort(), [
    `/compute.googleapis.com/compute/v1/projects/${SAMPLE.project}/zones/${SAMPLE.zones[1]}/instances`,
    `/compute.googleapis.com/compute/v1/projects/${SAMPLE.project}/zones/${SAMPLE.zones[0]}/instances`,
  ]);
  const plan = await query(session, `EXPLAIN SELECT name FROM google.compute.instances WHERE ${where}`);
  const detail = (item: string) => plan.rows.filter((row) => row[2] === item).map((row) => row[3]);
  assert.deepEqual(detail('calls'), ['2: one per value of zone']);
  assert.equal(detail('request').length, 2);
  assert.deepEqual(messages, [], 'nothing to notice');
});

test('a LIKE on zone is applied to the URLs the aggregated list returns, with a notice saying so', async () => {
  const { session, messages } = emulatorSession(emu, keyPath);
  const r = await query(
    session,
    `SELECT name FROM google.compute.instances WHERE project = '${SAMPLE.project}' AND zone LIKE 'us-%'`,
  );
  assert.deepEqual(r.rows, []);
  assert.equal(messages.length, 1);
  assert.match(
    messages[0],
    /^notice: zone LIKE 'us-%' is applied by skyql to the zone values google\.compute\.instances\.aggregated_list returned \(such as 'https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/skyql-demo\/zones\/[a-z0-9-]+'\), not passed to the API; to pass zone to the API, write zone = '…' or zone IN \('…', …\)$/,
  );
  const fixed = await query(
    session,
    `SELECT name FROM google.compute.instances WHERE project = '${SAMPLE.project}' AND zone LIKE '%/us-%'`,
  );
  assert.deepEqual(fixed.rows.map(String).sort(), ['web-1', 'web-2'], 'a pattern for the URL matches');
  const quiet = emulatorSession(emu, keyPath, { quietNotices: true });
  await query(
    quiet.session,
    `SELECT name FROM google.compute.instances WHERE project = '${SAMPLE.project}' AND zone LIKE 'us-%'`,
  );
  assert.deepEqual(quiet.messages, []);
});

test('parameters named like SQL words reach the API, quoted or not', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().length;
  await query(session, "SELECT title FROM google.iam.roles WHERE view = 'FULL'");
  await query(
    session,
    `SELECT id, all FROM google.bigquery.datasets WHERE projectId = '${SAMPLE.project}' AND "all" = true`,
  );
  const urls = emu.log
    .entries()
    .slice(before)
    .map((e) => e.url)
    .filter((u) => !u.includes('oauth2'));
  assert.deepEqual(urls, [
    '/iam.googleapis.com/v1/roles?view=FULL',
    `/bigquery.googleapis.com/bigquery/v2/projects/${SAMPLE.project}/datasets?all=true`,
  ]);
});

test('a malformed SELECT fails as a syntax error before any API call (dangling AND, double comma, dangling =)', async () => {
  const { session } = emulatorSession(emu, keyPath);
  const before = emu.log.entries().length;
  const base = `FROM google.compute.instances WHERE project = '${SAMPLE.project}'`;
  for (const [sql, message] of [
    [`SELECT name ${base} AND`, /incomplete input/],
    [`SELECT name,, ${base}`, /near ",": syntax error/],
    [`SELECT name ${base} AND zone =`, /incomplete input/],
    [`SELECT name ${base} GROUP BY`, /incomplete input/],
  ] as const) {
    await assert.rejects(
      query(session, sql),
      (e: unknown) =>
        isSkyqlError(e, 'SQL_SYNTAX_ERROR') &&
        message.test(e.message) &&
        /no API was called/.test(e.hint ?? ''),
      sql,
    );
  }
  assert.equal(emu.log.entries().length, before, 'nothing was sent, not even a token request');
  // names SQLite cannot know before the tables are loaded are still left for the run
  const ok = await query(session, `SELECT count(*) AS n ${base} AND zone LIKE '%'`);
  assert.equal(ok.rows.length, 1);
});

test('a parameter named only in a term the API cannot take: the error quotes the term and says why', async () => {
  const { session } = emulatorSession(emu, keyPath);
  await assert.rejects(
    query(session, `SELECT name FROM google.storage.buckets WHERE project LIKE 'skyql%'`),
    (e: unknown) =>
      isSkyqlError(e, 'NO_MATCHING_METHOD') &&
      /list needs project\); the query names project only in `project LIKE 'skyql%'`, which is not sent to the API/.test(
        e.message,
      ) &&
      /an OR of those on one column/.test(e.hint ?? ''),
  );
  await assert.rejects(
    query(
      session,
      `SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'a' OR zone = 'b'`,
    ),
    (e: unknown) =>
      isSkyqlError(e, 'NO_MATCHING_METHOD') &&
      /only in `project = 'p' AND zone = 'a' OR zone = 'b'`/.test(e.message),
  );
});

test('a dependent join past --execution.maxCalls stops after its source table: no instance call is sent', async () => {
  const { session } = emulatorSession(emu, keyPath, { maxCalls: SAMPLE.zones.length });
  const before = emu.log.entries().length;
  await assert.rejects(
    query(
      session,
      `SELECT i.name FROM google.compute.zones z JOIN google.compute.instances i ON i.zone = z.name
      WHERE z.project = '${SAMPLE.project}' AND i.project = '${SAMPLE.project}'`,
    ),
    (e) => isSkyqlError(e) && e.code === 'TOO_MANY_CALLS' && /--execution\.maxCalls/.test(e.hint ?? ''),
  );
  const sent = emu.log
    .entries()
    .slice(before)
    .filter((e) => e.url.includes('compute.googleapis.com'));
  assert.equal(sent.length, 1, sent.map((e) => e.url).join('\n'));
  assert.match(sent[0].url, /\/zones(\?|$)/);
});
