/**
 * The PostgreSQL backend (issue 15): the P2 list (100,000 Compute instances over 200 pages from
 * the pre-rendered page server) into PostgreSQL against the same statement on the SQLite backend,
 * whole processes, the two alternating; medians. `SELECT COUNT(*)` keeps no column (column pruning),
 * so the row that matters is `CREATE TABLE … AS SELECT *`, every column of every row into a table.
 * Skipped when PostgreSQL is not installed.
 */
import { FIXTURE_APPROOT, MIRROR_URL } from '../test/support/paths.js';
import { postgresBinDir, startPostgres } from '../test/support/postgres-server.js';
import { startPageServer } from './page-server.js';
import { type BenchRow, timed } from './select-bench.js';
import { FROM, median, PAGES, ROWS_PER_PAGE, skyqlArgs, TOKEN } from './stream-bench.js';

const RUNS = Number(process.env.BENCH_PG_RUNS ?? 5);

export async function pgBackendBenchmarks(): Promise<BenchRow[]> {
  if (!postgresBinDir())
    return [{ name: 'PostgreSQL backend', value: 'skipped: not installed', target: '-', ok: true }];
  const pg = await startPostgres({ manual: true });
  const server = await startPageServer({ pages: PAGES, rowsPerPage: ROWS_PER_PAGE, token: TOKEN });
  const env = {
    ...process.env,
    SKYQL_REGISTRY: MIRROR_URL,
    SKYQL_APPROOT: FIXTURE_APPROOT,
    BENCH_BEARER: TOKEN,
  };
  const args = (sql: string, backend: string[]) => skyqlArgs(server.url, 'csv', sql, backend);
  const pgFlag = ['--sqlBackend', pg.backendJson()];
  const ms = {
    liteCount: [] as number[],
    pgCount: [] as number[],
    liteTable: [] as number[],
    pgTable: [] as number[],
  };
  const table = `CREATE TABLE bench_instances AS SELECT * ${FROM}; SELECT count(*) FROM bench_instances; DROP TABLE bench_instances`;
  try {
    for (let i = 0; i < RUNS; i++) {
      ms.liteCount.push((await timed(args(`SELECT COUNT(*) ${FROM}`, []), env)).ms);
      const c = await timed(args(`SELECT COUNT(*) ${FROM}`, pgFlag), env);
      if (c.stdout.trim() !== String(PAGES * ROWS_PER_PAGE)) throw new Error(`COUNT(*) gave ${c.stdout}`);
      ms.pgCount.push(c.ms);
      ms.liteTable.push((await timed(args(table, []), env)).ms);
      const t = await timed(args(table, pgFlag), env);
      if (t.stdout.trim() !== String(PAGES * ROWS_PER_PAGE))
        throw new Error(`CREATE TABLE AS gave ${t.stdout}`);
      ms.pgTable.push(t.ms);
    }
  } finally {
    await server.close();
    await pg.stop();
  }
  const row = (name: string, p: number[], l: number[]): BenchRow => {
    const ratio = median(p) / median(l);
    return {
      name,
      value: `${median(p).toFixed(0)} ms vs ${median(l).toFixed(0)} ms (${ratio.toFixed(2)}x)`,
      target: '<= 1.5x',
      ok: ratio <= 1.5,
    };
  };
  return [
    row('PG SELECT COUNT(*) 100k rows / 200 pages: PostgreSQL vs SQLite', ms.pgCount, ms.liteCount),
    row('PG CREATE TABLE AS SELECT * 100k rows / 200 pages: PostgreSQL vs SQLite', ms.pgTable, ms.liteTable),
  ];
}

// `node build/bench/pg-backend-bench.js` runs these alone
if (process.argv[1]?.endsWith('pg-backend-bench.js')) {
  for (const r of await pgBackendBenchmarks())
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(72)} ${r.value.padEnd(36)} target ${r.target}`);
}
