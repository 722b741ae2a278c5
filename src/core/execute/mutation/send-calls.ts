import { SkyqlError, toSkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject, Method } from '../../catalog/model/catalog-types.js';
import { splitResourceFqn } from '../../catalog/resource-info.js';
import { httpErrorFromResponse } from '../../http/http-error.js';
import type { HttpRequest, HttpResponse } from '../../http/http-types.js';
import { isBlankBody, parseJsonBody } from '../../http/json-body.js';
import { buildRequest, wireText } from '../../http/request-builder.js';
import { extractRows } from '../../http/response-rows.js';
import type { CallValues } from '../../plan/plan-mutation.js';
import { mapConcurrent } from '../map-concurrent.js';
import { awaitOperation } from '../operations/await-operation.js';
import { type TrackedOperation, trackOperation } from '../operations/operation-style.js';
import type { MutationEnv, ProviderSend } from './mutation-env.js';
import type { ReturnedRow } from './returning-result.js';

/** One API call of a mutation: parameter values and, for EXEC `@@json`, the whole body. */
export interface CallSpec {
  readonly values: CallValues;
  readonly body?: unknown;
}

/** How the calls of one statement are made. */
export interface SendOptions {
  /** SQL verb for error messages (`insert`, `delete`, `exec`…). */
  readonly verb: string;
  /** `/*+ AWAIT *\/`: wait for the operations the calls start. */
  readonly await: boolean;
  /** Print progress lines while waiting (false with `/*+ NOSTATUS *\/`). */
  readonly status: boolean;
  /** Keep what the calls return (RETURNING, SHOWRESULTS). */
  readonly collect: boolean;
  /** INSERT IGNORE: a 409 (already exists) is skipped with a message. */
  readonly ignoreExisting?: boolean;
}

/** What the calls gave: the requests of a dry run (nothing sent), or the returned rows. */
export type SendOutcome =
  | { readonly dryRun: true; readonly requests: readonly HttpRequest[] }
  | { readonly dryRun: false; readonly rows: readonly ReturnedRow[]; readonly applied: number };

interface CallResult {
  readonly rows: ReturnedRow[];
  /** False for a call INSERT IGNORE skipped (the resource existed). */
  readonly applied: boolean;
  /** An operation was awaited with progress lines (its `complete` line said it finished). */
  readonly reported: boolean;
}

function jsonOf(res: HttpResponse): unknown {
  if (isBlankBody(res)) return undefined;
  try {
    return parseJsonBody(res);
  } catch {
    return undefined;
  }
}

function withoutType(v: unknown): ReturnedRow[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  const { '@type': _t, ...rest } = v as JsonObject;
  return [rest];
}

/** The finished resource of an awaited operation: the targetLink (Compute) or `response` (AIP-151). */
async function finishedRows(
  send: ProviderSend,
  provider: string,
  op: TrackedOperation,
  final: JsonObject,
  signal: AbortSignal | undefined,
): Promise<ReturnedRow[]> {
  if (op.style === 'aip') return final.response !== undefined ? withoutType(final.response) : [final];
  const link = final.targetLink;
  if (typeof link !== 'string') return [final];
  const res = await send(provider, { method: 'GET', url: link }, signal);
  if (res.status === 404) return [final];
  if (res.status >= 300) throw httpErrorFromResponse(res, { verb: `get of ${link}` });
  return withoutType(jsonOf(res));
}

function describeCall(method: Method, values: CallValues): string {
  const body = new Set(method.params.filter((p) => p.location === 'body').map((p) => p.name));
  return [...values]
    .filter(([k, v]) => !body.has(k) && v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${wireText(v)}`)
    .join(', ');
}

/**
 * Builds every request first (so a missing parameter fails before anything is sent), then — unless
 * this is a dry run — sends them `env.concurrency` at a time, fails on HTTP errors with Google's
 * status and message, awaits operations when asked, and reports as StackQL does on stderr
 * (`The operation was despatched successfully` / progress lines / `The operation completed
 * successfully`). All calls are attempted; a failure is reported with which call failed.
 */
export async function sendCalls(
  env: MutationEnv,
  method: Method,
  calls: readonly CallSpec[],
  options: SendOptions,
): Promise<SendOutcome> {
  const requests = calls.map((c) =>
    buildRequest(method, c.values, c.body === undefined ? {} : { body: c.body }),
  );
  if (env.dryRun) return { dryRun: true, requests };
  const send = env.send;
  if (!send)
    throw new SkyqlError(
      'UNSUPPORTED_STATEMENT',
      `cannot call ${method.resourceFqn}.${method.name}: API access is not configured in this session`,
    );
  const { provider } = splitResourceFqn(method.resourceFqn);
  const context = { verb: options.verb, resourceFqn: method.resourceFqn, methodName: method.name };
  const one = async (request: HttpRequest): Promise<CallResult> => {
    if (env.signal?.aborted)
      throw new SkyqlError('CANCELLED', 'statement cancelled before this call was sent');
    const res = await send(provider, request, env.signal);
    if (res.status === 409 && options.ignoreExisting) {
      env.reporter.message(`${method.resourceFqn}: already exists, skipped (INSERT IGNORE)`);
      return { rows: [], reported: false, applied: false };
    }
    if (res.status >= 300) throw httpErrorFromResponse(res, context);
    const op = options.await ? trackOperation(method, jsonOf(res)) : undefined;
    if (!op)
      return {
        rows: options.collect ? extractRows(method, res, { mutation: true }) : [],
        reported: false,
        applied: true,
      };
    const final = await awaitOperation(op, {
      get: (url, signal) => send(provider, { method: 'GET', url }, signal),
      settings: env.await,
      progress: options.status ? (line) => env.reporter.message(line) : undefined,
      signal: env.signal,
    });
    const rows = options.collect ? await finishedRows(send, provider, op, final, env.signal) : [];
    return { rows, reported: options.status, applied: true };
  };
  const results = await mapConcurrent(requests, env.concurrency, one, true);
  const failed = results.findIndex((r) => r instanceof Error);
  if (failed >= 0) {
    const e = toSkyqlError(results[failed]);
    if (calls.length === 1) throw e;
    const ok = results.filter((r) => !(r instanceof Error)).length;
    const where = ` (call ${failed + 1} of ${calls.length}, with ${describeCall(method, calls[failed].values)}; ${ok} other call${ok === 1 ? '' : 's'} succeeded)`;
    throw new SkyqlError(e.code, `${e.message}${where}`, { hint: e.hint, cause: e });
  }
  const done = results as CallResult[];
  if (!options.await) env.reporter.message('The operation was despatched successfully');
  else if (done.some((r) => !r.reported)) env.reporter.message('The operation completed successfully');
  return { dryRun: false, rows: done.flatMap((r) => r.rows), applied: done.filter((r) => r.applied).length };
}
