/**
 * undici against node:http keep-alive agents, on this machine (issue 13): whole processes doing
 * 200 or 400 GETs, concurrency 16 or 50, small (1 KB) or 500 KB bodies, from a server that only
 * writes pre-rendered bytes (optionally after 50 ms). Medians of `runs` processes per case,
 * interleaved. `npm run bench` prints it; the transport uses node:http where no proxy is set.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths.js';
import type { BenchRow } from './select-bench.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the comparison; each row says both clients' medians and the ratio. */
export async function httpClientBenchmarks(runs = 5): Promise<BenchRow[]> {
  const small = Buffer.from(
    JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ name: `item-${i}`, size: i })) }),
  );
  const large = Buffer.from(
    JSON.stringify({
      items: Array.from({ length: 5000 }, (_, i) => ({
        name: `item-${String(i).padStart(6, '0')}`,
        v: 'x'.repeat(60),
      })),
    }),
  );
  const server = createServer((req, res) => {
    const body = req.url?.startsWith('/large') ? large : small;
    const send = () =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    if (req.url?.includes('slow')) setTimeout(send, 50);
    else send();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const script = join(REPO_ROOT, 'build', 'bench', 'http-client-run.js');
  const cases: Array<[string, string, number, number]> = [
    ['200 x 1 KB, c=16', '/small', 200, 16],
    ['400 x 1 KB, c=50', '/small', 400, 50],
    ['200 x 500 KB, c=16', '/large', 200, 16],
    ['200 x 1 KB + 50 ms, c=16', '/small-slow', 200, 16],
    ['400 x 1 KB + 50 ms, c=50', '/small-slow', 400, 50],
  ];
  const rows: BenchRow[] = [];
  try {
    for (const [name, path, n, c] of cases) {
      const wall: Record<string, number[]> = { undici: [], node: [] };
      const inProcess: Record<string, number[]> = { undici: [], node: [] };
      for (let i = 0; i < runs; i++)
        for (const client of ['undici', 'node']) {
          const t0 = process.hrtime.bigint();
          // not spawnSync: this process serves the requests
          const out = await new Promise<string>((done, fail) => {
            const child = spawn(process.execPath, [script, client, `${base}${path}`, String(n), String(c)], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let text = '';
            child.stdout.on('data', (d) => (text += d));
            child.on('close', (code) =>
              code === 0 ? done(text) : fail(new Error(`${client} run failed (${code})`)),
            );
          });
          wall[client].push(Number(process.hrtime.bigint() - t0) / 1e6);
          inProcess[client].push((JSON.parse(out) as { runMs: number }).runMs);
        }
      const u = median(wall.undici);
      const h = median(wall.node);
      const ui = median(inProcess.undici);
      const hi = median(inProcess.node);
      rows.push({
        name: `HTTP client (process / requests only): ${name}`,
        value: `undici ${u.toFixed(0)} / ${ui.toFixed(0)} ms, node:http ${h.toFixed(0)} / ${hi.toFixed(0)} ms (${(u / h).toFixed(2)}x / ${(ui / hi).toFixed(2)}x)`,
        target: 'measurement',
        ok: true,
      });
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return rows;
}

if (process.argv[1]?.endsWith('http-client-bench.js')) {
  for (const r of await httpClientBenchmarks(Number(process.env.BENCH_RUNS ?? 5)))
    console.log(`${r.name.padEnd(52)} ${r.value}`);
}
