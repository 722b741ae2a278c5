import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import pg from 'pg';
import { NEEDS_POSTGRES, startPostgres } from '../../support/postgres-server.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { startStdioMcp, textOf } from '../mcp/mcp-harness.js';

/**
 * Local SQL on SQLite runs in runner processes that a timeout or cancel can kill; PostgreSQL
 * cancels its own statements, so srv and mcp over a PostgreSQL backend start none (they sat idle
 * there, two per server). Two stay warm on SQLite: after a timeout kills one, the next statement
 * need not wait for a process to start.
 */

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {} // gone meanwhile
  }
  return out;
}

/** Waits (bounded) until `pid` has `n` children: warm runners start in the background. */
async function untilChildren(pid: number, n: number): Promise<number[]> {
  let now = childrenOf(pid);
  for (let i = 0; i < 100 && now.length !== n; i++) {
    await new Promise((r) => setTimeout(r, 50));
    now = childrenOf(pid);
  }
  return now;
}

async function srvQuery(port: number, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'tester', database: 'skyql' });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

test('srv keeps two warm runners on SQLite and starts none over PostgreSQL', NEEDS_POSTGRES, async () => {
  const lite = await startSrvProcess([]);
  assert.deepEqual(await srvQuery(lite.port, 'SELECT 1 AS n'), [{ n: '1' }]);
  assert.equal((await untilChildren(lite.pid, 2)).length, 2);

  const server = await startPostgres();
  const onPg = await startSrvProcess(['--sqlBackend', server.backendJson()]);
  assert.deepEqual(await srvQuery(onPg.port, 'SELECT 1 AS n'), [{ n: '1' }]);
  await new Promise((r) => setTimeout(r, 300)); // a warm runner would have been forked by now
  assert.deepEqual(childrenOf(onPg.pid), []);
});

test(
  'mcp over stdio keeps one warm runner on SQLite and starts none over PostgreSQL',
  NEEDS_POSTGRES,
  async () => {
    const audit = JSON.stringify({ audit: { disabled: true } });
    const lite = await startStdioMcp(['--mcp.config', audit], undefined);
    const r = await lite.call('run_select_query', { sql: 'SELECT 1 AS one' });
    assert.equal(r.isError, undefined, textOf(r));
    assert.equal((await untilChildren(lite.pid, 2)).length, 2);

    const server = await startPostgres();
    const onPg = await startStdioMcp(
      ['--mcp.config', audit, '--sqlBackend', server.backendJson()],
      undefined,
    );
    const q = await onPg.call('run_select_query', { sql: 'SELECT 1 AS one' });
    assert.equal(q.isError, undefined, textOf(q));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(childrenOf(onPg.pid), []);
  },
);
