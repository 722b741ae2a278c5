import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { test } from 'node:test';
import {
  isCatalogQuery,
  rewriteCatalogQuery,
} from '../../../../src/front/pgwire/pg-catalog/pg-catalog-query.js';
import {
  parameterCount,
  rewriteForSqlite,
  rewriteStatement,
} from '../../../../src/front/pgwire/pg-sql-rewrite.js';
import { backend } from '../../../../src/front/pgwire/protocol/backend-messages.js';
import { parseFrontend } from '../../../../src/front/pgwire/protocol/frontend-messages.js';
import { ScramServer, scramVerifier } from '../../../../src/front/pgwire/protocol/scram-sha256.js';
import { fieldsOf, textValue } from '../../../../src/front/pgwire/type-oids.js';
import { BufferList } from './buffer-list.js';

test('backend messages have the documented byte layout', () => {
  const fields = fieldsOf([
    { name: 'n', type: 'integer' },
    { name: 'j', type: 'json' },
  ]);
  const expected = new BufferList()
    .int16(2)
    .cstring('n')
    .int32(0)
    .int16(0)
    .int32(20)
    .int16(8)
    .int32(-1)
    .int16(0)
    .cstring('j')
    .int32(0)
    .int16(0)
    .int32(114)
    .int16(-1)
    .int32(-1)
    .int16(0)
    .join('T');
  assert.deepEqual(backend.rowDescription(fields), expected);
  assert.deepEqual(
    backend.dataRow([textValue(true), textValue(null), textValue(12n)]),
    new BufferList().int16(3).int32(1).string('t').int32(-1).int32(2).string('12').join('D'),
  );
  assert.deepEqual(backend.readyForQuery('I'), new BufferList().string('I').join('Z'));
  assert.deepEqual(backend.commandComplete('SELECT 1'), new BufferList().cstring('SELECT 1').join('C'));
  assert.deepEqual(
    backend.errorResponse({ severity: 'ERROR', code: '42P01', message: 'no', hint: 'h' }),
    new BufferList()
      .string('S')
      .cstring('ERROR')
      .string('V')
      .cstring('ERROR')
      .string('C')
      .cstring('42P01')
      .string('M')
      .cstring('no')
      .string('H')
      .cstring('h')
      .string('\0')
      .join('E'),
  );
  assert.deepEqual(
    backend.authenticationSasl(['SCRAM-SHA-256']),
    new BufferList().int32(10).cstring('SCRAM-SHA-256').string('\0').join('R'),
  );
});

test('Bind is decoded with NULLs, formats and result formats', () => {
  const body = new BufferList()
    .cstring('p')
    .cstring('s')
    .int16(1)
    .int16(0)
    .int16(2)
    .int32(2)
    .string('ab')
    .int32(-1)
    .int16(1)
    .int16(1)
    .join();
  assert.deepEqual(parseFrontend('B', body), {
    type: 'bind',
    portal: 'p',
    statement: 's',
    paramFormats: [0],
    params: [Buffer.from('ab'), null],
    resultFormats: [1],
  });
});

