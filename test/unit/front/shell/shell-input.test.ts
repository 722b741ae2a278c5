import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionContext } from '../../../../src/front/shell/completion-context.js';
import { parseMetaCommand } from '../../../../src/front/shell/meta-command.js';
import { endsStatement } from '../../../../src/front/shell/statement-end.js';

test('a statement ends at a ; outside literals and comments', () => {
  assert.equal(endsStatement('select 1;'), true);
  assert.equal(endsStatement('select 1;  -- done'), true);
  assert.equal(endsStatement('select 1; /* c */ '), true);
  assert.equal(endsStatement("select 'a;"), false);
  assert.equal(endsStatement("select 'a;'"), false);
  assert.equal(endsStatement("select 'it''s';"), true);
  assert.equal(endsStatement('select 1 /* ; */'), false);
  assert.equal(endsStatement('select 1 -- ;'), false);
  assert.equal(endsStatement('select "a;b"\n;'), true);
});

test('completion context: dotted paths, table positions, aliases', () => {
  const a = completionContext('SELECT * FROM google.comp');
  assert.deepEqual([a.path, a.prefix, a.expectsTable], [['google'], 'comp', true]);
  const b = completionContext('select i.na');
  assert.deepEqual([b.path, b.prefix], [['i'], 'na']);
  const c = completionContext(
    'select * from google.compute.instances i join google.storage.buckets AS b on b.',
  );
  assert.deepEqual(c.aliases.get('i'), ['google', 'compute', 'instances']);
  assert.deepEqual(c.aliases.get('b'), ['google', 'storage', 'buckets']);
  assert.equal(c.tables.length, 2);
  assert.equal(completionContext('select * from google.storage.buckets where ').aliases.has('where'), false);
  assert.equal(completionContext('SHOW SERVICES IN ').expectsTable, true);
});

test('meta commands: .output, .help, quit words; SQL is not a meta command', () => {
  assert.deepEqual(parseMetaCommand('.output json'), { kind: 'output', format: 'json' });
  assert.deepEqual(parseMetaCommand('.output'), { kind: 'output', format: undefined });
  assert.deepEqual(parseMetaCommand('.quit'), { kind: 'quit' });
  assert.deepEqual(parseMetaCommand('exit;'), { kind: 'quit' });
  assert.equal(parseMetaCommand('select 1;'), undefined);
  assert.throws(() => parseMetaCommand('.output yaml'));
});
