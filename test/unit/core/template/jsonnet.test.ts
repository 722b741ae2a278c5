/**
 * Jsonnet support is an optional package: the loader is replaced here to cover both the missing and
 * the present package wherever the tests run, and the last test checks whichever case this machine
 * is in, so the suite passes with and without the package installed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import {
  evaluateJsonnet,
  JSONNET_PACKAGE,
  type JsonnetLoader,
  type JsonnetVm,
} from '../../../../src/core/template/jsonnet.js';
import { prepareScript } from '../../../../src/core/template/prepare-script.js';

const missing: JsonnetLoader = () => Promise.reject(new Error(`Cannot find package '${JSONNET_PACKAGE}'`));

function notInstalled(err: unknown): boolean {
  return (
    isSkyqlError(err, 'TEMPLATE_ERROR') &&
    err.message === 'vars.jsonnet is Jsonnet, and Jsonnet support is not installed' &&
    (err.hint ?? '').includes(`npm install ${JSONNET_PACKAGE}`)
  );
}

/** A stand-in for the package's VM: records what it was given, answers `output` (or throws it). */
function fakePackage(output: string | Error): { load: JsonnetLoader; calls: string[] } {
  const calls: string[] = [];
  class Jsonnet implements JsonnetVm {
    extString(name: string, value: string): JsonnetVm {
      calls.push(`ext ${name}=${value}`);
      return this;
    }
    async evaluateSnippet(snippet: string, filename?: string): Promise<string> {
      calls.push(`eval ${filename}: ${snippet}`);
      if (output instanceof Error) throw output;
      return output;
    }
  }
  return { load: () => Promise.resolve({ Jsonnet }), calls };
}

test('without the package: TEMPLATE_ERROR saying how to install it or to use JSON', async () => {
  await assert.rejects(evaluateJsonnet('{a: 1}', new Map(), 'vars.jsonnet', missing), notInstalled);
});

test('with the package: --var values become external variables; the JSON it prints is parsed', async () => {
  const { load, calls } = fakePackage('{"a": 1, "r": "eu"}');
  const value = await evaluateJsonnet(
    '{a: 1, r: std.extVar("r")}',
    new Map([['r', 'eu']]),
    'vars.jsonnet',
    load,
  );
  assert.deepEqual(value, { a: 1, r: 'eu' });
  assert.deepEqual(calls, ['ext r=eu', 'eval vars.jsonnet: {a: 1, r: std.extVar("r")}']);
});

test('with the package: its evaluation errors are TEMPLATE_ERRORs naming the file', async () => {
  const { load } = fakePackage(new Error('vars.jsonnet:1:2 Unexpected end of file.'));
  await assert.rejects(evaluateJsonnet('{', new Map(), 'vars.jsonnet', load), (err: unknown) => {
    assert.ok(isSkyqlError(err, 'TEMPLATE_ERROR'));
    assert.equal(err.message, 'vars.jsonnet: vars.jsonnet:1:2 Unexpected end of file.');
    return true;
  });
});

test('on this machine: --iqldata in Jsonnet renders when the package is installed, else says how to get it', async (t) => {
  const installed = await import(JSONNET_PACKAGE).then(
    () => true,
    () => false,
  );
  t.diagnostic(`${JSONNET_PACKAGE} is ${installed ? '' : 'not '}installed`);
  const run = prepareScript("SELECT '{{ .a }}', '{{ .r }}'", {
    data: { text: '{a: 1 + 1, r: std.extVar("r")}', type: 'jsonnet', origin: 'vars.jsonnet' },
    vars: new Map([['r', 'eu']]),
  });
  if (installed) assert.deepEqual(await run, { text: "SELECT '2', 'eu'", templated: true });
  else await assert.rejects(run, notInstalled);
});
