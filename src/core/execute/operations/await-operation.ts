import { SkyqlError, toSkyqlError } from '../../../base/errors/skyql-error.js';
import type { JsonObject } from '../../catalog/model/catalog-types.js';
import { httpErrorFromResponse } from '../../http/http-error.js';
import type { HttpResponse } from '../../http/http-types.js';
import { parseJsonBody } from '../../http/json-body.js';
import { operationState, type TrackedOperation } from './operation-style.js';

/** How AWAIT polls (`--await.*` flags). */
export interface AwaitSettings {
  /** Total time to wait for one operation; 0 = no limit. */
  readonly timeoutMs: number;
  /** Wait before the first poll. */
  readonly initialDelayMs: number;
  /** Cap of the wait between polls (it grows by `factor` after each poll). */
  readonly maxDelayMs: number;
  /** Growth of the wait per poll (default 1.5). */
  readonly factor?: number;
}

/** Defaults: first poll after 1 s, growing 1.5x to at most 10 s (StackQL's fixed interval), 1 h in all. */
export const DEFAULT_AWAIT: AwaitSettings = {
  timeoutMs: 3_600_000,
  initialDelayMs: 1000,
  maxDelayMs: 10_000,
};

/** What polling needs from the outside. */
export interface AwaitContext {
  /** GETs a URL with the provider's credentials. */
  readonly get: (url: string, signal?: AbortSignal) => Promise<HttpResponse>;
  readonly settings: AwaitSettings;
  /** Receives the progress lines (`compute#operation: insert in progress, 3 seconds elapsed`). */
  readonly progress?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Injectable clock and sleep (tests). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function stillRunning(op: TrackedOperation): string {
  const target = typeof op.body.targetLink === 'string' ? ` of ${op.body.targetLink}` : '';
  const name = op.style === 'compute' ? `${op.body.name ?? op.pollUrl}` : op.label;
  return `operation ${name} (${op.type}${target}) is still running`;
}

function interrupted(op: TrackedOperation, cause: unknown): SkyqlError {
  return new SkyqlError('CANCELLED', `stopped waiting: ${stillRunning(op)}`, {
    hint: `it goes on without skyql; its state is at ${op.pollUrl}`,
    cause,
  });
}

/**
 * Polls `op` until it is done (first poll after `initialDelayMs`, then waits growing by `factor` up
 * to `maxDelayMs`), reporting progress before each poll and `complete` at the end. Returns the
 * finished operation. Fails with OPERATION_FAILED carrying the operation's error, OPERATION_TIMEOUT
 * after `timeoutMs`, or CANCELLED (naming the operation still running) when `signal` aborts.
 */
export async function awaitOperation(op: TrackedOperation, ctx: AwaitContext): Promise<JsonObject> {
  const now = ctx.now ?? Date.now;
  const sleep =
    ctx.sleep ??
    ((ms: number, signal?: AbortSignal) =>
      process.getBuiltinModule('node:timers/promises').setTimeout(ms, undefined, { signal }));
  const { timeoutMs, initialDelayMs, maxDelayMs, factor = 1.5 } = ctx.settings;
  const started = now();
  let body = op.body;
  let wait = initialDelayMs;
  let state = operationState(op, body);
  while (!state.done) {
    const elapsed = now() - started;
    if (timeoutMs > 0 && elapsed >= timeoutMs)
      throw new SkyqlError(
        'OPERATION_TIMEOUT',
        `gave up waiting after ${Math.round(elapsed / 1000)} seconds (--await.timeout): ${stillRunning(op)}`,
        { hint: `its state is at ${op.pollUrl}` },
      );
    let res: HttpResponse;
    try {
      await sleep(timeoutMs > 0 ? Math.min(wait, timeoutMs - elapsed) : wait, ctx.signal);
      ctx.progress?.(
        `${op.label}: ${op.type} in progress, ${Math.round((now() - started) / 1000)} seconds elapsed`,
      );
      res = await ctx.get(op.pollUrl, ctx.signal);
    } catch (err) {
      if (ctx.signal?.aborted) throw interrupted(op, err);
      throw toSkyqlError(err);
    }
    if (res.status >= 300) throw httpErrorFromResponse(res, { verb: `poll of ${op.label}` });
    body = parseJsonBody(res) as JsonObject;
    state = operationState(op, body);
    wait = Math.min(wait * factor, maxDelayMs);
  }
  if (state.error)
    throw new SkyqlError('OPERATION_FAILED', `${op.label}: ${op.type} failed: ${state.error}`, {
      hint: `the request was accepted but the operation ended in error; see ${op.pollUrl}`,
    });
  ctx.progress?.(`${op.label}: ${op.type} complete`);
  return body;
}
