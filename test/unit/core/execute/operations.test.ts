import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { JsonObject } from '../../../../src/core/catalog/model/catalog-types.js';
import {
  type AwaitContext,
  awaitOperation,
} from '../../../../src/core/execute/operations/await-operation.js';
import { aipPollUrl, trackOperation } from '../../../../src/core/execute/operations/operation-style.js';
import type { HttpResponse } from '../../../../src/core/http/http-types.js';
import { method } from '../http/fixture-methods.js';

const SELF = 'https://compute.googleapis.com/compute/v1/projects/p/zones/z/operations/op-1';
const computeOp = (status: string, extra: JsonObject = {}): JsonObject => ({
  kind: 'compute#operation',
  name: 'op-1',
  operationType: 'insert',
  status,
  selfLink: SELF,
  targetLink: 'https://compute.googleapis.com/compute/v1/projects/p/zones/z/instances/vm',
  ...extra,
});

function json(body: unknown): HttpResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    url: '',
    attempts: 1,
  };
}

/** A scripted poll: answers in order, with a fake clock advanced by each sleep. */
function scripted(
  answers: unknown[],
  settings = { timeoutMs: 60_000, initialDelayMs: 1000, maxDelayMs: 4000 },
) {
  let clock = 0;
  const waits: number[] = [];
  const lines: string[] = [];
  const urls: string[] = [];
  const ctx: AwaitContext = {
    get: async (url) => {
      urls.push(url);
      const next = answers.shift();
      if (next === undefined) throw new Error('no more answers');
      return json(next);
    },
    settings,
    progress: (l) => lines.push(l),
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  };
  return { ctx, waits, lines, urls };
}

describe('recognising operations', () => {
  test('Compute style, AIP-151 style, and plain resources', async () => {
    const insert = await method('compute', 'instances', 'insert');
    assert.equal(trackOperation(insert, computeOp('PENDING'))?.style, 'compute');
    const create = await method('healthcare', 'datasets', 'create');
    const aip = trackOperation(create, {
      name: 'projects/p/locations/l/datasets/d/operations/o1',
      metadata: {},
    });
    assert.equal(aip?.style, 'aip');
    assert.equal(
      aip?.pollUrl,
      'https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/operations/o1',
    );
    assert.equal(
      trackOperation(create, { name: 'projects/p/locations/l/datasets/d', timeZone: 'UTC' }),
      undefined,
    );
    const bucket = await method('storage', 'buckets', 'insert');
    assert.equal(trackOperation(bucket, { kind: 'storage#bucket', name: 'b', selfLink: 'x' }), undefined);
    assert.equal(
      aipPollUrl(bucket, 'operations/x'),
      'https://storage.googleapis.com/storage/v1/operations/x',
    );
  });
});

describe('awaitOperation', () => {
  test('polls with growing waits, capped, printing StackQL progress lines', async () => {
    const insert = await method('compute', 'instances', 'insert');
    const op = trackOperation(insert, computeOp('PENDING'));
    assert.ok(op);
    const s = scripted([computeOp('RUNNING'), computeOp('RUNNING'), computeOp('RUNNING'), computeOp('DONE')]);
    const final = await awaitOperation(op, s.ctx);
    assert.equal(final.status, 'DONE');
    assert.deepEqual(s.waits, [1000, 1500, 2250, 3375]);
    assert.deepEqual(s.urls, [SELF, SELF, SELF, SELF]);
    assert.deepEqual(s.lines, [
      'compute#operation: insert in progress, 1 seconds elapsed',
      'compute#operation: insert in progress, 3 seconds elapsed',
      'compute#operation: insert in progress, 5 seconds elapsed',
      'compute#operation: insert in progress, 8 seconds elapsed',
      'compute#operation: insert complete',
    ]);
  });

  test("an operation's error becomes the statement's error (both styles)", async () => {
    const insert = await method('compute', 'instances', 'insert');
    const op = trackOperation(insert, computeOp('PENDING'));
    assert.ok(op);
    const failed = computeOp('DONE', {
      error: { errors: [{ code: 'QUOTA_EXCEEDED', message: "Quota 'CPUS' exceeded." }] },
      httpErrorStatusCode: 403,
      httpErrorMessage: 'FORBIDDEN',
    });
    await assert.rejects(
      awaitOperation(op, scripted([failed]).ctx),
      (err) =>
        isSkyqlError(err, 'OPERATION_FAILED') &&
        err.message ===
          "compute#operation: insert failed: HTTP 403 FORBIDDEN: QUOTA_EXCEEDED: Quota 'CPUS' exceeded.",
    );
    const create = await method('healthcare', 'datasets', 'create');
    const aip = trackOperation(create, {
      name: 'projects/p/locations/l/operations/o',
      metadata: { verb: 'create' },
    });
    assert.ok(aip);
    const done = {
      name: 'projects/p/locations/l/operations/o',
      done: true,
      error: { code: 6, message: 'exists' },
    };
    await assert.rejects(
      awaitOperation(aip, scripted([done]).ctx),
      (err) =>
        isSkyqlError(err, 'OPERATION_FAILED') &&
        err.message === 'projects/p/locations/l/operations/o: create failed: ALREADY_EXISTS (code 6): exists',
    );
  });

  test('gives up after the timeout, naming the operation still running', async () => {
    const insert = await method('compute', 'instances', 'insert');
    const op = trackOperation(insert, computeOp('PENDING'));
    assert.ok(op);
    const running = Array.from({ length: 10 }, () => computeOp('RUNNING'));
    const s = scripted(running, { timeoutMs: 5000, initialDelayMs: 2000, maxDelayMs: 2000 });
    await assert.rejects(
      awaitOperation(op, s.ctx),
      (err) =>
        isSkyqlError(err, 'OPERATION_TIMEOUT') &&
        /after 5 seconds .*operation op-1 \(insert of .*instances\/vm\) is still running/.test(err.message),
    );
    assert.deepEqual(s.waits, [2000, 2000, 1000]);
  });

  test('an abort stops waiting with CANCELLED naming the operation', async () => {
    const insert = await method('compute', 'instances', 'insert');
    const op = trackOperation(insert, computeOp('PENDING'));
    assert.ok(op);
    const controller = new AbortController();
    const s = scripted([computeOp('RUNNING')]);
    const ctx: AwaitContext = {
      ...s.ctx,
      signal: controller.signal,
      sleep: undefined,
      settings: { timeoutMs: 0, initialDelayMs: 60_000, maxDelayMs: 60_000 },
    };
    const waiting = awaitOperation(op, ctx);
    controller.abort();
    await assert.rejects(
      waiting,
      (err) =>
        isSkyqlError(err, 'CANCELLED') &&
        err.message.startsWith('stopped waiting: operation op-1 (insert of'),
    );
  });
});
