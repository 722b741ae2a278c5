import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { toSkyqlError } from '../../base/errors/skyql-error.js';
import type { Reporter } from '../../base/util/reporter.js';
import type { ServiceSummary } from '../../core/catalog/model/catalog-types.js';
import { type ProviderHandle, ServiceHandle } from '../../core/catalog/service-catalog.js';
import { safeFileName } from './docs-target.js';
import { providerIndexPage } from './provider-index.js';
import { resourcePage } from './resource-page.js';
import { serviceIndexPage } from './service-index.js';

/**
 * Where pages go: `flat` writes `<out>/<service>/<resource>.md`, `nested` (StackQL's docs site
 * layout) `<out>/<service>/<resource>/index.md`. Both write `<out>/<service>/index.md` per service
 * and, for a whole provider, `<out>/index.md`.
 */
export type DocsLayout = 'flat' | 'nested';

/** Settings for {@link writeDocs}. */
export interface WriteDocsOptions {
  readonly outDir: string;
  readonly layout: DocsLayout;
  readonly reporter: Reporter;
  /** Only this service (no provider index is written). */
  readonly service?: string;
  readonly includeNonPreferred?: boolean;
}

/** What {@link writeDocs} did. */
export interface WriteDocsSummary {
  readonly pages: number;
  readonly services: number;
  /** Resources whose page could not be built, with the reason. */
  readonly failures: ReadonlyArray<{ readonly fqn: string; readonly message: string }>;
}

/** The path of a resource page under `outDir`. */
export function resourcePagePath(
  outDir: string,
  service: string,
  resource: string,
  layout: DocsLayout,
): string {
  const dir = join(outDir, safeFileName(service));
  return layout === 'flat'
    ? join(dir, `${safeFileName(resource)}.md`)
    : join(dir, safeFileName(resource), 'index.md');
}

/** Pages being written and what went wrong so far. */
interface WriteState {
  readonly pending: Array<Promise<void>>;
  readonly failures: Array<{ fqn: string; message: string }>;
}

/**
 * Starts writing a page (its folder is created first, synchronously) and queues the write, so the
 * disk works while the next service is parsed and rendered. A failed write is recorded, not thrown.
 */
function writePage(path: string, text: string, state: WriteState): void {
  mkdirSync(join(path, '..'), { recursive: true });
  state.pending.push(
    writeFile(path, text).catch((err: Error) => {
      state.failures.push({ fqn: path, message: `cannot write ${path}: ${err.message}` });
    }),
  );
}

/**
 * Writes the pages of one service: one per resource plus its index. A fresh ServiceHandle is used
 * so the (large) document can be collected once the service is done.
 */
function writeService(
  provider: ProviderHandle,
  summary: ServiceSummary,
  opts: WriteDocsOptions,
  state: WriteState,
): number {
  const handle = new ServiceHandle(provider.name, summary, provider.documents);
  const written: string[] = [];
  for (const name of handle.resourceNames()) {
    try {
      writePage(
        resourcePagePath(opts.outDir, summary.name, name, opts.layout),
        resourcePage(handle.resource(name)),
        state,
      );
      written.push(name);
    } catch (err) {
      state.failures.push({
        fqn: `${provider.name}.${summary.name}.${name}`,
        message: toSkyqlError(err).message,
      });
    }
  }
  writePage(
    join(opts.outDir, safeFileName(summary.name), 'index.md'),
    serviceIndexPage(provider.name, summary.name, written),
    state,
  );
  return written.length;
}

/**
 * Writes the documentation of a provider (or of one of its services) under `opts.outDir`, reporting
 * progress per service. Resources whose page fails are skipped and listed in the summary.
 */
export async function writeDocs(provider: ProviderHandle, opts: WriteDocsOptions): Promise<WriteDocsSummary> {
  const summaries =
    opts.service !== undefined
      ? [provider.service(opts.service).summary]
      : provider.services(opts.includeNonPreferred);
  const state: WriteState = { pending: [], failures: [] };
  const task = `writing ${provider.name} docs`;
  let pages = 0;
  for (const [i, summary] of summaries.entries()) {
    opts.reporter.progress(`${task}: ${summary.name}`, i, summaries.length, 'items');
    pages += writeService(provider, summary, opts, state);
    // let finished writes settle and the progress line repaint between services
    await new Promise<void>((done) => setImmediate(done));
  }
  opts.reporter.progressDone(task);
  if (opts.service === undefined) {
    const services = summaries.map((s) => s.name);
    const index = providerIndexPage({
      provider: provider.name,
      version: provider.version,
      services,
      resourceCount: pages,
    });
    writePage(join(opts.outDir, 'index.md'), index, state);
  }
  await Promise.all(state.pending);
  return { pages, services: summaries.length, failures: state.failures };
}

/**
 * Where `--out` puts a single page: into the folder `out` as `<resource>.md` when `out` is an
 * existing folder or ends with a path separator, else the file `out` itself.
 */
export function singlePagePath(out: string, resource: string): string {
  let isDir = out.endsWith('/') || out.endsWith(sep);
  try {
    isDir ||= statSync(out).isDirectory();
  } catch {
    // does not exist yet: a file
  }
  return isDir ? join(out, `${safeFileName(resource)}.md`) : out;
}

/** Writes one page to {@link singlePagePath}, creating its folder; returns the path written. */
export function writeSinglePage(out: string, resource: string, text: string): string {
  const path = singlePagePath(out, resource);
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The closing line of a multi-page run: counts, provider version, folder, time, failures. */
export function summaryLine(
  summary: WriteDocsSummary,
  provider: ProviderHandle,
  outDir: string,
  ms: number,
): string {
  const failed = summary.failures.length > 0 ? `; ${summary.failures.length} resources failed` : '';
  return `wrote ${summary.pages} page${summary.pages === 1 ? '' : 's'} for ${summary.services} service${summary.services === 1 ? '' : 's'} of ${provider.name} ${provider.version} to ${outDir} in ${(ms / 1000).toFixed(1)} s${failed}`;
}
