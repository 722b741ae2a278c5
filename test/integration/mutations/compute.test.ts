import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { lines, mutationSession, objects, requestsDuring, run } from './mutation-kit.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;
const Z = 'us-central1-a';
const OPS = `/compute/v1/projects/${P}/zones/${Z}/operations/operation-`;

test('INSERT /*+ AWAIT */ of a zonal instance: exact body, operation polled to DONE, StackQL progress lines', async () => {
  emu.settings.operationPolls = 2;
  const { session, messages } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name, data__machineType, data__disks)
       SELECT '${P}', '${Z}', 'mut-vm-1', 'zones/${Z}/machineTypes/e2-small',
              '[{"boot": true, "initializeParams": {"diskSizeGb": "10"}}]'`,
    ),
  );
  assert.equal(lines(sent)[0], `POST /compute/v1/projects/${P}/zones/${Z}/instances`);
  assert.equal(
    sent[0].requestBody,
    `{"name":"mut-vm-1","machineType":"zones/${Z}/machineTypes/e2-small","disks":[{"boot":true,"initializeParams":{"diskSizeGb":"10"}}]}`,
  );
  assert.equal(sent.length, 3, 'the insert and two polls');
  assert.ok(lines(sent.slice(1)).every((l) => l.startsWith(`GET ${OPS}`)));
  assert.equal(messages.length, 3);
  assert.match(messages[0], /^compute#operation: insert in progress, \d+ seconds elapsed$/);
  assert.match(messages[1], /^compute#operation: insert in progress, \d+ seconds elapsed$/);
  assert.equal(messages[2], 'compute#operation: insert complete');
});

test('without AWAIT the statement returns after the insert: despatched, RETURNING shows the operation', async () => {
  emu.settings.operationPolls = 1;
  const { session, messages } = mutationSession(emu, keyPath);
  let result: Awaited<ReturnType<typeof run>>;
  const sent = await requestsDuring(emu, async () => {
    result = await run(
      session,
      `INSERT INTO google.compute.instances (project, zone, data__name) VALUES ('${P}', '${Z}', 'mut-vm-2')
       RETURNING kind, operationType, status`,
    );
  });
  assert.equal(sent.length, 1);
  assert.deepEqual(objects(result), [
    { kind: 'compute#operation', operationType: 'insert', status: 'PENDING' },
  ]);
  assert.deepEqual(messages, ['The operation was despatched successfully']);
});

test('AWAIT + RETURNING tabulates the finished resource fetched from targetLink; NOSTATUS is quiet', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  let result: Awaited<ReturnType<typeof run>>;
  const sent = await requestsDuring(emu, async () => {
    result = await run(
      session,
      `INSERT /*+ AWAIT, NOSTATUS */ INTO google.compute.instances (project, zone, data__name, data__labels)
       VALUES ('${P}', '${Z}', 'mut-vm-3', '{"team": "core"}') RETURNING name, status, labels`,
    );
  });
  assert.deepEqual(objects(result), [{ name: 'mut-vm-3', status: 'RUNNING', labels: '{"team":"core"}' }]);
  assert.equal(lines(sent).at(-1), `GET /compute/v1/projects/${P}/zones/${Z}/instances/mut-vm-3`);
  assert.deepEqual(messages, ['The operation completed successfully']);
});

test('EXEC with @@json on a compute method, awaited', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `EXEC /*+ AWAIT */ google.compute.instances.set_labels @project = '${P}', @zone = '${Z}', @instance = 'mut-vm-3'
       @@json = '{"labels": {"team": "data"}, "labelFingerprint": "x"}'`,
    ),
  );
  assert.equal(lines(sent)[0], `POST /compute/v1/projects/${P}/zones/${Z}/instances/mut-vm-3/setLabels`);
  assert.equal(sent[0].requestBody, '{"labels":{"team":"data"},"labelFingerprint":"x"}');
  assert.equal(messages.at(-1), 'compute#operation: setLabels complete');
  const vm = await run(
    session,
    `SELECT json_extract(labels, '$.team') AS team FROM google.compute.instances
     WHERE project = '${P}' AND zone = '${Z}' AND instance = 'mut-vm-3'`,
  );
  assert.deepEqual(objects(vm), [{ team: 'data' }]);
});

test("an operation that ends in error fails the statement with the operation's error", async () => {
  const { session } = mutationSession(emu, keyPath);
  const id = emu.faults.add({
    match: '/instances',
    method: 'POST',
    times: 1,
    failOperation: { code: 403, message: "Quota 'CPUS' exceeded. Limit: 24.0 in region us-central1." },
  });
  try {
    await assert.rejects(
      run(
        session,
        `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name) VALUES ('${P}', '${Z}', 'mut-vm-4')`,
      ),
      (e) =>
        isSkyqlError(e, 'OPERATION_FAILED') &&
        e.message ===
          "compute#operation: insert failed: HTTP 403 PERMISSION_DENIED: Quota 'CPUS' exceeded. Limit: 24.0 in region us-central1.",
    );
  } finally {
    emu.faults.remove(id);
  }
});

test('DELETE /*+ AWAIT */ ... RETURNING is refused before anything is sent; DELETE AWAIT fans out', async () => {
  const { session, messages } = mutationSession(emu, keyPath);
  const refused = await requestsDuring(emu, () =>
    assert.rejects(
      run(
        session,
        `DELETE /*+ AWAIT */ FROM google.compute.instances WHERE project = '${P}' AND zone = '${Z}' AND instance = 'mut-vm-1' RETURNING *`,
      ),
      (e) =>
        isSkyqlError(e, 'UNSUPPORTED_STATEMENT') &&
        e.message === 'returning from asynchronous delete is disallowed',
    ),
  );
  assert.deepEqual(refused, []);
  const sent = await requestsDuring(emu, () =>
    run(
      session,
      `DELETE /*+ AWAIT */ FROM google.compute.instances
       WHERE project = '${P}' AND zone = '${Z}' AND instance IN ('mut-vm-1', 'mut-vm-2', 'mut-vm-3')`,
    ),
  );
  const deletes = lines(sent).filter((l) => l.startsWith('DELETE'));
  assert.deepEqual(deletes.sort(), [
    `DELETE /compute/v1/projects/${P}/zones/${Z}/instances/mut-vm-1`,
    `DELETE /compute/v1/projects/${P}/zones/${Z}/instances/mut-vm-2`,
    `DELETE /compute/v1/projects/${P}/zones/${Z}/instances/mut-vm-3`,
  ]);
  assert.equal(messages.filter((m) => m === 'compute#operation: delete complete').length, 3);
  const left = await run(
    session,
    `SELECT name FROM google.compute.instances WHERE project = '${P}' AND zone = '${Z}' AND name LIKE 'mut-%'`,
  );
  assert.deepEqual(objects(left), []);
});

test('--await timeout: gives up naming the operation still running', async () => {
  emu.settings.operationPolls = 1000;
  const { session } = mutationSession(emu, keyPath, {
    await: { initialDelayMs: 5, maxDelayMs: 10, timeoutMs: 60 },
  });
  try {
    await assert.rejects(
      run(
        session,
        `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name) VALUES ('${P}', '${Z}', 'mut-vm-5')`,
      ),
      (e) =>
        isSkyqlError(e, 'OPERATION_TIMEOUT') &&
        /--await\.timeout.*operation operation-\d+-\w+ \(insert of https:\/\/www\.googleapis\.com\/compute\/.*\/instances\/mut-vm-5\) is still running/.test(
          e.message,
        ),
    );
  } finally {
    emu.settings.operationPolls = 1;
  }
});

test('an abort (Ctrl-C) while waiting stops with CANCELLED naming the running operation', async () => {
  emu.settings.operationPolls = 1000;
  const { session } = mutationSession(emu, keyPath);
  const controller = new AbortController();
  const { parseStatement } = await import('../../../src/core/sql/parser/parse-statement.js');
  try {
    const waiting = session.execute(
      parseStatement(
        `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name) VALUES ('${P}', '${Z}', 'mut-vm-6')`,
      ),
      { signal: controller.signal },
    );
    // Abort only once the operation is being polled, so the abort lands while it is awaited (not
    // while the token is fetched or the insert's response is still on its way).
    const since = emu.log.entries().length;
    const started = Date.now();
    while (
      !emu.log
        .entries()
        .slice(since)
        .some((e) => e.method === 'GET' && e.url.includes('/operations/') && e.status === 200)
    ) {
      if (Date.now() - started > 10_000) throw new Error('the operation was never polled');
      await new Promise((r) => setTimeout(r, 10));
    }
    controller.abort();
    await assert.rejects(
      waiting,
      (e) =>
        isSkyqlError(e, 'CANCELLED') &&
        /^stopped waiting: operation operation-.*mut-vm-6\) is still running$/.test(e.message),
    );
  } finally {
    emu.settings.operationPolls = 1;
  }
});
