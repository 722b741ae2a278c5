import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import type { HttpRequest, HttpResponse } from '../../../../src/core/http/http-types.js';
import {
  GOOGLE_TOKEN_PAGINATION,
  nextLink,
  paginate,
  selectPagination,
  servePage,
  strategyFromConfig,
  withQueryParam,
} from '../../../../src/core/http/pagination.js';
import { extractRows } from '../../../../src/core/http/response-rows.js';
import { method, response, syntheticMethod } from './fixture-methods.js';

/** A send that answers from `pages` keyed by the request URL, recording requests. */
function scripted(answer: (req: HttpRequest, n: number) => HttpResponse) {
  const sent: HttpRequest[] = [];
  const send = async (req: HttpRequest) => {
    sent.push(req);
    return answer(req, sent.length);
  };
  return { send, sent };
}

async function all(gen: AsyncGenerator<HttpResponse>): Promise<HttpResponse[]> {
  const out: HttpResponse[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const first: HttpRequest = {
  method: 'GET',
  url: 'https://storage.googleapis.com/storage/v1/b?project=p&maxResults=2',
};

function tokenPages(req: HttpRequest): HttpResponse {
  const tok = new URL(req.url).searchParams.get('pageToken');
  if (tok === null) return response(200, { items: [{ name: 'a' }, { name: 'b' }], nextPageToken: 't/2 +' });
  if (tok === 't/2 +') return response(200, { items: [{ name: 'c' }, { name: 'd' }], nextPageToken: 'T3' });
  return response(200, { items: [{ name: 'e' }], nextPageToken: '' });
}

test('three pages with nextPageToken → pageToken, other params unchanged, token escaped', async () => {
  const m = await method('storage', 'buckets', 'list');
  const { send, sent } = scripted(tokenPages);
  const pages = await all(paginate(send, first, selectPagination(m)));
  assert.equal(pages.length, 3);
  assert.deepEqual(
    sent.map((r) => r.url),
    [
      first.url,
      'https://storage.googleapis.com/storage/v1/b?project=p&maxResults=2&pageToken=t%2F2%20%2B',
      'https://storage.googleapis.com/storage/v1/b?project=p&maxResults=2&pageToken=T3',
    ],
  );
  assert.deepEqual(
    pages.flatMap((p) => extractRows(m, p)).map((r) => r.name),
    ['a', 'b', 'c', 'd', 'e'],
  );
});

test('pageLimit truncates and reports it; a limit that is not hit reports nothing', async () => {
  const { send } = scripted(tokenPages);
  const truncated: number[] = [];
  const pages = await all(
    paginate(send, first, GOOGLE_TOKEN_PAGINATION, { pageLimit: 2, onTruncate: (n) => truncated.push(n) }),
  );
  assert.equal(pages.length, 2);
  assert.deepEqual(truncated, [2]);
  const none: number[] = [];
  assert.equal(
    (
      await all(
        paginate(scripted(tokenPages).send, first, GOOGLE_TOKEN_PAGINATION, {
          pageLimit: 3,
          onTruncate: (n) => none.push(n),
        }),
      )
    ).length,
    3,
  );
  assert.deepEqual(none, []);
});

test('a repeating token stops the loop with a warning instead of looping forever', async () => {
  const { send, sent } = scripted(() => response(200, { items: [{ n: 1 }], nextPageToken: 'same' }));
  const warned: [string, number][] = [];
  const pages = await all(
    paginate(send, first, GOOGLE_TOKEN_PAGINATION, { onRepeatedToken: (t, n) => warned.push([t, n]) }),
  );
  assert.equal(pages.length, 2);
  assert.equal(sent.length, 2);
  assert.deepEqual(warned, [['same', 2]]);
});

test('absent, null, empty and "[]" tokens end the loop; a non-2xx page is yielded and ends it', async () => {
  for (const body of [
    { items: [] },
    { nextPageToken: null },
    { nextPageToken: '' },
    { nextPageToken: '[]' },
  ]) {
    assert.equal(
      (await all(paginate(scripted(() => response(200, body)).send, first, GOOGLE_TOKEN_PAGINATION))).length,
      1,
    );
  }
  const { send } = scripted((_r, n) =>
    n === 1 ? response(200, { nextPageToken: 'x' }) : response(500, { error: { code: 500 } }),
  );
  const pages = await all(paginate(send, first, GOOGLE_TOKEN_PAGINATION));
  assert.deepEqual(
    pages.map((p) => p.status),
    [200, 500],
  );
});

test('Link header paging (rel="next"), relative links resolved against the request', async () => {
  assert.equal(
    nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"'),
    'https://x/a?page=2',
  );
  assert.equal(
    nextLink('<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel=next'),
    'https://x/a?page=3',
  );
  assert.equal(nextLink('<https://x/a?page=9>; rel="last"'), undefined);
  const strategy = strategyFromConfig({
    responseToken: { key: 'Link', location: 'header' },
    requestToken: { key: 'page', location: 'query' },
  });
  assert.deepEqual(strategy, { kind: 'link' });
  const { send, sent } = scripted((_r, n) =>
    n < 3
      ? response(200, [{ id: n }], { link: `</api/items?page=${n + 1}>; rel="next"` })
      : response(200, [{ id: n }]),
  );
  const pages = await all(
    paginate(send, { method: 'GET', url: 'https://api.example.com/api/items' }, strategy),
  );
  assert.equal(pages.length, 3);
  assert.deepEqual(
    sent.map((r) => r.url),
    [
      'https://api.example.com/api/items',
      'https://api.example.com/api/items?page=2',
      'https://api.example.com/api/items?page=3',
    ],
  );
});

test('token in a response header and into a request header', async () => {
  const strategy = strategyFromConfig({
    requestToken: { key: 'X-Page', location: 'header' },
    responseToken: { key: 'X-Next', location: 'header' },
  });
  const { send, sent } = scripted((_r, n) => response(200, [{ n }], n < 2 ? { 'x-next': `h${n}` } : {}));
  assert.equal((await all(paginate(send, first, strategy))).length, 2);
  assert.equal(sent[1].headers?.['X-Page'], 'h1');
});

test('token into the request body (POST search) keeps the other body fields', async () => {
  const strategy = strategyFromConfig({ requestToken: { key: 'pageToken', location: 'body' } });
  const { send, sent } = scripted((_r, n) =>
    response(200, { results: [{ n }], ...(n < 2 ? { nextPageToken: 'b2' } : {}) }),
  );
  await all(
    paginate(
      send,
      {
        method: 'POST',
        url: 'https://x/v1/search',
        body: '{"query":"q"}',
        headers: { 'content-type': 'application/json' },
      },
      strategy,
    ),
  );
  assert.deepEqual(JSON.parse(String(sent[1].body)), { query: 'q', pageToken: 'b2' });
});

test('page_number: counts up from the first page until an empty page or the terminator', async () => {
  const strategy = strategyFromConfig({
    algorithm: 'page_number',
    requestToken: { key: 'page', location: 'query' },
  });
  const { send, sent } = scripted((_r, n) => response(200, n < 3 ? [{ n }] : []));
  assert.equal(
    (await all(paginate(send, { method: 'GET', url: 'https://x/items?per_page=1' }, strategy))).length,
    3,
  );
  assert.deepEqual(
    sent.map((r) => r.url),
    ['https://x/items?per_page=1', 'https://x/items?per_page=1&page=2', 'https://x/items?per_page=1&page=3'],
  );
  const term = strategyFromConfig({
    algorithm: 'page_number',
    requestToken: { key: 'p', location: 'query' },
    terminator: { key: 'has_more', location: 'body', value: false },
  });
  const t = scripted((_r, n) => response(200, { data: [{ n }], has_more: n < 2 }));
  assert.equal((await all(paginate(t.send, { method: 'GET', url: 'https://x/items?p=1' }, term))).length, 2);
  assert.equal(t.sent[1].url, 'https://x/items?p=2');
});

test('strategy selection: method config, then resource config, then Google default; HttpBody not paged', async () => {
  const custom = {
    pagination: {
      requestToken: { key: 'cursor', location: 'query' },
      responseToken: { key: 'meta.next', location: 'body' },
    },
  };
  const m = syntheticMethod({ config: custom });
  assert.deepEqual(selectPagination(m), {
    kind: 'token',
    request: { key: 'cursor', location: 'query' },
    response: { key: 'meta.next', location: 'body' },
  });
  assert.deepEqual(selectPagination(syntheticMethod(), { config: custom }), selectPagination(m));
  assert.deepEqual(selectPagination(syntheticMethod(), { config: undefined }), GOOGLE_TOKEN_PAGINATION);
  assert.deepEqual(selectPagination(await method('healthcare', 'series_series', 'retrieve_series')), {
    kind: 'none',
  });
  // nested response token path
  const { send } = scripted((_r, n) => response(200, { data: [n], meta: n < 2 ? { next: 'c2' } : {} }));
  assert.equal((await all(paginate(send, first, selectPagination(m)))).length, 2);
});

test('withQueryParam replaces an existing key without touching the rest', () => {
  assert.equal(
    withQueryParam('https://x/a?b=%20c&pageToken=old&d=1', 'pageToken', 'n/w'),
    'https://x/a?b=%20c&d=1&pageToken=n%2Fw',
  );
  assert.equal(withQueryParam('https://x/a', 'pageToken', 't'), 'https://x/a?pageToken=t');
});

test('cancellation between pages', async () => {
  const ac = new AbortController();
  const { send } = scripted(() => {
    ac.abort();
    return response(200, { nextPageToken: 'x' });
  });
  await assert.rejects(
    all(paginate(send, first, GOOGLE_TOKEN_PAGINATION, { signal: ac.signal })),
    (e: unknown) => isSkyqlError(e, 'CANCELLED'),
  );
});

test('the server end: pageSize / maxResults, opaque tokens, bad tokens', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  const limits = { defaultPageSize: 3, maxPageSize: 5 };
  const p1 = servePage(items, new URLSearchParams(), limits);
  assert.deepEqual(p1.page, [0, 1, 2]);
  const p2 = servePage(
    items,
    new URLSearchParams({ pageToken: p1.nextPageToken as string, maxResults: '10' }),
    limits,
  );
  assert.deepEqual(p2.page, [3, 4, 5, 6]);
  assert.equal(p2.nextPageToken, undefined);
  assert.deepEqual(
    servePage(items, new URLSearchParams({ pageSize: '7' }), limits).page.length,
    5,
    'clamped to the max',
  );
  assert.throws(
    () => servePage(items, new URLSearchParams({ pageToken: 'zz' }), limits),
    (e: unknown) => isSkyqlError(e, 'BAD_PARAMETER') && /Invalid page token/.test(e.message),
  );
  assert.throws(() => servePage(items, new URLSearchParams({ pageSize: '1.5' }), limits), /page size/);
});
