import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { body, lines, mutationSession, objects, requestsDuring, run } from './mutation-kit.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;

test('INSERT VALUES: one POST per row, data__ columns as the body (JSON strings as JSON), RETURNING', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  let result: Awaited<ReturnType<typeof run>>;
  const sent = await requestsDuring(emu, async () => {
    result = await run(
      session,
      `INSERT INTO google.storage.buckets (project, data__name, data__labels, data__versioning, data__storageClass)
       VALUES ('${P}', 'mut-a', '{"env": "dev"}', '{"enabled": true}', 'NEARLINE'),
              ('${P}', 'mut-b', '{}', '{"enabled": false}', 'STANDARD')
       RETURNING name, storageClass, labels`,
    );
  });
  const posts = sent.sort((a, b) => (a.requestBody ?? '').localeCompare(b.requestBody ?? ''));
  assert.deepEqual(lines(posts), [`POST /storage/v1/b?project=${P}`, `POST /storage/v1/b?project=${P}`]);
  assert.deepEqual(posts.map(body), [
    { labels: { env: 'dev' }, name: 'mut-a', storageClass: 'NEARLINE', versioning: { enabled: true } },
    { labels: {}, name: 'mut-b', storageClass: 'STANDARD', versioning: { enabled: false } },
  ]);
  assert.deepEqual(
    objects(result).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    [
      { name: 'mut-a', storageClass: 'NEARLINE', labels: '{"env":"dev"}' },
      { name: 'mut-b', storageClass: 'STANDARD', labels: '{}' },
    ],
  );
  assert.deepEqual(messages, ['The operation was despatched successfully']);
});

test('UPDATE is a PATCH of the SET fields; REPLACE is a PUT of the whole resource', async () => {
  const { session } = mutationSession(emu, keyPath);
  const patch = await requestsDuring(emu, () =>
    run(session, `UPDATE google.storage.buckets SET data__labels = '{"env": "prod"}' WHERE bucket = 'mut-a'`),
  );
  assert.deepEqual(lines(patch), ['PATCH /storage/v1/b/mut-a']);
  assert.deepEqual(body(patch[0]), { labels: { env: 'prod' } });
  const put = await requestsDuring(emu, () =>
    run(
      session,
      `REPLACE google.storage.buckets SET data__name = 'mut-b', data__storageClass = 'COLDLINE' WHERE bucket = 'mut-b'`,
    ),
  );
  assert.deepEqual(lines(put), ['PUT /storage/v1/b/mut-b']);
  assert.deepEqual(body(put[0]), { name: 'mut-b', storageClass: 'COLDLINE' });
  const check = await run(
    session,
    `SELECT name, storageClass, json_extract(labels, '$.env') AS env FROM google.storage.buckets
     WHERE project = '${P}' AND name LIKE 'mut-%' ORDER BY name`,
  );
  assert.deepEqual(objects(check), [
    { name: 'mut-a', storageClass: 'NEARLINE', env: 'prod' },
    { name: 'mut-b', storageClass: 'COLDLINE', env: null },
  ]);
});

test('a failed insert fails the statement with Google status and message; INSERT IGNORE skips it', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  await assert.rejects(
    run(session, `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'mut-a')`),
    (e) => isSkyqlError(e, 'HTTP_ERROR') && /^google\.storage\.buckets\.insert: HTTP 409 /.test(e.message),
  );
  await run(
    session,
    `INSERT IGNORE INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'mut-a')`,
  );
  assert.match(messages.join('\n'), /already exists, skipped \(INSERT IGNORE\)/);
});

test('a misspelt column fails before any request, with a suggestion', async () => {
  const { session } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    assert.rejects(
      run(session, `INSERT INTO google.storage.buckets (project, data__nme) VALUES ('${P}', 'x')`),
      (e) => isSkyqlError(e, 'BAD_PARAMETER') && /did you mean data__name/.test(e.hint ?? ''),
    ),
  );
  assert.deepEqual(sent, []);
});

