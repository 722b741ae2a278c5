/**
 * The Go text/template features StackQL's examples use, one test per feature, with expectations
 * taken from Go's documented semantics (text/template and fmt). Where skyql deliberately differs
 * (a missing value printed is an error, nil prints as nothing, numbers are one kind) the test says so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { renderTemplate } from '../../../../src/core/template/template-render.js';

const DATA = {
  project: 'demo',
  zones: ['a', 'b', 'c'],
  labels: { env: 'dev', app: 'shop' },
  matrix: [
    [1, 2],
    [3, 4],
  ],
  count: 2,
  ratio: 0.25,
  on: true,
  empty: '',
  word: 'héllo',
  firewalls: [
    { name: 'fw-1', ports: ['22', '80'] },
    { name: 'fw-2', ports: [] },
  ],
};

const r = (t: string, data: unknown = DATA) => renderTemplate(t, data);

function failure(t: string): string {
  try {
    r(t);
  } catch (err) {
    assert.ok(isSkyqlError(err, 'TEMPLATE_ERROR'), String(err));
    return err.message;
  }
  return assert.fail(`expected a TEMPLATE_ERROR from ${t}`);
}

describe('variables', () => {
  test('$x := pipeline binds without printing; $x = assigns the nearest one', () => {
    assert.equal(r('{{ $p := .project }}[{{ $p }}]'), '[demo]');
    assert.equal(r('{{ $last := "" }}{{ range .zones }}{{ $last = . }}{{ end }}{{ $last }}'), 'c');
    assert.equal(r('{{ $n := 1 }}{{ $n = len .zones }}{{ $n }}'), '3');
  });

  test('a variable lives to the end of the block it is declared in', () => {
    assert.equal(r('{{ if true }}{{ $x := 1 }}{{ $x }}{{ end }}'), '1');
    assert.match(failure('{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}'), /undefined variable "\$x"/);
    assert.match(failure('{{ $y = 1 }}'), /^template error at line 1, column 4: undefined variable "\$y"$/);
    assert.equal(r('{{ range .zones }}{{ $z := . }}{{ $z }}{{ end }}'), 'abc');
  });

  test('if and with may declare: the variable is visible in every branch', () => {
    assert.equal(r('{{ if $n := len .zones }}{{ $n }} zones{{ end }}'), '3 zones');
    assert.equal(r('{{ with $l := .labels }}{{ $l.env }}/{{ .app }}{{ end }}'), 'dev/shop');
    assert.equal(r('{{ if $e := .empty }}yes{{ else }}[{{ $e }}]{{ end }}'), '[]');
  });

  test('$ is the root inside range and with', () => {
    assert.equal(r('{{ range .zones }}{{ $.project }}-{{ . }} {{ end }}'), 'demo-a demo-b demo-c ');
  });
});

describe('functions', () => {
  test('index: lists, maps, several keys, strings give bytes', () => {
    assert.equal(r('{{ index .zones 1 }}'), 'b');
    assert.equal(r('{{ index .labels "env" }}'), 'dev');
    assert.equal(r('{{ index .matrix 1 0 }}'), '3');
    assert.equal(r('{{ index "abc" 0 }}'), '97');
    assert.equal(
      r('[{{ index .labels "nope" }}]'),
      '[]',
      'a missing map key is the zero value (Go prints <no value>)',
    );
    assert.match(failure('{{ index .zones 5 }}'), /error calling index: index out of range: 5/);
    assert.match(
      failure('{{ index .zones "x" }}'),
      /error calling index: cannot index slice\/array with type string/,
    );
    assert.match(failure('{{ index .nothing 0 }}'), /error calling index: index of untyped nil/);
  });

  test('len: lists, maps, strings in bytes (as Go counts them)', () => {
    assert.equal(r('{{ len .zones }} {{ len .labels }} {{ len .word }} {{ len "" }}'), '3 2 6 0');
    assert.match(failure('{{ len .count }}'), /error calling len: len of type/);
    assert.match(failure('{{ len }}'), /wrong number of args for len: want 1 got 0/);
  });

  test('slice, print and println', () => {
    assert.equal(
      r('{{ slice .zones 1 }} {{ slice .zones 0 2 }} {{ slice "hello" 1 3 }}'),
      '["b","c"] ["a","b"] el',
    );
    assert.equal(r('{{ print 1 2 "a" 3 "b" "c" }}'), '1 2a3bc');
    assert.equal(r('{{ println 1 "a" true }}'), '1 a true\n');
  });

  test('html, js and urlquery escape as Go does', () => {
    assert.equal(r(`{{ html "<a href='x'>&\\"" }}`), '&lt;a href=&#39;x&#39;&gt;&amp;&#34;');
    assert.equal(r(`{{ js "it's <b>" }}`), "it\\'s \\u003Cb\\u003E");
    assert.equal(r('{{ urlquery "a b&c/é" }}'), 'a+b%26c%2F%C3%A9');
  });

  test('an unknown function is an error naming it and its position', () => {
    assert.equal(
      failure('x\n  {{ upper .project }}'),
      'template error at line 2, column 6: function "upper" not defined',
    );
    assert.equal(
      failure('{{ .project | lower }}'),
      'template error at line 1, column 15: function "lower" not defined',
    );
    assert.match(failure('{{ .project 1 }}'), /can't give argument to non-function \.project/);
  });
});

describe('printf', () => {
  const p = (format: string, ...args: string[]) =>
    r(`{{ printf ${JSON.stringify(format)} ${args.join(' ')} }}`);

  test('%s %d %q %v %t %f and %%', () => {
    assert.equal(p('%s/%d/%t/%%', '.project', '.count', '.on'), 'demo/2/true/%');
    assert.equal(p('%q', '"a\\"b\\n"'), '"a\\"b\\n"');
    assert.equal(p('%v %v %v', '.zones', '.labels', '.ratio'), '[a b c] map[app:shop env:dev] 0.25');
    assert.equal(
      p('%f %.2f %e %g %g %g', '.ratio', '3.14159', '1234.5678', '1000000.0', '100000.0', '1e-05'),
      '0.250000 3.14 1.234568e+03 1e+06 100000 1e-05',
    );
    assert.equal(
      p('%q %c %U %x %X %o %O %b', '65', '65', '128512', '255', '255', '8', '8', '5'),
      "'A' A U+1F600 ff FF 10 0o10 101",
    );
    assert.equal(
      p('%x % x %#x %T %T', '"hi"', '"hi"', '255', '.project', '.zones'),
      '6869 68 69 0xff string []interface {}',
    );
  });

  test('widths, precision and flags as Go pads them', () => {
    assert.equal(
      p('[%5d][%-5d][%05d][%+d][% d]', '42', '42', '-42', '5', '5'),
      '[   42][42   ][-0042][+5][ 5]',
    );
    assert.equal(
      p('[%8.3f][%-8.2f][%08.3f]', '3.14159', '2.5', '-3.14159'),
      '[   3.142][2.50    ][-003.142]',
    );
    assert.equal(
      p('[%6s][%-6s][%.3s][%4s][%5t]', '"ab"', '"ab"', '"abcdef"', '"é"', 'true'),
      '[    ab][ab    ][abc][   é][ true]',
    );
    assert.equal(p('[%*d][%-*d]', '5', '42', '4', '7'), '[   42][7   ]');
    assert.equal(p('%#08x|%.3d|%6.2f%%', '255', '7', '12.5'), '0x000000ff|007| 12.50%');
  });

  test('rounding is half to even on the exact value (2.5 → 2, 0.25 → 0.2)', () => {
    assert.equal(p('%.0f %.0f %.1f %.1f', '2.5', '3.5', '0.25', '0.35'), '2 4 0.2 0.3');
    assert.equal(p('%.3g %.3g %g', '1234.0', '1.0', '0.000012345'), '1.23e+03 1 1.2345e-05');
  });

  test('misfits: missing and extra arguments as Go prints them, nil with %v', () => {
    assert.equal(p('%d %s'), '%!d(MISSING) %!s(MISSING)');
    assert.equal(p('%d', '1', '"x"'), '1%!(EXTRA string=x)');
    assert.equal(p('%v', '.nothing'), '<nil>');
  });

  test('a verb that does not fit its value is a TEMPLATE_ERROR naming the value (Go prints %!d(string=7))', () => {
    const fails = (format: string, arg: string, message: RegExp, hint: RegExp) =>
      assert.throws(
        () => p(format, arg),
        (e: unknown) =>
          isSkyqlError(e, 'TEMPLATE_ERROR') && message.test(e.message) && hint.test(e.hint ?? ''),
      );
    fails(
      '%d',
      '.project',
      /error calling printf: %d cannot format the string "demo"$/,
      /--var values are always strings.*--iqldata/,
    );
    fails('%s', '.count', /%s cannot format the int 2$/, /%v prints any value/);
    fails('%t', '.project', /%t cannot format the string "demo"/, /JSON data file/);
    fails('%s', 'nil', /%s cannot format nil/, /%v/);
    fails('%d', '1.5', /%d cannot format the float64 1\.5/, /not %d/);
  });
});

describe('comparisons and logic', () => {
  test('eq with several arguments is true when the first equals any other', () => {
    assert.equal(
      r('{{ eq .project "x" "demo" }} {{ eq .count 1 3 }} {{ eq .nothing nil }}'),
      'true false true',
    );
    assert.equal(r('{{ ne .project "x" }} {{ ne 1 1 }}'), 'true false');
    assert.match(failure('{{ eq .project 1 }}'), /error calling eq: incompatible types for comparison/);
    assert.match(failure('{{ eq .zones .zones }}'), /error calling eq: non-comparable type/);
    assert.match(failure('{{ eq 1 }}'), /error calling eq: missing argument for comparison/);
  });

  test('lt le gt ge on numbers and strings', () => {
    assert.equal(
      r('{{ lt 1 2 }} {{ le 2 2 }} {{ gt .count 2 }} {{ ge .count 2 }} {{ lt "a" "b" }} {{ lt 1 1.5 }}'),
      'true true false true true true',
    );
    assert.match(failure('{{ lt true false }}'), /error calling lt: invalid type for comparison/);
    assert.match(failure('{{ lt 1 "a" }}'), /error calling lt: incompatible types for comparison/);
  });

  test('and/or return the deciding argument and stop there; not negates truth', () => {
    assert.equal(
      r('{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 "" "x" }}|{{ or 0 "" }}|{{ not 0 }}|{{ not .zones }}'),
      '0|2|x||true|false',
    );
    assert.equal(r('{{ and false (index .zones 10) }} {{ or true (index .zones 10) }}'), 'false true');
    assert.match(failure('{{ and true (index .zones 10) }}'), /index out of range: 10/);
    assert.equal(r('{{ if and .on (gt (len .zones) 2) }}big{{ end }}'), 'big');
  });
});

describe('pipelines', () => {
  test('the value flows into the next command as its last argument', () => {
    assert.equal(r('{{ .project | printf "%q" }}'), '"demo"');
    assert.equal(r('{{ "x" | printf "%s-%s" "a" }}'), 'a-x');
    assert.equal(r('{{ .zones | len | printf "%d zones" }}'), '3 zones');
    assert.equal(r('{{ .on | and .count }}'), 'true');
  });

  test('parenthesised pipelines, with fields after them', () => {
    assert.equal(r('{{ printf "%d/%s" (len .zones) (index .zones 0) }}'), '3/a');
    assert.equal(r('{{ (index .firewalls 1).name }}'), 'fw-2');
    assert.equal(r('{{ eq (.project | len) 4 }}'), 'true');
  });

  test('constants: escapes, raw strings, characters, numbers', () => {
    assert.equal(
      r('{{ "a\\tb\\u00e9" }}|{{ `raw\\n` }}|{{ \'a\' }}|{{ 0x1F }}|{{ 1e3 }}|{{ -2 }}'),
      'a\tbé|raw\\n|97|31|1000|-2',
    );
  });
});

describe('control structures', () => {
  test('range: $i, $v over lists, sorted keys over maps, integers, else', () => {
    assert.equal(r('{{ range $i, $z := .zones }}{{ $i }}={{ $z }};{{ end }}'), '0=a;1=b;2=c;');
    assert.equal(r('{{ range $k, $v := .labels }}{{ $k }}:{{ $v }} {{ end }}'), 'app:shop env:dev ');
    assert.equal(r('{{ range 3 }}{{ . }}{{ end }}'), '012');
    assert.equal(
      r('{{ range .firewalls }}{{ range .ports }}{{ . }}{{ else }}none{{ end }};{{ end }}'),
      '2280;none;',
    );
    assert.match(failure('{{ range .project }}{{ end }}'), /range can't iterate over \.project \(a string\)/);
  });

  test('break and continue', () => {
    assert.equal(r('{{ range .zones }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ . }}{{ end }}'), 'ac');
    assert.equal(r('{{ range .zones }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}'), 'a');
    assert.match(failure('{{ break }}'), /\{\{ break \}\} outside \{\{ range \}\}/);
  });

  test('if / else if / else and with / else with / else', () => {
    const t = '{{ if gt .count 5 }}many{{ else if gt .count 1 }}some{{ else }}few{{ end }}';
    assert.equal(r(t), 'some');
    assert.equal(r('{{ with .nothing }}x{{ else with .labels }}{{ .env }}{{ else }}none{{ end }}'), 'dev');
    assert.equal(r('{{ with .nothing }}x{{ else with .empty }}y{{ else }}none{{ end }}'), 'none');
  });

  test('trim markers need their space; comments print nothing', () => {
    assert.equal(r('a  {{- .project -}}  b'), 'ademob');
    assert.equal(r('{{-3}}'), '-3');
    assert.equal(r('x {{/* note */}} y {{- /* trimmed */ -}} z'), 'x  yz');
    assert.match(failure('{{ /* a */ .x }}'), /comment ends before closing delimiter|unexpected/);
  });

  test('define, template and block are refused clearly', () => {
    assert.match(failure('{{ template "x" }}'), /\{\{ template \}\} is not supported/);
  });
});
