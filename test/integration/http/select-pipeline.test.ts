/**
 * The HTTP pieces together, as a SELECT uses them: build the request from a real catalog method,
 * send it through --endpoint to a scripted server, page to the end, extract rows.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { HttpResponse, SendRequest } from '../../../src/core/http/http-types.js';
import { paginate, selectPagination } from '../../../src/core/http/pagination.js';
import { buildRequest } from '../../../src/core/http/request-builder.js';
import { extractRows } from '../../../src/core/http/response-rows.js';
import {
  createTransport,
  httpErrorFromResponse,
  parseEndpointSpecs,
  type Transport,
} from '../../../src/core/http/transport.js';
import { method, resource } from '../../unit/core/http/fixture-methods.js';
import { bytes, json, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let srv: ScriptedServer;
let transport: Transport;
/** Calls for google, so its --endpoint applies. */
const send: SendRequest = (request, options) => transport(request, { ...options, provider: 'google' });
before(async () => {
  srv = await startScriptedServer();
  transport = createTransport({
    endpoints: parseEndpointSpecs([`google=${srv.base}`]),
    sleep: async () => {},
  });
});
after(async () => {
  await transport.close();
  await srv.close();
});

const vals = (o: Record<string, unknown>) => new Map(Object.entries(o));

test('storage buckets list: three pages through the endpoint, every row, truncation warned at pageLimit 2', async () => {
  const page = (names: string[], next?: string) =>
    json(200, {
      kind: 'storage#buckets',
      items: names.map((name) => ({ name, location: 'US' })),
      ...(next ? { nextPageToken: next } : {}),
    });
  srv.script(page(['a', 'b'], 'p2'), page(['c', 'd'], 'p3'), page(['e']));
  const r = await resource('storage', 'buckets');
  const m = await method('storage', 'buckets', 'list');
  const rows: Record<string, unknown>[] = [];
  const start = srv.seen.length;
  for await (const res of paginate(
    send,
    buildRequest(m, vals({ project: 'proj-1' })),
    selectPagination(m, r),
  ))
    rows.push(...extractRows(m, res));
  assert.deepEqual(
    rows.map((x) => x.name),
    ['a', 'b', 'c', 'd', 'e'],
  );
  assert.deepEqual(
    srv.seen.slice(start).map((s) => s.url),
    [
      '/storage.googleapis.com/storage/v1/b?project=proj-1',
      '/storage.googleapis.com/storage/v1/b?project=proj-1&pageToken=p2',
      '/storage.googleapis.com/storage/v1/b?project=proj-1&pageToken=p3',
    ],
  );
  srv.script(page(['a', 'b'], 'p2'), page(['c', 'd'], 'p3'), page(['e']));
  const cut: number[] = [];
  let n = 0;
  for await (const res of paginate(
    send,
    buildRequest(m, vals({ project: 'proj-1' })),
    selectPagination(m, r),
    { pageLimit: 2, onTruncate: (p) => cut.push(p) },
  ))
    n += extractRows(m, res).length;
  assert.equal(n, 4);
  assert.deepEqual(cut, [2]);
});

test('the seed query: DICOM series bytes come back as exact base64', async () => {
  const m = await method('healthcare', 'series_series', 'retrieve_series');
  const dicom = Buffer.concat([
    Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\n'),
    Buffer.from([0x00, 0xff, 0x00, 0x80, 0xfe, 0x44, 0x49, 0x43, 0x4d, 0xff]),
    Buffer.from('\r\n--b--'),
  ]);
  const ct = 'multipart/related; type="application/dicom"; boundary=b';
  srv.script(bytes(200, dicom, ct));
  const req = buildRequest(
    m,
    vals({
      projectsId: 'p',
      locationsId: 'l',
      datasetsId: 'd',
      dicomStoresId: 's',
      studiesId: 'st',
      seriesId: 'se',
    }),
  );
  const pages: HttpResponse[] = [];
  for await (const res of paginate(send, req, selectPagination(m))) pages.push(res);
  assert.equal(pages.length, 1);
  assert.equal(
    srv.seen.at(-1)?.url,
    '/healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb/studies/st/series/se',
  );
  assert.deepEqual(extractRows(m, pages[0]), [
    { contentType: ct, data: dicom.toString('base64'), extensions: null },
  ]);
});

test("compute aggregated list over zones, and a 404 get becomes an HTTP_ERROR with Google's message", async () => {
  const agg = await method('compute', 'instances', 'aggregated_list');
  srv.script(
    json(200, {
      items: {
        'zones/a': { instances: [{ name: 'i1' }] },
        'zones/b': { warning: { code: 'NO_RESULTS_ON_PAGE' } },
      },
      nextPageToken: 'n2',
    }),
    json(200, { items: { 'zones/c': { instances: [{ name: 'i2' }, { name: 'i3' }] } } }),
  );
  const names: unknown[] = [];
  for await (const res of paginate(send, buildRequest(agg, vals({ project: 'p' })), selectPagination(agg)))
    names.push(...extractRows(agg, res).map((r) => r.name));
  assert.deepEqual(names, ['i1', 'i2', 'i3']);

  const get = await method('compute', 'instances', 'get');
  srv.script(
    json(404, {
      error: {
        code: 404,
        message: "The resource 'projects/p/zones/z/instances/nope' was not found",
        status: 'NOT_FOUND',
      },
    }),
  );
  const res = await send(buildRequest(get, vals({ project: 'p', zone: 'z', instance: 'nope' })));
  const err = httpErrorFromResponse(res, {
    verb: 'select',
    resourceFqn: get.resourceFqn,
    methodName: get.name,
  });
  assert.ok(isSkyqlError(err, 'HTTP_ERROR'));
  assert.equal(
    err.message,
    "google.compute.instances.get: HTTP 404 NOT_FOUND: The resource 'projects/p/zones/z/instances/nope' was not found",
  );
});
