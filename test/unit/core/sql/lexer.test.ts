import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { Lexer, tokenize } from '../../../../src/core/sql/lexer/lexer.js';
import type { Token } from '../../../../src/core/sql/lexer/token.js';

/** [kind, text, value] of every token but eof. */
function kinds(sql: string): Array<[string, string, unknown]> {
  return tokenize(sql)
    .filter((t) => t.kind !== 'eof')
    .map((t) => [t.kind, t.text, t.value]);
}

function lexError(sql: string): { message: string; line: number; column: number; offset: number } {
  try {
    tokenize(sql);
  } catch (err) {
    assert.ok(isSkyqlError(err, 'PARSE_ERROR'), String(err));
    assert.ok(err.position);
    return { message: err.message, ...err.position };
  }
  assert.fail(`expected a lexer error for ${sql}`);
}

describe('lexer', () => {
  test('tokens carry kind, source slice, value, offsets, line and column', () => {
    const sql = "SELECT name\n  FROM google.compute.instances WHERE zone = 'us-east1-b';";
    const toks = tokenize(sql);
    const pick = (t: Token) => [t.kind, t.text, t.value, t.start, t.end, t.line, t.column];
    assert.deepEqual(toks.map(pick), [
      ['keyword', 'SELECT', 'SELECT', 0, 6, 1, 1],
      ['ident', 'name', 'name', 7, 11, 1, 8],
      ['keyword', 'FROM', 'FROM', 14, 18, 2, 3],
      ['ident', 'google', 'google', 19, 25, 2, 8],
      ['punct', '.', '.', 25, 26, 2, 14],
      ['ident', 'compute', 'compute', 26, 33, 2, 15],
      ['punct', '.', '.', 33, 34, 2, 22],
      ['ident', 'instances', 'instances', 34, 43, 2, 23],
      ['keyword', 'WHERE', 'WHERE', 44, 49, 2, 33],
      ['ident', 'zone', 'zone', 50, 54, 2, 39],
      ['operator', '=', '=', 55, 56, 2, 44],
      ['string', "'us-east1-b'", 'us-east1-b', 57, 69, 2, 46],
      ['punct', ';', ';', 69, 70, 2, 58],
      ['eof', '', '', 70, 70, 2, 59],
    ]);
    for (const t of toks) assert.equal(sql.slice(t.start, t.end), t.text);
  });

  test('keywords are case-insensitive; identifiers keep their case', () => {
    assert.deepEqual(kinds("show resources in google.healthcare like 'series%'"), [
      ['keyword', 'show', 'SHOW'],
      ['keyword', 'resources', 'RESOURCES'],
      ['keyword', 'in', 'IN'],
      ['ident', 'google', 'google'],
      ['punct', '.', '.'],
      ['ident', 'healthcare', 'healthcare'],
      ['keyword', 'like', 'LIKE'],
      ['string', "'series%'", 'series%'],
    ]);
    assert.deepEqual(kinds('sizeGb'), [['ident', 'sizeGb', 'sizeGb']]);
  });

  test('a keyword after a dot is an identifier', () => {
    assert.deepEqual(
      kinds('google.pubsub.subscriptions x.select y.Update').filter(([k]) => k !== 'punct'),
      [
        ['ident', 'google', 'google'],
        ['ident', 'pubsub', 'pubsub'],
        ['ident', 'subscriptions', 'subscriptions'],
        ['ident', 'x', 'x'],
        ['ident', 'select', 'select'],
        ['ident', 'y', 'y'],
        ['ident', 'Update', 'Update'],
      ],
    );
  });

  test('line and block comments are skipped', () => {
    const sql = '-- heading\nSELECT /* inline\n comment */ 1 -- tail\n, 2';
    assert.deepEqual(kinds(sql), [
      ['keyword', 'SELECT', 'SELECT'],
      ['number', '1', '1'],
      ['punct', ',', ','],
      ['number', '2', '2'],
    ]);
    const two = tokenize(sql)[3];
    assert.deepEqual([two.line, two.column, two.start], [4, 3, 52]);
  });

  test('a /*+ */ comment is a hint token with upper-cased names', () => {
    const [verb, hint] = tokenize('INSERT /*+ await,  NoStatus */ INTO t');
    assert.equal(verb.value, 'INSERT');
    assert.equal(hint.kind, 'hint');
    assert.equal(hint.text, '/*+ await,  NoStatus */');
    assert.deepEqual(hint.value, ['AWAIT', 'NOSTATUS']);
    assert.deepEqual([hint.start, hint.end, hint.column], [7, 30, 8]);
    assert.deepEqual(tokenize('/*+*/')[0].value, []);
  });

  test('strings and quoted identifiers are unescaped', () => {
    assert.deepEqual(kinds(`'it''s' "x""y" \`a\`\`b\` "projects.aggregated.usableSubnetworks" ''`), [
      ['string', "'it''s'", "it's"],
      ['quotedIdent', '"x""y"', 'x"y'],
      ['quotedIdent', '`a``b`', 'a`b'],
      ['quotedIdent', '"projects.aggregated.usableSubnetworks"', 'projects.aggregated.usableSubnetworks'],
      ['string', "''", ''],
    ]);
    assert.deepEqual(kinds("'a;b -- not a comment'"), [
      ['string', "'a;b -- not a comment'", 'a;b -- not a comment'],
    ]);
  });

  test('numbers: integer, decimal, exponent, hex', () => {
    assert.deepEqual(
      kinds('42 3.14 .5 1e10 2.5E-3 0x1F').map(([k, t]) => [k, t]),
      [
        ['number', '42'],
        ['number', '3.14'],
        ['number', '.5'],
        ['number', '1e10'],
        ['number', '2.5E-3'],
        ['number', '0x1F'],
      ],
    );
  });

  test('operators and punctuation', () => {
    const sql = 'a = b != c <> d < e <= f > g >= h || i :: j + k - l * m / n % o ->> p -> q ( ) . ; ,';
    const ops = kinds(sql)
      .filter(([k]) => k === 'operator' || k === 'punct')
      .map(([k, t]) => `${k[0]}${t}`);
    assert.deepEqual(ops, [
      'o=',
      'o!=',
      'o<>',
      'o<',
      'o<=',
      'o>',
      'o>=',
      'o||',
      'o::',
      'o+',
      'o-',
      'o*',
      'o/',
      'o%',
      'o->>',
      'o->',
      'p(',
      'p)',
      'p.',
      'p;',
      'p,',
    ]);
    assert.deepEqual(kinds('x::text'), [
      ['ident', 'x', 'x'],
      ['operator', '::', '::'],
      ['ident', 'text', 'text'],
    ]);
  });

  test('@name and @@json are param tokens', () => {
    assert.deepEqual(
      kinds("@zone = 'z', @@json = '{}'").filter(([k]) => k === 'param'),
      [
        ['param', '@zone', 'zone'],
        ['param', '@@json', '@json'],
      ],
    );
  });

  test('origin shifts offsets, lines and columns', () => {
    const [tok] = tokenize('SHOW', { line: 3, column: 5, offset: 40 });
    assert.deepEqual([tok.start, tok.end, tok.line, tok.column], [40, 44, 3, 5]);
    const toks = tokenize('A\n B', { line: 3, column: 5, offset: 40 });
    assert.deepEqual([toks[1].start, toks[1].line, toks[1].column], [43, 4, 2]);
  });

  test('unterminated literals and comments are PARSE_ERRORs at their start', () => {
    assert.deepEqual(lexError("SELECT 'abc"), {
      message: 'unterminated string literal starting at line 1, column 8',
      line: 1,
      column: 8,
      offset: 7,
    });
    assert.deepEqual(lexError('SELECT 1\n  FROM "tbl'), {
      message: 'unterminated quoted identifier starting at line 2, column 8',
      line: 2,
      column: 8,
      offset: 16,
    });
    assert.deepEqual(lexError('SELECT /* never closed'), {
      message: 'unterminated block comment starting at line 1, column 8',
      line: 1,
      column: 8,
      offset: 7,
    });
    assert.equal(
      lexError("SELECT 'it''s").message,
      'unterminated string literal starting at line 1, column 8',
    );
    assert.equal(
      lexError('INSERT /*+ AWAIT').message,
      'unterminated block comment starting at line 1, column 8',
    );
  });

  test('unknown characters are PARSE_ERRORs', () => {
    assert.deepEqual(lexError('SELECT # x'), {
      message: "unexpected character '#' at line 1, column 8",
      line: 1,
      column: 8,
      offset: 7,
    });
  });

  test('tolerant mode never throws', () => {
    const lexer = new Lexer("SELECT # 'abc", { tolerant: true });
    const toks = [lexer.next(), lexer.next(), lexer.next(), lexer.next()];
    assert.deepEqual(
      toks.map((t) => [t.kind, t.text]),
      [
        ['keyword', 'SELECT'],
        ['punct', '#'],
        ['string', "'abc"],
        ['eof', ''],
      ],
    );
  });
});

