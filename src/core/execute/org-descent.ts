import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { descentKind } from '../catalog/builtin/builtin-provider.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';
import { throwIfCancelled } from './abortable.js';
import { type DescentMethods, descentRoot, showDeletedOf } from './descent-methods.js';
import { mapConcurrent } from './map-concurrent.js';
import {
  type ApiRow,
  collectRows,
  type FetchExtras,
  type PageSink,
  type RowSource,
  streamRows,
} from './row-source.js';

/** How a descent runs; the statement's fan-out settings. */
export interface DescentOptions {
  /** Resolves the Resource Manager list methods (google.cloudresourcemanager), once per source. */
  readonly methods: () => Promise<DescentMethods>;
  /** Calls in flight at once within one level (`--execution.concurrency.limit`; <= 0 unbounded). */
  readonly concurrency: number;
  /** Skip a folder whose calls fail (reported through `skip`) instead of failing the statement. */
  readonly keepGoing: boolean;
  /** Told of each skipped call under keepGoing, with the branch it was (fetch-step reports alike). */
  readonly skip: (error: SkyqlError, resource: string, parent: string) => void;
  /** Told how a level's calls progress (done of total), for a terminal display. */
  readonly progress?: (task: string, done: number, total: number) => void;
}

/** A container whose children are listed: root, or a folder found below it. */
interface Container {
  readonly name: string;
  /** Its own depth below root (root: 0). */
  readonly depth: number;
  /** Resource names from root down to it, joined by '/'. */
  readonly chain: string;
}

type ListKind = 'folders' | 'projects';

/**
 * A RowSource decorator that answers `skyql.org.projects` / `skyql.org.folders` by walking the
 * hierarchy breadth-first: per level, `folders.list` (and for projects `projects.list`) of every
 * container at that level through the inner source — so auth, endpoints, retries, pagination and
 * the response cache apply to each call — and the next level is the folders just found. Rows carry
 * Resource Manager's fields plus `depth` and `path`. Every other method passes through.
 */
export class OrgDescentRowSource implements RowSource {
  private methods: Promise<DescentMethods> | undefined;

  constructor(
    private readonly inner: RowSource,
    private readonly options: DescentOptions,
  ) {}

  fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<ApiRow[]> {
    if (!descentKind(method)) return this.inner.fetch(method, params, signal, extras);
    return collectRows((sink) => this.stream(method, params, sink, signal, extras));
  }

  /** Other methods stream through; a descent hands over each level's rows once the level is listed. */
  stream(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<void> {
    const kind = descentKind(method);
    if (!kind) return streamRows(this.inner, method, params, sink, signal, extras);
    return this.descend(kind, method, params, sink, signal, extras);
  }

  private async descend(
    kind: ListKind,
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal: AbortSignal | undefined,
    extras: FetchExtras | undefined,
  ): Promise<void> {
    const root = descentRoot(params.get('root'));
    const showDeleted = showDeletedOf(params.get('showDeleted'));
    this.methods ??= this.options.methods();
    const lists = await this.methods.catch((err) => {
      this.methods = undefined;
      throw err;
    });
    const keep = (row: ApiRow) => showDeleted || row.state === undefined || row.state === 'ACTIVE';
    let level: Container[] = [{ name: root, depth: 0, chain: root }];
    while (level.length > 0) {
      const calls = level.flatMap((c) =>
        kind === 'projects' ? [[c, 'folders'] as const, [c, 'projects'] as const] : [[c, 'folders'] as const],
      );
      const task = `${method.resourceFqn}: level ${level[0].depth + 1} calls`;
      let done = 0;
      const results = await mapConcurrent(
        calls,
        this.options.concurrency,
        async ([c, list]) => {
          const call = new Map<string, Literal>([['parent', c.name]]);
          if (showDeleted) call.set('showDeleted', true);
          try {
            // a level's call ending is not the descent's: its place is kept to the end
            const rows = await this.inner.fetch(lists[list], call, signal, withoutRelease(extras));
            this.options.progress?.(task, ++done, calls.length);
            return rows;
          } catch (err) {
            const e = toSkyqlError(err);
            throw new SkyqlError(e.code, `${e.message} (descending below ${c.name}: ${list}.list)`, {
              hint: e.hint ?? 'with --execution.keepGoing the descent skips what it may not list',
              cause: err,
            });
          }
        },
        this.options.keepGoing,
      );
      throwIfCancelled(signal); // a cancel is not a skipped folder
      const next: Container[] = [];
      const out: ApiRow[] = [];
      results.forEach((result, i) => {
        const [c, list] = calls[i];
        if (result instanceof Error) {
          this.options.skip(toSkyqlError(result), `google.cloudresourcemanager.${list}`, c.name);
          return;
        }
        for (const row of result) {
          if (!keep(row)) continue;
          const depth = c.depth + 1;
          if (list === 'folders' && typeof row.name === 'string')
            next.push({ name: row.name, depth, chain: `${c.chain}/${row.name}` });
          if (list === kind) out.push({ ...row, depth, path: c.chain });
        }
      });
      await sink(out);
      level = next;
    }
  }
}

function withoutRelease(extras: FetchExtras | undefined): FetchExtras | undefined {
  if (!extras?.onLastResponse) return extras;
  const { onLastResponse: _, ...rest } = extras;
  return rest;
}
