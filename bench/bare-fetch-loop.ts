/**
 * The baseline for the SELECT benchmarks: a plain Node loop that only fetches pages (following
 * nextPageToken) and parses them, `concurrency` URLs at a time. Prints rows and peak RSS as JSON.
 * Usage: node bare-fetch-loop.js <concurrency> <url>...
 */
const [concurrencyArg, ...urls] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);

async function fetchAll(url: string): Promise<number> {
  let rows = 0;
  let token: string | undefined;
  do {
    const u = token ? `${url}${url.includes('?') ? '&' : '?'}pageToken=${encodeURIComponent(token)}` : url;
    const body = (await (await fetch(u)).json()) as { topics?: unknown[]; nextPageToken?: string };
    rows += body.topics?.length ?? 0;
    token = body.nextPageToken;
  } while (token);
  return rows;
}

let next = 0;
let total = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
    while (next < urls.length) total += await fetchAll(urls[next++]);
  }),
);
console.log(JSON.stringify({ rows: total, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
