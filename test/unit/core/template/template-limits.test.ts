import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { evaluateToJs } from '../../../../src/core/template/jsonnet/engine.js';
import { evaluateJsonnet } from '../../../../src/core/template/jsonnet.js';
import { renderTemplate } from '../../../../src/core/template/template-render.js';

/** The TEMPLATE_ERROR message of a template that must fail. */
function failure(source: string, data: unknown = {}): string {
  try {
    renderTemplate(source, data);
  } catch (e) {
    assert.ok(isSkyqlError(e) && e.code === 'TEMPLATE_ERROR', String(e));
    return e.message;
  }
  assert.fail('the template rendered');
}

test('range iterations are bounded in all, before a huge list is built', () => {
  assert.match(
    failure('SELECT {{ range 100000000 }}1{{ end }}'),
    /line 1, column 17: ranges run more than 1000000 iterations in all/,
  );
  assert.match(failure('{{ range 1001 }}{{ range 1000 }}{{ end }}{{ end }}'), /more than 1000000 iterations/);
  // the outer range's passes count too: 1000 + 1000 × 999
  assert.equal(renderTemplate('{{ range 1000 }}{{ range 999 }}{{ end }}{{ end }}', {}), '');
});

test('the rendered text is bounded (64 MB), and so is any one function result', () => {
  const mb = 'x'.repeat(1024 * 1024);
  assert.match(failure('{{ range 65 }}{{ $.s }}{{ end }}', { s: mb }), /passes 67108864 characters/);
  assert.match(
    failure('{{ $x := .s }}{{ range 7 }}{{ $x = printf "%s%s" $x $x }}{{ end }}', { s: mb }),
    /error calling printf: its result passes 67108864 characters/,
  );
});

test('printf widths and precisions are at most 10000', () => {
  assert.match(
    failure('{{ printf "%.999999999f" 1.5 }}'),
    /column 4: error calling printf: width or precision 999999999 is more than 10000/,
  );
  assert.match(failure('{{ printf "%*d" 999999999 1 }}'), /width or precision 999999999/);
  assert.match(failure('{{ printf "%999999999d" 1 }}'), /width or precision 999999999/);
  assert.equal(renderTemplate('{{ printf "%10000d" 1 }}', {}).length, 10000);
});

test('blocks and parentheses nest at most 200 deep, failing with the position instead of a stack overflow', () => {
  const blocks = (n: number) => `${'{{ if 1 }}'.repeat(n)}x${'{{ end }}'.repeat(n)}`;
  assert.equal(renderTemplate(blocks(200), {}), 'x');
  assert.match(
    failure(blocks(50_000)),
    /line 1, column 2001: blocks and parentheses are nested more than 200 deep/,
  );
  const parens = (n: number) => `{{ ${'('.repeat(n)}1${')'.repeat(n)} }}`;
  assert.equal(renderTemplate(parens(200), {}), '1');
  assert.match(failure(parens(100_000)), /nested more than 200 deep/);
  assert.match(failure(`{{ range 1 }}${blocks(200)}{{ end }}`), /nested more than 200 deep/);
});

test('a Jsonnet document read as template data is bounded too (64 MB of JSON), failing as TEMPLATE_ERROR', async () => {
  // 70 strings of 1 MiB, each made by 20 doublings (std.repeat builds a million-element array first)
  const big =
    'local d(s, n) = if n == 0 then s else d(s + s, n - 1); { a: [d("x", 20) for i in std.range(1, 70)] }';
  await assert.rejects(
    evaluateJsonnet(big, new Map(), { origin: 'big.jsonnet' }),
    (e) => isSkyqlError(e, 'TEMPLATE_ERROR') && /passes 67108864 characters of JSON/.test(e.message),
  );
  assert.throws(() => evaluateToJs('{ a: [1, 2, 3] }', { file: 'x', maxOutput: 10 }), /passes 10 characters/);
  assert.deepEqual(evaluateToJs('{ a: [1, 2, 3] }', { file: 'x', maxOutput: 20 }), { a: [1, 2, 3] });
});
