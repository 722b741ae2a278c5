import type { AuthConfig } from '../../base/config/auth-config.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Method } from '../catalog/model/catalog-types.js';
import { splitResourceFqn } from '../catalog/resource-info.js';
import { httpErrorFromResponse } from '../http/http-error.js';
import type { SendRequest } from '../http/http-types.js';
import { paginate, selectPagination } from '../http/pagination.js';
import { buildRequest } from '../http/request-builder.js';
import { extractRows } from '../http/response-rows.js';
import type { Literal } from '../sql/select/select-model.js';
import { ProviderSender } from './provider-sender.js';
import { type ApiRow, collectRows, type FetchExtras, type PageSink, type RowSource } from './row-source.js';

/** One turn of the event loop, so a request just started is written to its socket. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Settings of {@link HttpRowSource}. */
export interface HttpRowSourceOptions {
  readonly catalog: Catalog;
  /** The transport (retries, timeouts, endpoint rewriting, logging). */
  readonly send: SendRequest;
  readonly auth: AuthConfig;
  /** Pages per call at most; 0 = all pages. */
  readonly pageLimit: number;
  readonly warn: (message: string) => void;
  /** Environment for credential lookup (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Shares authenticators (and so tokens) with mutations; built from the fields above when absent. */
  readonly sender?: ProviderSender;
}

/**
 * Rows from the real API: builds the request, authorises every page with the provider's
 * credentials, follows pagination to the end (or the page limit, with a warning), fails on HTTP
 * errors with Google's status and message, and extracts rows per the method's response spec.
 */
export class HttpRowSource implements RowSource {
  private readonly options: HttpRowSourceOptions;
  private readonly sender: ProviderSender;

  constructor(options: HttpRowSourceOptions) {
    this.options = options;
    this.sender = options.sender ?? new ProviderSender(options);
  }

  fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras: FetchExtras = {},
  ): Promise<ApiRow[]> {
    return collectRows((sink) => this.stream(method, params, sink, signal, extras));
  }

  /**
   * Pages into `sink` as they come. The next page's request goes out before `sink` takes the
   * current one, so converting and storing a page overlaps the network wait for the next.
   */
  async stream(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal?: AbortSignal,
    extras: FetchExtras = {},
  ): Promise<void> {
    const { provider, service, resource: resourceName } = splitResourceFqn(method.resourceFqn);
    const resource = await this.options.catalog.resource(provider, service, resourceName);
    const send: SendRequest = await this.sender.forProvider(provider, signal);
    const first = buildRequest(method, params, extras.body === undefined ? {} : { body: extras.body });
    const strategy = selectPagination(method, resource);
    const pages = paginate(send, first, strategy, {
      pageLimit: this.options.pageLimit,
      signal,
      onTruncate: (n) =>
        this.options.warn(
          `warning: ${method.resourceFqn}.${method.name} stopped after ${n} pages (--http.response.pageLimit); more rows exist`,
        ),
      onRepeatedToken: (_t, n) =>
        this.options.warn(
          `warning: ${method.resourceFqn}.${method.name} returned a page token twice after ${n} pages; stopped`,
        ),
    });
    // handled at once: a next page may fail while the sink still works on this one
    let last = false;
    const ahead = () => {
      const p = pages.next();
      p.then(
        (step) => {
          last = step.done === true;
        },
        () => {},
      );
      return p;
    };
    let next = ahead();
    try {
      for (;;) {
        const step = await next;
        if (step.done) return;
        const page = step.value;
        if (page.status >= 300)
          throw httpErrorFromResponse(page, {
            verb: 'select',
            resourceFqn: method.resourceFqn,
            methodName: method.name,
          });
        next = ahead(); // reads the token (parsing the body, once) and sends the next request
        await yieldToIo(); // …onto the wire before the rows are converted and stored
        if (last && extras.onLastResponse) {
          // no page follows (the pager ended without a request): the fan-out's next call goes
          // out before this page's rows are converted and stored
          extras.onLastResponse();
          await yieldToIo();
        }
        await sink(extractRows(method, page, { doc: resource.doc }));
      }
    } catch (err) {
      // stop the page loop; a request already sent settles on its own and is ignored
      pages.return(undefined).catch(() => {});
      throw err;
    }
  }
}