describe('the postgres dialect', () => {
  const pg = (sql: string) =>
    tokenize(sql, undefined, 'postgres')
      .filter((t) => t.kind !== 'eof')
      .map((t) => [t.kind, t.text, t.value]);

  test("PostgreSQL's operators by its rule: longest run, trailing +/- only with a special character", () => {
    assert.deepEqual(
      pg('a @> b <@ c ?| d ?& e #>> f #- g @? h @@ i !~* j')
        .filter((t) => t[0] === 'operator')
        .map((t) => t[1]),
      ['@>', '<@', '?|', '?&', '#>>', '#-', '@?', '@@', '!~*'],
    );
    assert.deepEqual(
      pg('x=-1').map((t) => t[1]),
      ['x', '=', '-', '1'],
    );
    assert.deepEqual(
      pg('a->>b').map((t) => t[1]),
      ['a', '->>', 'b'],
    );
    // StackQL's EXEC parameters keep their meaning
    assert.deepEqual(
      pg('@zone @@json').map((t) => t[0]),
      ['param', 'param'],
    );
  });

  test('brackets, slices, dollar-quoted and E strings, nested comments, $1', () => {
    assert.deepEqual(
      pg('x[1:2]').map((t) => t[1]),
      ['x', '[', '1', ':', '2', ']'],
    );
    assert.deepEqual(pg("$$it's;$$ $t$a$$b$t$"), [
      ['string', "$$it's;$$", "it's;"],
      ['string', '$t$a$$b$t$', 'a$$b'],
    ]);
    assert.deepEqual(pg("E'a\\'b'"), [['string', "E'a\\'b'", "a'b"]]);
    assert.deepEqual(pg('/* a /* b */ c */ 1'), [['number', '1', '1']]);
    assert.deepEqual(pg('$1'), [['param', '$1', '$1']]);
    assert.throws(() => tokenize('$$open', undefined, 'postgres'), /unterminated dollar-quoted string/);
  });

  test('SQLite refuses them with a hint naming the PostgreSQL backend', () => {
    for (const sql of ['a @> b', 'a #>> b', 'a ? b', 'x[1]', '$$x$$'])
      assert.throws(
        () => tokenize(sql),
        (e: unknown) => isSkyqlError(e) && /--sqlBackend/.test(e.hint ?? ''),
        sql,
      );
  });
});
