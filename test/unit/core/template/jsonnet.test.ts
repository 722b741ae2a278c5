/**
 * Jsonnet as skyql's templates use it: `--iqldata` files and `<<<jsonnet` blocks with `--var`
 * values as external variables, imports next to the data file, and errors (including runaway
 * recursion) as TEMPLATE_ERRORs with a position.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { evaluateJsonnet } from '../../../../src/core/template/jsonnet.js';
import { prepareScript } from '../../../../src/core/template/prepare-script.js';
import { tempDir } from '../../../support/temp-dir.js';

function templateError(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(isSkyqlError(err, 'TEMPLATE_ERROR'), String(err));
    assert.match(err.message, pattern);
    return true;
  };
}

test('--iqldata in Jsonnet renders, with --var values as std.extVar', async () => {
  const run = await prepareScript("SELECT '{{ .a }}', '{{ .r }}', '{{ .zone }}'", {
    data: {
      text: 'local r = std.extVar("r"); {a: 1 + 1, r: r, zone: "%s-a" % r}',
      type: 'jsonnet',
      origin: 'vars.jsonnet',
    },
    vars: new Map([['r', 'eu']]),
  });
  assert.deepEqual(run, { text: "SELECT '2', 'eu', 'eu-a'", templated: true });
});

test('a <<<jsonnet block is evaluated like a data file (objects, comprehensions, std)', async () => {
  const script = [
    '<<<jsonnet',
    'local base = { region: std.extVar("region"), labels: { env: "dev" } };',
    '{ vm: base { name: "vm-" + std.asciiLower("A"), labels+: { team: "x" } },',
    '  zones: [base.region + "-" + z for z in ["a", "b"]] }',
    '>>>',
    "SELECT '{{ .vm.name }}', '{{ .vm.region }}', '{{ .vm.labels }}', '{{ .zones }}';",
  ].join('\n');
  const run = await prepareScript(script, { vars: new Map([['region', 'us-east1']]) });
  assert.equal(
    run.text.trim(),
    `SELECT 'vm-a', 'us-east1', '{"env":"dev","team":"x"}', '["us-east1-a","us-east1-b"]';`,
  );
});

test('hidden fields are not output, and fields that are never read are never evaluated', async () => {
  const value = await evaluateJsonnet(
    '{ a: self.b * 2, b:: 21, unused:: error "never read", c: [1, error "x"][0] }',
    new Map(),
    {
      origin: 'lazy.jsonnet',
    },
  );
  assert.deepEqual(value, { a: 42, c: 1 });
});

test('an error names the file, line and column', async () => {
  await assert.rejects(
    evaluateJsonnet('{\n  a: 1,\n  b: missing,\n}', new Map(), { origin: 'vars.jsonnet' }),
    templateError(/^vars\.jsonnet:3:6 Unknown variable: missing$/),
  );
  await assert.rejects(
    evaluateJsonnet('{ a: error "region is required" }', new Map(), { origin: 'vars.jsonnet' }),
    templateError(/^vars\.jsonnet:1:6 region is required$/),
  );
});

test('an error raised inside the standard library points at the caller in the user file', async () => {
  await assert.rejects(
    evaluateJsonnet('local x = 1;\n{ a: std.join(",", [1, 2]) }', new Map(), { origin: 'vars.jsonnet' }),
    templateError(/^vars\.jsonnet:2:\d+ expected string but arr\[0\] was number$/),
  );
});

test('an error in a <<<jsonnet block gives the line in the script', async () => {
  const script = "SELECT 1;\n<<<jsonnet\n{\n  a: std.extVar('nope'),\n}\n>>>\nSELECT '{{ .a }}';";
  await assert.rejects(
    prepareScript(script),
    templateError(/^<<<jsonnet block:4:\d+ Undefined external variable: nope$/),
  );
});

test('runaway recursion ends as a TEMPLATE_ERROR, not a crash', async () => {
  for (const program of [
    'local f(x) = 1 + f(x); f(1)',
    'local x = x + 1; x',
    '{ a: self.a + 1 }.a',
    'local f(n) = [f(n + 1)]; std.length(std.toString(f(0)))',
  ])
    await assert.rejects(
      evaluateJsonnet(program, new Map(), { origin: 'loop.jsonnet' }),
      templateError(/^loop\.jsonnet:\d+:\d+ max stack frames exceeded\.$/),
    );
});

test('tail calls and tailstrict accumulators run deep without overflowing', async () => {
  const value = await evaluateJsonnet(
    'local sum(n, acc) = if n == 0 then acc else sum(n - 1, acc + n) tailstrict; { s: sum(100000, 0), f: std.foldl(function(a, b) a + b, std.range(1, 20000), 0) }',
    new Map(),
    { origin: 'deep.jsonnet' },
  );
  assert.deepEqual(value, { s: 5000050000, f: 200010000 });
});

test('imports are read relative to the importing file', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'lib'));
  writeFileSync(
    join(dir, 'lib', 'net.libsonnet'),
    '{ network: import "name.jsonnet", cidr: importstr "cidr.txt" }',
  );
  writeFileSync(join(dir, 'lib', 'name.jsonnet'), '"default"');
  writeFileSync(join(dir, 'lib', 'cidr.txt'), '10.0.0.0/8');
  const value = await evaluateJsonnet(
    'local net = import "lib/net.libsonnet"; net { project: "p" }',
    new Map(),
    {
      origin: join(dir, 'vars.jsonnet'),
    },
  );
  assert.deepEqual(value, { cidr: '10.0.0.0/8', network: 'default', project: 'p' });
  await assert.rejects(
    evaluateJsonnet('import "absent.jsonnet"', new Map(), { origin: join(dir, 'vars.jsonnet') }),
    templateError(/couldn't open import "absent\.jsonnet": no match locally/),
  );
});

test('data that is not an object is refused', async () => {
  await assert.rejects(
    prepareScript("SELECT '{{ .a }}'", { data: { text: '[1, 2]', type: 'jsonnet', origin: 'vars.jsonnet' } }),
    templateError(/^vars\.jsonnet must hold a JSON object$/),
  );
});
