/**
 * One side of the HTTP client comparison (bench/http-client-bench.ts): `n` GETs of `url`,
 * `concurrency` at a time, through undici's keep-alive Agent (as skyql used it) or node:http's
 * keep-alive Agent, each body read whole. Prints the in-process time (client loaded → last body).
 * Usage: node http-client-run.js <undici|node> <url> <n> <concurrency>
 */
import { createRequire } from 'node:module';

const [client, url, nArg, cArg] = process.argv.slice(2);
const n = Number(nArg);
const concurrency = Number(cArg);
const t0 = performance.now();

type Get = (url: string) => Promise<number>;

function nodeGet(): Get {
  const http = process.getBuiltinModule('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return (u) =>
    new Promise((resolve, reject) => {
      http
        .get(u, { agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).length));
          res.on('error', reject);
        })
        .on('error', reject);
    });
}

function undiciGet(): Get {
  const undici = createRequire(import.meta.url)('undici') as typeof import('undici');
  const agent = new undici.Agent({ connections: concurrency, keepAliveTimeout: 4000 });
  return async (u) => {
    const { origin, pathname, search } = new URL(u);
    const res = await agent.request({ origin, path: pathname + search, method: 'GET' });
    return Buffer.from(await res.body.arrayBuffer()).length;
  };
}

const get = client === 'undici' ? undiciGet() : nodeGet();
const loaded = performance.now();
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < n) {
      next++;
      bytes += await get(url);
    }
  }),
);
console.log(JSON.stringify({ loadMs: loaded - t0, runMs: performance.now() - loaded, bytes }));
process.exit(0);