test('EXEC with @@json creates topics (PUT); UPDATE fills the body updateMask; SHOWRESULTS tabulates', async () => {
  const { session } = mutationSession(emu, keyPath);
  const created = await requestsDuring(emu, () =>
    run(
      session,
      `EXEC google.pubsub.topics.projects_topics_create @projectsId = '${P}', @topicsId = 'mut-t1'
       @@json = '{"labels": {"team": "a"}, "messageRetentionDuration": "600s"}'`,
    ),
  );
  assert.deepEqual(lines(created), [`PUT /v1/projects/${P}/topics/mut-t1`]);
  assert.deepEqual(body(created[0]), { labels: { team: 'a' }, messageRetentionDuration: '600s' });
  const shown = await run(
    session,
    `EXEC /*+ SHOWRESULTS */ google.pubsub.topics.projects_topics_create @projectsId = '${P}', @topicsId = 'mut-t2'`,
  );
  assert.deepEqual(
    objects(shown).map((r) => r.name),
    [`projects/${P}/topics/mut-t2`],
  );
  const patched = await requestsDuring(emu, () =>
    run(
      session,
      `UPDATE google.pubsub.topics SET data__topic = '{"labels": {"team": "b"}}'
       WHERE projectsId = '${P}' AND topicsId = 'mut-t1'`,
    ),
  );
  assert.deepEqual(lines(patched), [`PATCH /v1/projects/${P}/topics/mut-t1`]);
  assert.deepEqual(body(patched[0]), { topic: { labels: { team: 'b' } }, updateMask: 'labels' });
});

test('DELETE with IN lists fans out: one DELETE per value', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `DELETE FROM google.pubsub.topics WHERE projectsId = '${P}' AND topicsId IN ('mut-t1', 'mut-t2')`,
    ),
  );
  assert.deepEqual(lines(sent).sort(), [
    `DELETE /v1/projects/${P}/topics/mut-t1`,
    `DELETE /v1/projects/${P}/topics/mut-t2`,
  ]);
  const buckets = await requestsDuring(emu, () =>
    run(session, `DELETE FROM google.storage.buckets WHERE bucket IN ('mut-a', 'mut-b')`),
  );
  assert.deepEqual(lines(buckets).sort(), ['DELETE /storage/v1/b/mut-a', 'DELETE /storage/v1/b/mut-b']);
  assert.ok(buckets.every((e) => e.status < 300));
  assert.deepEqual(messages, [
    'The operation was despatched successfully',
    'The operation was despatched successfully',
  ]);
});

test('in a fan-out, one failing call is named and the others still run', async () => {
  const { session } = mutationSession(emu, keyPath);
  await run(session, `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'mut-c')`);
  const sent = await requestsDuring(emu, () =>
    assert.rejects(
      run(session, `DELETE FROM google.storage.buckets WHERE bucket IN ('mut-missing', 'mut-c')`),
      (e) =>
        isSkyqlError(e, 'HTTP_ERROR') &&
        /HTTP 404 .*\(call 1 of 2, with bucket=mut-missing; 1 other call succeeded\)$/.test(e.message),
    ),
  );
  assert.equal(sent.length, 2);
});

test('EXEC of an unknown method names the closest ones; SHOW INSERT prints a template', async () => {
  const { session } = mutationSession(emu, keyPath);
  await assert.rejects(
    run(session, `EXEC google.pubsub.topics.projects_topics_publsh @projectsId = '${P}', @topicsId = 't'`),
    (e) =>
      isSkyqlError(e, 'METHOD_NOT_FOUND') &&
      e.message.startsWith(
        "method 'projects_topics_publsh' not found in google.pubsub.topics; did you mean google.pubsub.topics.projects_topics_publish",
      ),
  );
  const t = await run(session, 'SHOW INSERT /*+ REQUIRED, JSON */ INTO google.storage.buckets');
  assert.deepEqual(objects(t), [
    {
      insert_statement:
        "INSERT INTO google.storage.buckets(\n  project\n)\nSELECT\n  '{{ .values.project }}'\n;",
    },
  ]);
});
