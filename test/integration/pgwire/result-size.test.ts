import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { startSrvProcess } from '../../support/srv-process.js';

/** Issue 14: one client's huge result fails in the runner before the server holds it. */
const srv = await startSrvProcess(['--pgsrv.maxResultBytes', '1000000']);

test('a result over --pgsrv.maxResultBytes is 54000 RESULT_TOO_LARGE; the connection stays usable', async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: srv.port, user: 'tester', database: 'skyql' });
  await c.connect();
  after(() => c.end());
  await assert.rejects(
    c.query('SELECT randomblob(2000000) AS b'),
    (e: Error & { code?: string }) => e.code === '54000' && /result is over 1000000 bytes/.test(e.message),
  );
  const ok = await c.query("SELECT length(printf('%.*c', 500000, 'x')) AS n");
  assert.equal(ok.rows[0].n, '500000');
});
