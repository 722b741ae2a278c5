import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  DeleteStatement,
  ExecStatement,
  InsertStatement,
  UpdateStatement,
  ValueExpr,
} from '../../../../src/core/sql/ast/mutation-statement.js';
import { parseScript } from '../../../../src/core/sql/parser/parse-script.js';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { parseErrorOf } from './parse-error-of.js';

function parsed<K extends 'insert' | 'update' | 'delete' | 'exec'>(sql: string, kind: K) {
  const stmt = parseStatement(sql);
  assert.equal(stmt.kind, kind, JSON.stringify(stmt));
  return stmt as Extract<InsertStatement | UpdateStatement | DeleteStatement | ExecStatement, { kind: K }>;
}

/** Values as the executor sees them: literal values, or the expression text for SQLite. */
function values(row: readonly ValueExpr[]): unknown[] {
  return row.map((v) => (v.literal ? v.literal.value : `expr:${v.text}`));
}

describe('INSERT', () => {
  test('multi-row VALUES keeps literal types and the text of expressions', () => {
    const sql = `INSERT /*+ AWAIT */ INTO google.storage.buckets (project, data__name, data__labels, data__x)
      VALUES ('p', 'b1', '{"a":"1"}', TRUE), ('p', upper('b2'), NULL, -2.5) RETURNING name, id`;
    const s = parsed(sql, 'insert');
    assert.deepEqual(s.hints, ['AWAIT']);
    assert.deepEqual(s.target.parts, ['google', 'storage', 'buckets']);
    assert.deepEqual(s.columns, ['project', 'data__name', 'data__labels', 'data__x']);
    assert.equal(s.source.kind, 'values');
    assert.ok(s.source.kind === 'values');
    assert.deepEqual(s.source.rows.map(values), [
      ['p', 'b1', '{"a":"1"}', true],
      ['p', "expr:upper('b2')", null, -2.5],
    ]);
    assert.deepEqual(s.returning, { star: false, columns: ['name', 'id'] });
    const expr = s.source.rows[1][1];
    assert.equal(sql.slice(expr.start, expr.end), expr.text, 'offsets point into the source');
  });

  test('SELECT without FROM is one row of values, so FALSE stays a boolean', () => {
    const s = parsed(
      "INSERT INTO google.compute.networks (project, data__name, data__autoCreateSubnetworks) SELECT 'p', 'n', false",
      'insert',
    );
    assert.ok(s.source.kind === 'values');
    assert.deepEqual(s.source.rows.map(values), [['p', 'n', false]]);
    assert.equal(s.ignore, false);
  });

  test('a SELECT with FROM is kept as a query, up to RETURNING', () => {
    const s = parsed(
      'INSERT IGNORE INTO google.pubsub.topics (projectsId, topicsId) SELECT p, t FROM src WHERE x = 1 RETURNING *',
      'insert',
    );
    assert.equal(s.ignore, true);
    assert.deepEqual(s.source, {
      kind: 'select',
      select: { text: 'SELECT p, t FROM src WHERE x = 1', start: 63, end: 95 },
    });
    assert.deepEqual(s.returning, { star: true, columns: [] });
  });

  test('INTO is optional; local tables stay statements for the local engine', () => {
    assert.equal(parseStatement("INSERT google.x.y (a) VALUES ('1')").kind, 'insert');
    assert.deepEqual(parseStatement('INSERT INTO t (a) VALUES (1)').kind, 'other');
    assert.deepEqual(parseStatement('DELETE FROM main.t WHERE a = 1').kind, 'other');
  });

  test('errors: column count, missing column list, unknown hint', () => {
    assert.match(
      parseErrorOf("INSERT INTO google.x.y (a, b) VALUES ('1'), ('2')").message,
      /column 38: the VALUES row has 1 values for 2 columns/,
    );
    assert.match(
      parseErrorOf("INSERT INTO google.x.y VALUES ('1')").message,
      /expected a column list in parentheses after the resource, found 'VALUES'/,
    );
    const hint = parseErrorOf("INSERT /*+ AWAITT */ INTO google.x.y (a) VALUES ('1')");
    assert.match(hint.message, /unknown hint 'AWAITT' for INSERT/);
    assert.match(hint.hint ?? '', /did you mean AWAIT\?/);
    assert.match(
      parseErrorOf("INSERT INTO google.x.y (a) SELECT 'a', 'b'").message,
      /2 values for 1 columns/,
    );
  });
});