test('SCRAM-SHA-256: a client with the right password is accepted and can check the server', () => {
  const verifier = scramVerifier('pencil', 4096, Buffer.from('saltsaltsalt'));
  const server = new ScramServer(verifier);
  const clientFirstBare = 'n=,r=clientnonce';
  const serverFirst = server.first(`n,,${clientFirstBare}`);
  const attrs = Object.fromEntries(serverFirst.split(',').map((p) => [p[0], p.slice(2)]));
  const salted = pbkdf2Sync('pencil', Buffer.from(attrs.s, 'base64'), Number(attrs.i), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const withoutProof = `c=biws,r=${attrs.r}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = createHmac('sha256', storedKey).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i])).toString('base64');
  const final = server.final(`${withoutProof},p=${proof}`);
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  assert.equal(final, `v=${createHmac('sha256', serverKey).update(authMessage).digest('base64')}`);
  const other = new ScramServer(verifier);
  const sf = other.first(`n,,${clientFirstBare}`);
  const r = sf.split(',')[0].slice(2);
  assert.equal(other.final(`c=biws,r=${r},p=${Buffer.alloc(32).toString('base64')}`), undefined);
});

test('parameters become escaped literals; casts are dropped; literals and comments untouched', () => {
  assert.equal(
    rewriteForSqlite("SELECT $1, $2::int8, '$1::text' -- $3\n", [
      { text: "it's", oid: 0 },
      { text: '5', oid: 20 },
    ]),
    "SELECT 'it''s', (5), '$1::text' -- $3\n",
  );
  assert.equal(
    rewriteForSqlite('SELECT x::varchar(20), y::pg_catalog.regclass, z::text[]'),
    'SELECT x, y, z',
  );
  assert.equal(rewriteForSqlite('SELECT $1', [{ text: null, oid: 25 }]), 'SELECT NULL');
  assert.equal(
    rewriteForSqlite('SELECT $1', [{ text: '1; DROP TABLE t', oid: 20 }]),
    "SELECT '1; DROP TABLE t'",
  );
  assert.equal(parameterCount('select $2, $1, $10'), 10);
  assert.throws(() => rewriteForSqlite('SELECT $2', [{ text: 'a', oid: 0 }]), /no parameter \$2/);
});

test('a numeric parameter is inlined in parentheses: it never joins the text around it', () => {
  const int8 = (text: string) => [{ text, oid: 20 }];
  // `10--5` would be a comment hiding the rest of the line (attacker review, F2)
  for (const dialect of ['sqlite', 'postgres'] as const) {
    assert.equal(
      rewriteStatement("SELECT 10-$1 AS net, 'visible' AS col2\n, 2 AS z", int8('-5'), dialect),
      "SELECT 10-(-5) AS net, 'visible' AS col2\n, 2 AS z",
    );
    assert.equal(rewriteStatement('SELECT 1.$1, 2^$1', int8('5'), dialect), 'SELECT 1.(5), 2^(5)');
    assert.equal(rewriteStatement('SELECT $1', int8('-0'), dialect), 'SELECT (-0)');
    assert.equal(rewriteStatement('SELECT $1', [{ text: '1.5e-3', oid: 1700 }], dialect), 'SELECT (1.5e-3)');
    // not a plain number: quoted, as any text
    for (const text of ['NaN', 'Infinity', '-Infinity', '1e5x', '--5', '5 --'])
      assert.equal(rewriteStatement('SELECT $1', int8(text), dialect), `SELECT '${text}'`);
    if (dialect === 'postgres')
      assert.equal(rewriteStatement('SELECT $1e5', int8('5'), dialect), 'SELECT (5)e5');
    // a $1 after a name is part of the name (PostgreSQL names may hold $), never a parameter
    assert.equal(rewriteStatement('SELECT a$1 FROM t', int8('-5'), dialect), 'SELECT a$1 FROM t');
  }
});

test('an inlined string never joins a string or a word beside it (attacker review N6)', () => {
  const text = (t: string) => [{ text: t, oid: 25 }];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    // E'a''x\' would be one string running on past the value
    assert.equal(rewriteStatement("SELECT E'a'$1 AS s", text("x\\'"), dialect), "SELECT E'a' 'x\\''' AS s");
    assert.equal(rewriteStatement("SELECT $1'b'", text('x'), dialect), "SELECT 'x' 'b'");
    assert.equal(
      rewriteStatement('SELECT ($1, $2)', [...text('x'), { text: null, oid: 25 }], dialect),
      "SELECT ('x', NULL)",
    );
    assert.equal(
      rewriteStatement('SELECT 1 AS a WHERE $1=$1', text('x'), dialect),
      "SELECT 1 AS a WHERE 'x' = 'x'",
    );
  }
});

test('catalog queries are recognised and rewritten for SQLite', () => {
  assert.equal(isCatalogQuery('select version()'), true);
  assert.equal(isCatalogQuery("SELECT * FROM pg_catalog.pg_class WHERE relname ~ '^t$'"), true);
  assert.equal(isCatalogQuery('select name from google.storage.buckets'), false);
  // only queries read the catalog: a table statement naming pg_sleep is the engine's (issue 15)
  assert.equal(isCatalogQuery('CREATE TABLE t AS SELECT 1 FROM pg_sleep(1)', 'postgres'), false);
  assert.equal(isCatalogQuery('INSERT INTO t SELECT oid FROM pg_class', 'postgres'), false);
  // a -- comment ended by \r hides nothing from the postgres dialect
  assert.equal(isCatalogQuery('SELECT 1 --x\r, pg_backend_pid()', 'postgres'), true);
  assert.equal(
    rewriteCatalogQuery(
      "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname !~ '^pg_' AND c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default AND current_user = 'x'",
    ),
    "SELECT n.nspname FROM pg_namespace n WHERE n.nspname  NOT REGEXP  '^pg_' AND c.relname  REGEXP  '^(t)$'  AND current_user() = 'x'",
  );
  assert.equal(
    rewriteCatalogQuery('select * from information_schema.tables'),
    'select * from "information_schema.tables"',
  );
});
