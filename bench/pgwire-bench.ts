/**
 * Wire-server benchmarks (issue 6), against a `skyql srv` process and the in-process emulator:
 * a repeated query answered from the response cache over the wire, and 20 clients running a paged
 * list at once (50 ms per API request, NOCACHE so every client calls the API).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { parseRegistryConfig } from '../src/base/config/registry-config.js';
import { startEmulator } from '../src/tools/emulator/index.js';
import { SAMPLE } from '../src/tools/emulator/state/sample-data.js';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT } from '../test/support/paths.js';
import type { BenchRow } from './select-bench.js';

const LIST = `SELECT name, location FROM google.storage.buckets WHERE project = '${SAMPLE.project}'`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function startSrv(emulatorUrl: string): Promise<{ port: number; stop: () => void }> {
  const args = [
    'srv',
    '--pgsrv.port',
    '0',
    '--endpoint',
    `google=${emulatorUrl}`,
    '--auth',
    '{"google":{"type":"null_auth"}}',
  ];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'skyql'), ...args], {
    env: { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on \S+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`skyql srv exited with ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function client(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'bench' });
  await c.connect();
  return c;
}

/** Runs both wire benchmarks; returns their rows. */
export async function pgwireBenchmarks(): Promise<BenchRow[]> {
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    auth: false,
    sample: true,
  });
  const srv = await startSrv(emu.url);
  const rows: BenchRow[] = [];
  try {
    const c = await client(srv.port);
    const first = performance.now();
    await c.query(LIST);
    const firstMs = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await c.query(LIST);
      times.push(performance.now() - t0);
      if (r.rowCount !== SAMPLE.bucketCount)
        throw new Error(`expected ${SAMPLE.bucketCount} rows, got ${r.rowCount}`);
    }
    await c.end();
    const cached = median(times);
    rows.push({
      name: 'srv: repeated paged list served from the cache (pg client)',
      value: `${cached.toFixed(1)} ms (first ${firstMs.toFixed(0)} ms)`,
      target: '< 50 ms',
      ok: cached < 50,
    });
    emu.faults.add({ match: '/storage/v1/b', latencyMs: 50 });
    const nocache = LIST.replace('SELECT', 'SELECT /*+ NOCACHE */');
    const one = await client(srv.port);
    const t1 = performance.now();
    await one.query(nocache);
    const single = performance.now() - t1;
    await one.end();
    const clients = await Promise.all(Array.from({ length: 20 }, () => client(srv.port)));
    const t2 = performance.now();
    const results = await Promise.all(clients.map((k) => k.query(nocache)));
    const all = performance.now() - t2;
    await Promise.all(clients.map((k) => k.end()));
    const complete = results.every((r) => r.rowCount === SAMPLE.bucketCount);
    rows.push({
      name: 'srv: 20 clients at once, paged list, 50 ms per request',
      value: `${all.toFixed(0)} ms (one client ${single.toFixed(0)} ms)`,
      target: '< 5x one client (serial would be 20x)',
      ok: complete && all < 5 * single,
    });
  } finally {
    srv.stop();
    await emu.close();
  }
  return rows;
}
