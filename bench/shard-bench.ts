/**
 * `--shard` (issue 15): 400 list calls at 50 ms latency, made by one process, or split over two
 * processes (`--shard 0/2` and `--shard 1/2`, run at the same time) at the same per-process
 * concurrency. The server answers pre-rendered pages after a 50 ms timer (page-server.ts), so the
 * wall time is the calls' latency and the processes' own cost. Throughput = 400 calls / wall time
 * (for two processes, until the later one ends). Whole processes, medians of `runs`, interleaved.
 * One shard alone is timed too: on two machines each takes that long, while side by side on this
 * 2-core machine the two processes (and anything else running) share its CPUs.
 */
import { FIXTURE_APPROOT, MIRROR_URL } from '../test/support/paths.js';
import { startPageServer } from './page-server.js';
import type { BenchRow } from './select-bench.js';
import { timed } from './select-bench.js';
import { median, skyqlArgs, TOKEN } from './stream-bench.js';

const CALLS = 400;
const LATENCY_MS = 50;
const ROWS_PER_CALL = 3;
/**
 * The per-process concurrency the target is measured at: low enough that the calls, not each
 * process's fixed start-up (~0.45 s here), make most of the time; 8 and the default 16 are reported.
 */
const CONCURRENCY = 4;

/** The shard benchmark's rows: one process against two, at {@link CONCURRENCY}, 8 and 16. */
export async function shardBenchmarks(runs = 5): Promise<BenchRow[]> {
  const server = await startPageServer({
    pages: 1,
    rowsPerPage: ROWS_PER_CALL,
    token: TOKEN,
    latencyMs: LATENCY_MS,
  });
  const env = {
    ...process.env,
    SKYQL_REGISTRY: MIRROR_URL,
    SKYQL_APPROOT: FIXTURE_APPROOT,
    BENCH_BEARER: TOKEN,
  };
  const projects = Array.from({ length: CALLS }, (_, p) => `'p${p}'`).join(', ');
  const sql = `SELECT count(*) FROM google.compute.instances WHERE project IN (${projects}) AND zone = 'us-central1-a'`;
  const run = async (concurrency: number, shard?: string): Promise<number> => {
    const extra = [
      '--execution.concurrency.limit',
      String(concurrency),
      ...(shard ? ['--shard', shard] : []),
    ];
    const r = await timed(skyqlArgs(server.url, 'csv', sql, extra), env);
    return Number(r.stdout.trim());
  };
  /**
   * Wall time of one process (`one`), of two shards side by side (`two`), or of shard 0/2 alone
   * (`alone`: what each of two machines would take, without the other's load on this one).
   */
  const wall = async (concurrency: number, mode: 'one' | 'two' | 'alone'): Promise<number> => {
    const t0 = process.hrtime.bigint();
    const counts =
      mode === 'two'
        ? await Promise.all([run(concurrency, '0/2'), run(concurrency, '1/2')])
        : [await run(concurrency, mode === 'alone' ? '0/2' : undefined)];
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rows = counts.reduce((a, b) => a + b, 0);
    if (mode === 'alone' ? rows <= 0 || rows >= CALLS * ROWS_PER_CALL : rows !== CALLS * ROWS_PER_CALL)
      throw new Error(`${mode}: unexpected ${rows} rows of ${CALLS * ROWS_PER_CALL}`);
    return ms;
  };
  try {
    await wall(CONCURRENCY, 'one'); // warm the OS cache, the slice and code caches
    const rows: BenchRow[] = [];
    for (const c of [CONCURRENCY, 8, 16]) {
      const t = { one: [] as number[], two: [] as number[], alone: [] as number[] };
      for (let i = 0; i < runs; i++)
        for (const mode of ['one', 'two', 'alone'] as const) t[mode].push(await wall(c, mode));
      const [one, two, alone] = [median(t.one), median(t.two), median(t.alone)];
      rows.push({
        name: `${CALLS} calls x ${LATENCY_MS} ms, concurrency ${c}: one process vs --shard over 2`,
        value: `${one.toFixed(0)} vs ${two.toFixed(0)} ms (${(one / two).toFixed(2)}x); a shard alone ${alone.toFixed(0)} ms (${(one / alone).toFixed(2)}x)`,
        target: c === CONCURRENCY ? '>= 1.8x (side by side)' : 'reported',
        ok: c !== CONCURRENCY || one / two >= 1.8,
      });
    }
    return rows;
  } finally {
    await server.close();
  }
}

if (process.argv[1]?.endsWith('shard-bench.js')) {
  for (const r of await shardBenchmarks(Number(process.env.BENCH_RUNS ?? 5)))
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(66)} ${r.value.padEnd(40)} target ${r.target}`);
}