describe('UPDATE, REPLACE, DELETE', () => {
  test('UPDATE: SET list, WHERE = and IN terms (literal on either side), RETURNING *', () => {
    const s = parsed(
      `UPDATE /*+ AWAIT, NOSTATUS */ google.storage.buckets SET data__labels = '{}', data__x = 1 + 1
       WHERE bucket IN ('a', 'b') AND 'p' = project AND n = -3 RETURNING *`,
      'update',
    );
    assert.equal(s.verb, 'UPDATE');
    assert.deepEqual(s.hints, ['AWAIT', 'NOSTATUS']);
    assert.deepEqual(
      s.set.map((x) => [x.column, x.value.literal?.value ?? x.value.text]),
      [
        ['data__labels', '{}'],
        ['data__x', '1 + 1'],
      ],
    );
    assert.deepEqual(
      s.where.map((w) => [w.column, w.values, w.text]),
      [
        ['bucket', ['a', 'b'], "bucket IN ('a', 'b')"],
        ['project', ['p'], "'p' = project"],
        ['n', [-3], 'n = -3'],
      ],
    );
    assert.deepEqual(s.returning, { star: true, columns: [] });
  });

  test("a wire client's numeric parameter, inlined as (5) or (-5), is a literal", () => {
    const s = parsed(
      'UPDATE google.storage.buckets SET data__n = (-5), data__m = (2) WHERE n = (-3) AND (4) = m AND k IN ((1), -2)',
      'update',
    );
    assert.deepEqual(
      s.set.map((x) => [x.column, x.value.literal?.value]),
      [
        ['data__n', -5],
        ['data__m', 2],
      ],
    );
    assert.deepEqual(
      s.where.map((w) => [w.column, w.values]),
      [
        ['n', [-3]],
        ['m', [4]],
        ['k', [1, -2]],
      ],
    );
  });

  test('REPLACE has the shape of UPDATE', () => {
    const s = parsed("REPLACE google.storage.buckets SET data__name = 'b' WHERE bucket = 'b'", 'update');
    assert.equal(s.verb, 'REPLACE');
  });

  test('DELETE: IN list, hints, RETURNING', () => {
    const s = parsed(
      "DELETE /*+ AWAIT */ FROM google.storage.buckets WHERE bucket IN ('a','b','c') RETURNING name",
      'delete',
    );
    assert.deepEqual(s.where[0].values, ['a', 'b', 'c']);
    assert.deepEqual(s.hints, ['AWAIT']);
    assert.deepEqual(s.returning?.columns, ['name']);
  });

  test('WHERE terms other than = / IN are refused with the accepted forms', () => {
    const e = parseErrorOf("DELETE FROM google.storage.buckets WHERE bucket LIKE 'a%'");
    assert.match(e.message, /column 49: expected '=' or IN after bucket, found 'LIKE'/);
    assert.match(e.hint ?? '', /column = literal/);
    assert.match(
      parseErrorOf("DELETE FROM google.storage.buckets WHERE bucket = 'a' OR bucket = 'b'").message,
      /expected AND, RETURNING or end of statement, found 'OR'/,
    );
    assert.match(
      parseErrorOf('DELETE FROM google.storage.buckets WHERE bucket = other').message,
      /expected a literal value, found 'other'/,
    );
    assert.match(
      parseErrorOf("DELETE google.storage.buckets WHERE a = '1'").message,
      /expected FROM after DELETE/,
    );
  });
});

describe('EXEC', () => {
  test('arguments with or without commas, and @@json', () => {
    const s = parsed(
      `EXEC /*+ AWAIT, SHOWRESULTS */ google.compute.instances.attachDisk
        @zone='z', @project = 'p' @instance='i'
        @@json='{"source": "d", "boot": false}'`,
      'exec',
    );
    assert.deepEqual(s.target.parts, ['google', 'compute', 'instances', 'attachDisk']);
    assert.deepEqual(s.hints, ['AWAIT', 'SHOWRESULTS']);
    assert.deepEqual(
      s.args.map((a) => [a.name, a.value.literal?.value]),
      [
        ['zone', 'z'],
        ['project', 'p'],
        ['instance', 'i'],
      ],
    );
    assert.equal(s.json?.literal?.value, '{"source": "d", "boot": false}');
    const comma = parsed("EXEC google.a.b.c @x = 1, @@json = '{}'", 'exec');
    assert.equal(comma.args[0].value.literal?.value, 1);
    assert.equal(parsed('EXEC google.a.b.c', 'exec').args.length, 0);
  });

  test('errors: wrong name shape, repeated argument, unknown @@ argument', () => {
    assert.match(
      parseErrorOf("EXEC google.compute.instances @zone = 'z'").message,
      /EXEC needs <provider>.<service>.<resource>.<method>, got google.compute.instances/,
    );
    assert.match(parseErrorOf('EXEC google.a.b.c @x = 1, @x = 2').message, /@x is given twice/);
    assert.match(parseErrorOf("EXEC google.a.b.c @@body = '{}'").message, /unknown argument @@body/);
    assert.match(parseErrorOf('EXEC google.a.b.c @x 1').message, /expected '=' after @x/);
  });

  test('in a script, a bad mutation is reported at its line and the others still parse', () => {
    const entries = parseScript(
      "SHOW PROVIDERS;\nDELETE FROM google.s.r WHERE a > 1;\nEXEC google.a.b.c @x = 'y'",
    );
    assert.deepEqual(
      entries.map((e) =>
        e.ok ? e.statement.kind : `error@${e.error.position?.line}:${e.error.position?.column}`,
      ),
      ['show', 'error@2:32', 'exec'],
    );
  });
});
