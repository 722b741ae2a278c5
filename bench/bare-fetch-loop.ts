/**
 * The baseline for the SELECT benchmarks: a plain Node loop that only fetches pages (following
 * nextPageToken) and parses them, `concurrency` URLs at a time, sending `Authorization: Bearer
 * $BENCH_BEARER` when that is set. Rows are the elements of each page's first array property
 * (`items`, `topics`). Prints rows and peak RSS as JSON.
 * Usage: node bare-fetch-loop.js <concurrency> <url>...
 */
const [concurrencyArg, ...urls] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const bearer = process.env.BENCH_BEARER;
const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};

function rowCount(body: Record<string, unknown>): number {
  for (const v of Object.values(body)) if (Array.isArray(v)) return v.length;
  return 0;
}

async function fetchAll(url: string): Promise<number> {
  let rows = 0;
  let token: string | undefined;
  do {
    const u = token ? `${url}${url.includes('?') ? '&' : '?'}pageToken=${encodeURIComponent(token)}` : url;
    const res = await fetch(u, { headers });
    if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
    const body = (await res.json()) as Record<string, unknown> & { nextPageToken?: string };
    rows += rowCount(body);
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
