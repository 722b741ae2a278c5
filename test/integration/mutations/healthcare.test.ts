import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { body, lines, mutationSession, objects, requestsDuring, run } from './mutation-kit.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;
const L = SAMPLE.location;
const DATASETS = `/v1/projects/${P}/locations/${L}/datasets`;

test('INSERT /*+ AWAIT */ of a dataset: AIP-151 operation polled at <service>/v1/<name> until done', async () => {
  emu.settings.operationPolls = 2;
  const { session, messages } = mutationSession(emu, keyPath);
  let result: Awaited<ReturnType<typeof run>>;
  const sent = await requestsDuring(emu, async () => {
    result = await run(
      session,
      `INSERT /*+ AWAIT */ INTO google.healthcare.datasets (projectsId, locationsId, datasetId, data__timeZone)
       VALUES ('${P}', '${L}', 'mut-ds-1', 'UTC') RETURNING *`,
    );
  });
  assert.deepEqual(lines(sent.slice(0, 1)), [`POST ${DATASETS}?datasetId=mut-ds-1`]);
  assert.deepEqual(body(sent[0]), { timeZone: 'UTC' });
  const polls = lines(sent.slice(1));
  assert.equal(polls.length, 2);
  assert.ok(
    polls.every((l) => l.startsWith(`GET ${DATASETS}/mut-ds-1/operations/operation-`)),
    polls.join('\n'),
  );
  assert.deepEqual(objects(result), [
    { name: `projects/${P}/locations/${L}/datasets/mut-ds-1`, timeZone: 'UTC' },
  ]);
  assert.equal(messages.length, 3);
  assert.match(
    messages[0],
    new RegExp(
      `^projects/${P}/locations/${L}/datasets/mut-ds-1/operations/operation-\\S+: create in progress, \\d+ seconds elapsed$`,
    ),
  );
  assert.match(messages[2], /: create complete$/);
  emu.settings.operationPolls = 1;
});

test('without AWAIT: despatched, RETURNING shows the operation (name, done)', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  const r = await run(
    session,
    `INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId) VALUES ('${P}', '${L}', 'mut-ds-2')
     RETURNING name, done`,
  );
  const [row] = objects(r);
  assert.match(String(row.name), new RegExp(`^projects/${P}/locations/${L}/datasets/mut-ds-2/operations/`));
  assert.equal(row.done, null);
  assert.deepEqual(messages, ['The operation was despatched successfully']);
});

test('UPDATE fills updateMask from the SET columns (query parameter) unless given', async () => {
  const { session } = mutationSession(emu, keyPath);
  const where = `WHERE projectsId = '${P}' AND locationsId = '${L}' AND datasetsId = 'mut-ds-1'`;
  const filled = await requestsDuring(emu, () =>
    run(session, `UPDATE google.healthcare.datasets SET data__timeZone = 'Europe/Paris' ${where}`),
  );
  assert.deepEqual(lines(filled), [`PATCH ${DATASETS}/mut-ds-1?updateMask=timeZone`]);
  assert.deepEqual(body(filled[0]), { timeZone: 'Europe/Paris' });
  const given = await requestsDuring(emu, () =>
    run(
      session,
      `UPDATE google.healthcare.datasets SET data__timeZone = 'Asia/Tokyo', updateMask = 'timeZone' ${where} RETURNING timeZone`,
    ),
  );
  assert.deepEqual(lines(given), [`PATCH ${DATASETS}/mut-ds-1?updateMask=timeZone`]);
  const check = await run(
    session,
    `SELECT timeZone FROM google.healthcare.datasets WHERE projectsId = '${P}' AND locationsId = '${L}' AND datasetsId = 'mut-ds-1'`,
  );
  assert.deepEqual(objects(check), [{ timeZone: 'Asia/Tokyo' }]);
});

test('an AIP-151 operation ending in error fails the statement with its status and message', async () => {
  const { session } = mutationSession(emu, keyPath);
  const id = emu.faults.add({
    match: '/datasets',
    method: 'POST',
    times: 1,
    failOperation: { code: 409, message: 'dataset mut-ds-3 already exists' },
  });
  try {
    await assert.rejects(
      run(
        session,
        `INSERT /*+ AWAIT */ INTO google.healthcare.datasets (projectsId, locationsId, datasetId) VALUES ('${P}', '${L}', 'mut-ds-3')`,
      ),
      (e) =>
        isSkyqlError(e, 'OPERATION_FAILED') &&
        /operations\/operation-\S+: create failed: ALREADY_EXISTS \(code 6\): dataset mut-ds-3 already exists$/.test(
          e.message,
        ),
    );
  } finally {
    emu.faults.remove(id);
  }
});

test('DELETE /*+ AWAIT */ of datasets (IN fan-out); the datasets are gone', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `DELETE /*+ AWAIT */ FROM google.healthcare.datasets
       WHERE projectsId = '${P}' AND locationsId = '${L}' AND datasetsId IN ('mut-ds-1', 'mut-ds-2')`,
    ),
  );
  assert.deepEqual(lines(sent.filter((e) => e.method === 'DELETE')).sort(), [
    `DELETE ${DATASETS}/mut-ds-1`,
    `DELETE ${DATASETS}/mut-ds-2`,
  ]);
  assert.equal(messages.at(-1), 'The operation completed successfully');
  const left = await run(
    session,
    `SELECT name FROM google.healthcare.datasets WHERE projectsId = '${P}' AND locationsId = '${L}' AND name LIKE '%mut-ds%'`,
  );
  assert.deepEqual(objects(left), []);
});

test('INSERT ... SELECT reads a provider table: one create per selected row', async () => {
  const { session } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId)
       SELECT '${P}', '${L}', replace(name, '${P}-', 'from-') FROM google.storage.buckets
       WHERE project = '${P}' AND name IN ('${P}-assets', '${P}-logs') ORDER BY name`,
    ),
  );
  const posts = lines(sent.filter((e) => e.method === 'POST')).sort();
  assert.deepEqual(posts, [`POST ${DATASETS}?datasetId=from-assets`, `POST ${DATASETS}?datasetId=from-logs`]);
  assert.ok(
    sent.some((e) => e.method === 'GET' && e.url.includes('/storage/v1/b?project=')),
    'the SELECT read buckets',
  );
  await run(
    session,
    `DELETE FROM google.healthcare.datasets WHERE projectsId = '${P}' AND locationsId = '${L}' AND datasetsId IN ('from-assets', 'from-logs')`,
  );
});
