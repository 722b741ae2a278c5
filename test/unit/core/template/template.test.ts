import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSkyqlError, type SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { extractDataBlocks } from '../../../../src/core/template/data-blocks.js';
import { prepareScript } from '../../../../src/core/template/prepare-script.js';
import { renderTemplate } from '../../../../src/core/template/template-render.js';

function templateError(fn: () => unknown): SkyqlError {
  try {
    fn();
  } catch (err) {
    assert.ok(isSkyqlError(err, 'TEMPLATE_ERROR'), String(err));
    return err;
  }
  return assert.fail('expected a TEMPLATE_ERROR');
}

const DATA = {
  global: { project: 'demo', region: 'us-central1' },
  network: { name: 'vpc', autoCreateSubnetworks: false, routingConfig: { routingMode: 'REGIONAL' } },
  size: 1000000,
  zones: ['a', 'b'],
  firewalls: [
    { name: 'fw-1', ports: ['22'] },
    { name: 'fw-2', ports: [] },
  ],
  empty: [],
  projectsId: 'p1',
};

describe('renderTemplate', () => {
  test('field access: strings raw, maps and lists as compact JSON, booleans and numbers plainly', () => {
    assert.equal(
      renderTemplate(
        "'{{ .global.project }}', {{ .network.autoCreateSubnetworks }}, '{{ .network.routingConfig }}', {{ .size }}, '{{ .zones }}'",
        DATA,
      ),
      `'demo', false, '{"routingMode":"REGIONAL"}', 1000000, '["a","b"]'`,
    );
  });

  test("the provider docs' style {{ name }}, indexes and the root $", () => {
    assert.equal(renderTemplate("'{{ projectsId }}' '{{ global.region }}'", DATA), "'p1' 'us-central1'");
    assert.equal(renderTemplate('{{ .firewalls[1].name }} {{ $.zones[0] }}', DATA), 'fw-2 a');
  });

  test('range rebinds the dot; $ reaches the root; range variables', () => {
    assert.equal(
      renderTemplate('{{ range .firewalls }}[{{ .name }}@{{ $.global.project }}]{{ end }}', DATA),
      '[fw-1@demo][fw-2@demo]',
    );
    assert.equal(
      renderTemplate("IN ({{ range $i, $z := .zones }}{{ if $i }}, {{ end }}'{{ $z }}'{{ end }})", DATA),
      "IN ('a', 'b')",
    );
    assert.equal(renderTemplate('{{ range $f := .firewalls }}{{ $f.name }};{{ end }}', DATA), 'fw-1;fw-2;');
    assert.equal(renderTemplate('{{ range .empty }}x{{ else }}none{{ end }}', DATA), 'none');
    assert.equal(renderTemplate('{{ range .zones }}{{ . }}{{ end }}', DATA), 'ab');
  });

  test('if / else if / else with Go truth (empty lists and missing keys are false); with', () => {
    const t =
      '{{ range .firewalls }}{{ if .ports }}open{{ else if .name }}closed{{ else }}?{{ end }} {{ end }}';
    assert.equal(renderTemplate(t, DATA), 'open closed ');
    assert.equal(renderTemplate('{{ if .nothing }}y{{ else }}n{{ end }}', DATA), 'n');
    assert.equal(renderTemplate('{{ with .network }}{{ .name }}{{ end }}', DATA), 'vpc');
  });

  test('trim markers and comments', () => {
    assert.equal(renderTemplate('a  {{- /* note */ -}}  b {{- " c" }}', DATA), 'ab c');
  });

  test('an unset variable is an error naming it, at its position', () => {
    const e = templateError(() => renderTemplate("SELECT\n  '{{ .global.zone }}'", DATA));
    assert.equal(e.message, 'template error at line 2, column 7: variable .global.zone is not set');
    // --var sets top-level strings: it is suggested for a top-level name only
    assert.match(e.hint ?? '', /JSON data file \(--iqldata vars\.json\) or a <<<json/);
    assert.doesNotMatch(e.hint ?? '', /--var global=/);
    const top = templateError(() => renderTemplate('{{ zone }}', DATA));
    assert.match(top.message, /variable zone is not set/);
    assert.match(top.hint ?? '', /--var zone=\.\.\./);
    assert.match(
      templateError(() => renderTemplate('{{ $x }}', DATA)).message,
      /^template error at line 1, column 4: undefined variable "\$x"$/,
    );
  });

  test('syntax errors: unclosed action, missing end, unknown functions', () => {
    assert.match(templateError(() => renderTemplate('a {{ .x', DATA)).message, /'\{\{' is not closed/);
    assert.match(templateError(() => renderTemplate('{{ if .x }}y', DATA)).message, /missing \{\{ end \}\}/);
    assert.match(templateError(() => renderTemplate('{{ end }}', DATA)).message, /unexpected \{\{ end \}\}/);
    assert.match(
      templateError(() => renderTemplate('{{ .x | upper }}', DATA)).message,
      /^template error at line 1, column 9: function "upper" not defined$/,
    );
  });
});

describe('data blocks and prepareScript', () => {
  test('blocks are removed (lines kept) and merged, later keys winning', async () => {
    const src = '<<<json\n{"a": 1, "b": 2}\n>>>\nSELECT {{ .a }};\n<<<json {"b": 3} >>>\nSELECT {{ .b }}';
    const { text, blocks } = extractDataBlocks(src);
    assert.equal(blocks.length, 2);
    assert.equal(text, '\n\n\nSELECT {{ .a }};\n\nSELECT {{ .b }}');
    const out = await prepareScript(src);
    assert.deepEqual(out, { text: '\n\n\nSELECT 1;\n\nSELECT 3', templated: true });
  });

  test('--iqldata replaces the blocks; --var values are laid over the data', async () => {
    const out = await prepareScript('<<<json {"p": "inline"} >>> SELECT \'{{ .p }}\', \'{{ .r }}\'', {
      data: { text: '{"p": "file", "r": "x"}', type: 'json', origin: 'vars.json' },
      vars: new Map([['r', 'from-var']]),
    });
    assert.equal(out.text.trim(), "SELECT 'file', 'from-var'");
  });

  test('plain input is returned unchanged and not marked templated', async () => {
    const src = "SELECT '<<' AS x -- not a block";
    assert.deepEqual(await prepareScript(src), { text: src, templated: false });
  });

  test('bad data: invalid JSON, not an object, unknown block type', async () => {
    await assert.rejects(prepareScript('<<<json {x} >>>'), /data block at line 1 is not valid JSON/);
    await assert.rejects(prepareScript('<<<json [1] >>>'), /must hold a JSON object/);
    await assert.rejects(prepareScript('<<<yaml a: 1 >>>'), /has type 'yaml'/);
    await assert.rejects(prepareScript('<<<json {} '), /not closed by '>>>'/);
  });
});
