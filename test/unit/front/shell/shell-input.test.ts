import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionNames } from '../../../../src/core/engine/completion-names.js';
import { complete } from '../../../../src/front/shell/completer.js';
import { completionContext } from '../../../../src/front/shell/completion-context.js';
import { parseMetaCommand } from '../../../../src/front/shell/meta-command.js';
import { endsStatement } from '../../../../src/front/shell/statement-end.js';
import { splitTrailingTabs } from '../../../../src/front/shell/tab-key-input.js';

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

/** Names of a small catalog: google → compute, composer, healthcare → instances → insert, list. */
const NAMES = {
  providers: () => ['google'],
  children: async (path: readonly string[]) =>
    [['compute', 'composer', 'healthcare'], ['instances'], ['insert', 'list']][path.length - 1] ?? [],
  columns: async () => [],
  localNames: () => [],
} as unknown as CompletionNames;

test('completion adds the dot only where the statement needs more parts of the name', async () => {
  const cases: [string, string[]][] = [
    ['SELECT * FROM google.heal', ['google.healthcare.']],
    ['google.comp', ['google.composer.', 'google.compute.']],
    ['SHOW RESOURCES IN google.heal', ['google.healthcare']],
    ['show extended resources from google.heal', ['google.healthcare']],
    ['SHOW SERVICES IN goo', ['google']],
    ['SELECT * FROM goo', ['google.']],
    ['SHOW METHODS IN google.compute.inst', ['google.compute.instances']],
    ['EXEC google.compute.inst', ['google.compute.instances.']],
    ['EXEC /*+ AWAIT */ google.compute.instances.ins', ['google.compute.instances.insert']],
    ['DESCRIBE METHOD google.compute.inst', ['google.compute.instances.']],
    ['SELECT *\nFROM\ngoogle.heal', ['google.healthcare.']],
  ];
  for (const [text, want] of cases) assert.deepEqual((await complete(NAMES, text))[0], want, text);
  assert.equal(completionContext('SHOW RESOURCES IN google.').nameParts, 2);
  assert.equal(completionContext('SELECT * FROM google.').nameParts, 3);
});

test('typed-ahead Tabs at the end of a chunk are key presses; Tabs inside pasted text stay text', () => {
  const pieces = (s: string) => splitTrailingTabs(Buffer.from(s)).map((b) => b.toString());
  assert.deepEqual(pieces('google.comp\t\t'), ['google.comp\t', '\t']);
  assert.deepEqual(pieces('\t\t'), ['\t', '\t']);
  assert.deepEqual(pieces('SELECT\tname\tFROM t'), ['SELECT\tname\tFROM t']);
  assert.deepEqual(pieces('a\tb\t'), ['a\tb\t']);
  assert.deepEqual(pieces('plain'), ['plain']);
  assert.deepEqual(pieces('é\t'), ['é\t']);
});

test("with the PostgreSQL backend a statement does not end inside $$…$$, E'…' or a nested comment", () => {
  assert.equal(endsStatement('SELECT $$a;', 'postgres'), false);
  assert.equal(endsStatement('SELECT $$a;$$;', 'postgres'), true);
  assert.equal(endsStatement("SELECT $t$ it's; $t$ ;", 'postgres'), true);
  assert.equal(endsStatement("SELECT E'a\\';", 'postgres'), false);
  assert.equal(endsStatement("SELECT E'a\\';';", 'postgres'), true);
  assert.equal(endsStatement('SELECT 1 /* a /* b */ ; */', 'postgres'), false);
  assert.equal(endsStatement('SELECT 1; /* a */', 'postgres'), true);
  assert.equal(endsStatement('SELECT $$a;'), true); // SQLite has no dollar quotes
});
