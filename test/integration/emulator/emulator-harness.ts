import { after } from 'node:test';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../../../src/tools/emulator/server/emulator-server.js';
import type { SeedDocument } from '../../../src/tools/emulator/state/state-file.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../support/paths.js';

/** A decoded emulator response. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read emulator JSON ad hoc and assert each shape they use
  readonly json: any;
}

/** Options of one call. */
export interface CallInit {
  readonly body?: unknown;
  /** Sent as is (malformed JSON, binary). */
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Bearer token to send; null sends none. Default: the harness token. */
  readonly token?: string | null;
}

/** An emulator started for one test file, with a token and a fetch helper. */
export interface EmulatorHarness {
  readonly emu: RunningEmulator;
  readonly token: string;
  /** Calls a Google URL (`https://compute.googleapis.com/...`) through the emulator. */
  call(method: string, googleUrl: string, init?: CallInit): Promise<ApiResponse>;
  /** GETs an emulator-relative URL (`/_emulator/log`) or an absolute emulator URL. */
  raw(method: string, url: string, init?: CallInit): Promise<ApiResponse>;
}

/** A seed that declares projects (Resource Manager projects): the emulator answers only for those it knows. */
export function projectsSeed(...ids: string[]): SeedDocument {
  const projects = Object.fromEntries(ids.map((id) => [id, { projectId: id, state: 'ACTIVE' }]));
  return { resources: { 'cloudresourcemanager.googleapis.com': { projects } } };
}

/**
 * Starts an emulator on a random loopback port over the fixture provider (closed after the file),
 * knowing the given projects.
 */
export async function startTestEmulator(
  options: Partial<EmulatorOptions> & { projects?: readonly string[] } = {},
): Promise<EmulatorHarness> {
  const { projects = [], ...rest } = options;
  const seeds = rest.seed === undefined ? [] : Array.isArray(rest.seed) ? rest.seed : [rest.seed];
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    ...rest,
    seed: projects.length > 0 ? [projectsSeed(...projects), ...seeds] : rest.seed,
  });
  after(() => emu.close());
  const token = emu.issueToken('tester@example.com');
  const send = async (method: string, url: string, init: CallInit = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    const bearer = init.token === undefined ? token : init.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    let body: string | Buffer | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const r = await fetch(url, { method, headers, body });
    const buf = Buffer.from(await r.arrayBuffer());
    const text = buf.toString('utf8');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, body: buf, text, json };
  };
  return {
    emu,
    token,
    call: (method, googleUrl, init) => send(method, emu.endpoint(googleUrl), init),
    raw: (method, url, init) => send(method, url.startsWith('http') ? url : `${emu.url}${url}`, init),
  };
}

/** Asserts a Google-shaped error and returns it. */
export function googleError(
  r: ApiResponse,
  code: number,
  status: string,
): { code: number; message: string; status: string } {
  const e = r.json?.error;
  if (
    r.status !== code ||
    !e ||
    e.code !== code ||
    e.status !== status ||
    typeof e.message !== 'string' ||
    !Array.isArray(e.errors)
  ) {
    throw new Error(`expected ${code} ${status}, got ${r.status}: ${r.text.slice(0, 500)}`);
  }
  return e;
}

/** Polls a compute operation (its selfLink) until DONE; returns the polled states too. */
export async function pollComputeOperation(
  h: EmulatorHarness,
  op: { selfLink: string; status: string },
): Promise<{ final: ApiResponse['json']; states: string[] }> {
  const states = [op.status];
  let cur: ApiResponse['json'] = op;
  for (let i = 0; i < 20 && cur.status !== 'DONE'; i++) {
    const r = await h.call('GET', cur.selfLink);
    if (r.status !== 200) throw new Error(`poll ${cur.selfLink}: ${r.status} ${r.text}`);
    cur = r.json;
    states.push(cur.status);
  }
  return { final: cur, states };
}

/** Polls an AIP-151 operation (`GET <service>/v1/<name>`) until done. */
export async function pollLongRunning(
  h: EmulatorHarness,
  serviceBase: string,
  op: { name: string; done?: boolean },
): Promise<{ final: ApiResponse['json']; polls: number }> {
  let cur: ApiResponse['json'] = op;
  let polls = 0;
  for (; polls < 20 && cur.done !== true; polls++) {
    const r = await h.call('GET', `${serviceBase}/${cur.name}`);
    if (r.status !== 200) throw new Error(`poll ${cur.name}: ${r.status} ${r.text}`);
    cur = r.json;
  }
  return { final: cur, polls };
}

/** Follows nextPageToken through a list; returns every page. */
export async function listAllPages(
  h: EmulatorHarness,
  url: string,
  key: string,
): Promise<{ pages: ApiResponse['json'][]; items: ApiResponse['json'][] }> {
  const pages: ApiResponse['json'][] = [];
  const items: ApiResponse['json'][] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const r = await h.call('GET', token ? `${url}${sep}pageToken=${encodeURIComponent(token)}` : url);
    if (r.status !== 200) throw new Error(`list ${url}: ${r.status} ${r.text}`);
    pages.push(r.json);
    if (Array.isArray(r.json[key])) items.push(...r.json[key]);
    token = r.json.nextPageToken;
    if (!token) break;
  }
  return { pages, items };
}
