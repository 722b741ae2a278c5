/**
 * Output and docs benchmarks (moved out of the tests, where wall-clock budgets flaked on busy
 * machines): formatting a 1000x10 table, a 100,000-row CSV and one cell of 20,000 words (the
 * wrap must stay linear), in this process as medians; and `skyql docs google --out` for the
 * whole provider (~1800 pages) as a whole process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell, ResultSet } from '../src/base/result/result-set.js';
import { formatCsv } from '../src/front/output/csv-writer.js';
import { formatTable } from '../src/front/output/table-writer.js';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../test/support/paths.js';
import type { BenchRow } from './select-bench.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function sample(rows: number, cols: number): ResultSet {
  const columns = Array.from({ length: cols }, (_, c) => ({ name: `column_${c}`, type: 'text' as const }));
  const data: Cell[][] = Array.from({ length: rows }, (_, r) =>
    columns.map((_, c) => (c % 3 === 0 ? r * c : c % 3 === 1 ? `value-${r}-${c}` : `a "quoted", text ${r}`)),
  );
  return { columns, rows: data };
}

/** Median of `runs` timed calls after one warm-up call. */
function timeMedian(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function row(name: string, ms: number, limitMs: number): BenchRow {
  return { name, value: `${ms.toFixed(1)} ms`, target: `< ${limitMs} ms`, ok: ms < limitMs };
}

/** The formatter benchmarks (in process). */
export function outputBenchmarks(runs: number): BenchRow[] {
  const table = sample(1000, 10);
  const csv = sample(100_000, 10);
  const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join(' ');
  const wide: ResultSet = { columns: [{ name: 'c', type: 'text' }], rows: [[words]] };
  return [
    row(
      'table: 1000 rows x 10 columns',
      timeMedian(runs, () => formatTable(table)),
      20,
    ),
    row(
      'csv: 100,000 rows x 10 columns',
      timeMedian(Math.min(runs, 5), () => formatCsv(csv)),
      1000,
    ),
    row(
      'table: one cell of 20,000 words (wrap is linear)',
      timeMedian(runs, () => formatTable(wide)),
      200,
    ),
  ];
}

/** `skyql docs google --out <dir>`: every page of the provider, as a whole process. */
export function docsBenchmark(runs: number): BenchRow {
  const env = { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT };
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'skyql-bench-docs-'));
    try {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [SKYQL_BIN, 'docs', 'google', '--out', dir], { env });
      if (r.status !== 0) throw new Error(`skyql docs google failed: ${r.stderr}`);
      if (i > 0) times.push(performance.now() - t0); // the first run warms the caches
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return row('skyql docs google --out <dir> (~1800 pages)', median(times), 15_000);
}
