import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Option } from 'commander';
import { flagSyntax } from '../../../src/cli/flag-syntax.js';
import { FLAGS } from '../../../src/cli/flag-table.js';

test('every flag of the table reads as commander reads it: names, arity, negation, attribute', () => {
  const syntaxes = [...Object.values(FLAGS).map((f) => f.syntax), '--no-color', '--a-b.c-d <x>'];
  assert.ok(syntaxes.length > 60, 'the whole table is covered');
  for (const syntax of syntaxes) {
    const option = new Option(syntax);
    const s = flagSyntax(syntax);
    assert.equal(s.short, option.short, syntax);
    assert.equal(s.long, option.long, syntax);
    assert.equal(s.arity, option.required ? 'value' : option.optional ? 'optional' : 'switch', syntax);
    assert.equal(s.negate, option.negate, syntax);
    assert.equal(s.attribute, option.attributeName(), syntax);
    assert.equal(s.name, option.name(), syntax);
  }
});

test('a syntax the table does not use is refused, not misread', () => {
  for (const syntax of ['-o', '--', 'output', '-o, --output <a> <b>', '--output <format'])
    assert.throws(() => flagSyntax(syntax), /unsupported flag syntax/, syntax);
});
