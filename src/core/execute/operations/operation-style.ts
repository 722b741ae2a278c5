/**
 * Recognising long-running operations in mutation responses, in Google's two styles:
 * Compute-style (`kind: compute#operation`, `selfLink`, `status`, `targetLink`, `error.errors[]`)
 * and AIP-151 `google.longrunning.Operation` (`name`, `done`, `error`, `response`).
 */

import type { JsonObject, Method } from '../../catalog/model/catalog-types.js';

/** An operation a mutation started, to be polled until done. */
export interface TrackedOperation {
  readonly style: 'compute' | 'aip';
  /** URL polled with GET (compute `selfLink`; `<service>/<version>/<name>` for AIP-151). */
  readonly pollUrl: string;
  /** For messages: `compute#operation`, or the AIP operation's name. */
  readonly label: string;
  /** What it does: `insert`, `delete`, `create`… */
  readonly type: string;
  /** The response that started it. */
  readonly body: JsonObject;
}

/** An operation's state in one poll. */
export interface OperationState {
  readonly done: boolean;
  /** Set when it finished with an error: Google's status and message. */
  readonly error?: string;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const GRPC_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

function isComputeOperation(body: JsonObject): boolean {
  if (typeof body.selfLink !== 'string') return false;
  if (typeof body.kind === 'string') return body.kind.endsWith('#operation');
  return typeof body.status === 'string' && typeof body.operationType === 'string';
}

function isAipOperation(body: JsonObject): boolean {
  return (
    typeof body.name === 'string' &&
    /(^|\/)operations\//.test(body.name) &&
    (typeof body.done === 'boolean' || 'metadata' in body || Object.keys(body).length === 1)
  );
}

/**
 * Where an AIP-151 operation is polled: the method's server and API version, then the operation
 * name (`https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/operations/o`).
 */
export function aipPollUrl(method: Method, name: string): string {
  const server = (method.servers[0]?.url ?? '').replace(/\{[^{}]+\}/g, '').replace(/\/+$/, '');
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)(.*)$/i.exec(server);
  const origin = m ? m[1] : server;
  const segments = [...(m ? m[2] : '').split('/'), ...method.path.split('/')].filter(Boolean);
  const version = segments.findIndex((s) => /^v\d+[a-z0-9]*$/i.test(s));
  const prefix = version >= 0 ? segments.slice(0, version + 1) : segments.slice(0, 1);
  return `${origin}/${[...prefix, name].join('/')}`;
}

/** The operation a mutation response stands for, or undefined when the response is the result itself. */
export function trackOperation(method: Method, body: unknown): TrackedOperation | undefined {
  if (!isObject(body)) return undefined;
  if (isComputeOperation(body)) {
    return {
      style: 'compute',
      pollUrl: body.selfLink as string,
      label: typeof body.kind === 'string' ? body.kind : 'operation',
      type: typeof body.operationType === 'string' ? body.operationType : method.name,
      body,
    };
  }
  if (isAipOperation(body)) {
    const name = body.name as string;
    const meta = isObject(body.metadata) ? body.metadata : {};
    const verb = typeof meta.verb === 'string' ? meta.verb : method.name;
    return { style: 'aip', pollUrl: aipPollUrl(method, name), label: name, type: verb, body };
  }
  return undefined;
}

function computeError(body: JsonObject): string | undefined {
  const err = body.error;
  if (!isObject(err)) return undefined;
  const errors = Array.isArray(err.errors) ? err.errors.filter(isObject) : [];
  const parts = errors.map((e) =>
    [e.code === body.httpErrorMessage ? undefined : e.code, e.message]
      .filter((x) => typeof x === 'string' && x !== '')
      .join(': '),
  );
  const status =
    typeof body.httpErrorStatusCode === 'number'
      ? `HTTP ${body.httpErrorStatusCode}${typeof body.httpErrorMessage === 'string' ? ` ${body.httpErrorMessage}` : ''}: `
      : '';
  return `${status}${parts.join('; ') || 'the operation reported an error'}`;
}

function aipError(body: JsonObject): string | undefined {
  const err = body.error;
  if (!isObject(err)) return undefined;
  const code = typeof err.code === 'number' ? err.code : undefined;
  const status = code !== undefined ? (GRPC_NAMES[code] ?? `code ${code}`) : 'UNKNOWN';
  const message = typeof err.message === 'string' ? err.message : 'the operation reported an error';
  return `${status}${code !== undefined ? ` (code ${code})` : ''}: ${message}`;
}

/** Whether `body` (the latest poll) says the operation finished, and with what error. */
export function operationState(op: Pick<TrackedOperation, 'style'>, body: JsonObject): OperationState {
  if (op.style === 'compute') {
    const done = body.status === 'DONE' || (typeof body.endTime === 'string' && body.endTime !== '');
    return done ? { done, error: computeError(body) } : { done };
  }
  return body.done === true ? { done: true, error: aipError(body) } : { done: false };
}
