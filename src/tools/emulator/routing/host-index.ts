import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSummary } from '../../../core/catalog/model/catalog-types.js';
import { readServers } from '../../../core/catalog/openapi/method-params.js';
import { type ProviderHandle, ServiceHandle } from '../../../core/catalog/service-catalog.js';
import { splitServerUrl } from './route-compiler.js';

const HEAD = 64 * 1024;
const TAIL = 16 * 1024;

function readSlice(fd: number, start: number, length: number): string {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, start);
  return buf.toString('utf8', 0, n);
}

/** Server URLs of a top-level `servers:` block in YAML text, if the text holds one. */
export function serversInYamlText(text: string): string[] | undefined {
  const m = /(?:^|\n)servers:[ \t]*\n((?:[ \t]+[^\n]*(?:\n|$))+)/.exec(text);
  if (!m) return undefined;
  const urls = [...m[1].matchAll(/url:[ \t]*['"]?([^'"\s]+)/g)].map((u) => u[1]);
  return urls.length ? urls : undefined;
}

/**
 * The hosts a service document serves, read from the YAML text without parsing the document: its
 * top-level `servers:` block sits near the start (current documents) or at the end (v1.0.4), so the
 * first 64 KB and last 16 KB are enough. Undefined when neither holds it.
 */
function scanServiceHosts(yamlPath: string): ServerLocation[] | undefined {
  let fd: number;
  try {
    fd = openSync(yamlPath, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    let urls = serversInYamlText(readSlice(fd, 0, Math.min(size, HEAD)));
    if (!urls && size > HEAD)
      urls = serversInYamlText(readSlice(fd, Math.max(HEAD, size - TAIL), Math.min(TAIL, size)));
    return urls?.map(splitServerUrl).filter((s): s is ServerLocation => s !== undefined);
  } finally {
    closeSync(fd);
  }
}

/** Host and base path of a server URL. */
export interface ServerLocation {
  readonly host: string;
  readonly basePath: string;
}

/** A service of the provider with the servers it is served from. */
export interface ServiceHosts {
  readonly summary: ServiceSummary;
  /** The documents its resources read (one, or in the older layout those its register names). */
  readonly documents: readonly string[];
  readonly servers: readonly ServerLocation[];
}

/** The servers of one document: its `servers:` lines, else the parsed document's. */
function documentServers(handle: ServiceHandle, docRoot: string, ref: string): ServerLocation[] {
  const scanned = scanServiceHosts(join(docRoot, ref));
  if (scanned && scanned.length > 0) return scanned;
  try {
    return readServers(handle.documentAt(ref).servers)
      .map((s) => splitServerUrl(s.url))
      .filter((s): s is ServerLocation => s !== undefined);
  } catch {
    return []; // an absent or unreadable document only loses its own routes
  }
}

/**
 * Indexes by installed version folder (its inode and mtime change when a pull replaces it): every
 * emulator a process starts (the tests start dozens) scanned the same documents again.
 */
const indexes = new Map<string, { readonly stamp: string; readonly hosts: readonly ServiceHosts[] }>();

/**
 * Maps every service of a provider to its servers. Reads only the `servers:` lines of each
 * document; a document whose servers cannot be found that way is loaded through the catalog.
 * A service whose resources live in a register (older layout) reads the register to find them.
 * Scanned once per process and installed version.
 */
export function indexServiceHosts(provider: ProviderHandle): readonly ServiceHosts[] {
  let stamp: string | undefined;
  try {
    const st = statSync(provider.install.dir);
    stamp = `${provider.name}:${st.ino}:${st.mtimeMs}`;
  } catch {
    // not a folder of its own: scanned every time
  }
  const held = indexes.get(provider.install.dir);
  if (held && held.stamp === stamp) return held.hosts;
  const hosts = scanProvider(provider);
  if (stamp) indexes.set(provider.install.dir, { stamp, hosts });
  return hosts;
}

function scanProvider(provider: ProviderHandle): ServiceHosts[] {
  const out: ServiceHosts[] = [];
  for (const summary of provider.services(true)) {
    const handle = new ServiceHandle(provider.name, summary, provider.documents);
    let documents: string[];
    try {
      documents = handle.documentRefs();
    } catch {
      documents = [];
    }
    const servers = documents.flatMap((ref) => documentServers(handle, provider.install.docRoot, ref));
    out.push({ summary, documents, servers });
  }
  return out;
}
