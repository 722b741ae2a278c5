import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import {
  classifyScript,
  describeStatement,
  type ViewLookup,
} from '../../../../src/front/mcp/statement-class.js';

const noViews: ViewLookup = { viewText: () => undefined, materializedText: () => undefined };
const classes = (sql: string, views = noViews) => classifyScript(sql, views).map((s) => [s.verb, s.class]);

test('every statement of the input is classified from its parse, not from the first word', () => {
  assert.deepEqual(classes("SELECT 1; DELETE FROM google.storage.buckets WHERE bucket = 'b'"), [
    ['SELECT', 'read'],
    ['DELETE', 'delete'],
  ]);
  assert.deepEqual(classes("/* hi */ DELETE FROM google.storage.buckets WHERE bucket = 'b'"), [
    ['DELETE', 'delete'],
  ]);
  assert.deepEqual(classes("INSERT INTO google.storage.buckets (project, data__name) VALUES ('p', 'n')"), [
    ['INSERT', 'write'],
  ]);
  assert.deepEqual(classes("REPLACE google.storage.buckets SET data__x = 1 WHERE bucket = 'b'"), [
    ['REPLACE', 'write'],
  ]);
  assert.deepEqual(
    classes("EXEC google.compute.instances.stop @project = 'p', @zone = 'z', @instance = 'i'"),
    [['EXEC', 'exec']],
  );
  assert.deepEqual(classes('REGISTRY PULL google'), [['REGISTRY PULL', 'write']]);
  assert.deepEqual(classes("EXPLAIN DELETE FROM google.storage.buckets WHERE bucket = 'b'"), [
    ['EXPLAIN', 'read'],
  ]);
  assert.deepEqual(classes('SHOW SERVICES IN google; DESCRIBE google.compute.firewalls; REGISTRY LIST'), [
    ['SHOW', 'read'],
    ['DESCRIBE', 'read'],
    ['REGISTRY', 'read'],
  ]);
});

test('local objects are local; anything that runs an (EXEC ...) row source is exec, views expanded', () => {
  const exec = "(EXEC google.compute.instances.stop @project = 'p', @zone = 'z', @instance = 'i')";
  assert.deepEqual(classes('CREATE TABLE t (a INT); INSERT INTO t VALUES (1); DROP TABLE t'), [
    ['CREATE', 'local'],
    ['INSERT', 'local'],
    ['DROP', 'local'],
  ]);
  assert.deepEqual(classes(`CREATE VIEW v AS SELECT * FROM ${exec}`), [['CREATE', 'local']]);
  assert.deepEqual(classes(`CREATE MATERIALIZED VIEW v AS SELECT * FROM ${exec}`), [['CREATE', 'exec']]);
  assert.deepEqual(classes(`SELECT * FROM ${exec}`), [['SELECT', 'exec']]);
  const views: ViewLookup = {
    viewText: (n) => (n === 'stopper' ? `SELECT * FROM ${exec}` : undefined),
    materializedText: (n) => (n === 'mv' ? `SELECT * FROM ${exec}` : undefined),
  };
  assert.deepEqual(classes('SELECT * FROM stopper', views), [['SELECT', 'exec']]);
  assert.deepEqual(classes('REFRESH MATERIALIZED VIEW mv', views), [['REFRESH', 'exec']]);
  assert.deepEqual(classes('SELECT * FROM other', views), [['SELECT', 'read']]);
});

test('a statement that does not parse fails the whole input; empty input too', () => {
  assert.throws(
    () => classifyScript("SELECT 1; DELET FROM google.storage.buckets WHERE bucket = 'b'", noViews),
    (e) => isSkyqlError(e, 'PARSE_ERROR'),
  );
  assert.throws(
    () => classifyScript(' ; -- nothing', noViews),
    (e) => isSkyqlError(e, 'PARSE_ERROR'),
  );
});

test('a query that reads EXEC says through which views, and what it runs with them expanded', () => {
  const bodies: Record<string, string> = {
    v1: "SELECT * FROM (EXEC google.compute.instances.stop @project = 'p', @zone = 'z', @instance = 'i')",
    v2: 'SELECT * FROM v1',
    plain: 'SELECT 1 AS x',
  };
  const views: ViewLookup = { viewText: (n) => bodies[n], materializedText: () => undefined };
  const [viaTwo] = classifyScript('SELECT * FROM v2, plain', views);
  assert.equal(viaTwo.class, 'exec');
  assert.deepEqual(viaTwo.execThrough, ['v2', 'v1']);
  assert.equal(describeStatement(viaTwo), 'SELECT that reads EXEC (through views v2, v1)');
  assert.match(viaTwo.expanded ?? '', /\(EXEC google\.compute\.instances\.stop/);
  const [direct] = classifyScript(`SELECT * FROM ${bodies.v1.slice(14)}`, views);
  assert.equal(describeStatement(direct), 'SELECT that reads an (EXEC ...) row source');
  assert.equal(direct.expanded, undefined);
  const [read] = classifyScript('SELECT * FROM plain', views);
  assert.deepEqual([read.class, describeStatement(read), read.execThrough], ['read', 'SELECT', undefined]);
});
