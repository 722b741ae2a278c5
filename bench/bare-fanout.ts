/**
 * P3's baseline: a bare Node fan-out, `concurrency` GETs at a time over node:http keep-alive
 * connections (as many as the concurrency), each body parsed, rows counted. Prints the row count.
 * Usage: node bare-fanout.js <concurrency> <url>...
 */
import { Agent, get } from 'node:http';

const [concurrencyArg, ...urls] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function rows(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve((JSON.parse(Buffer.concat(chunks).toString()) as { topics?: unknown[] }).topics?.length ?? 0),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

let next = 0;
let total = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
    while (next < urls.length) {
      const n = await rows(urls[next++]); // not `total += await`: that reads total before the wait
      total += n;
    }
  }),
);
console.log(total);
agent.destroy();
