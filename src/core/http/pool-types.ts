import type { RequestCancel } from './request-cancel.js';

/** What the transport asks of a connection pool (node:http agents, or undici for proxies). */

/** One request on the pool. */
export interface PoolRequest {
  /** `https://host[:port]` */
  readonly origin: string;
  /** Path and query, sent as given. */
  readonly path: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | null;
  /** Aborts the request (and the reading of its body). */
  readonly cancel?: RequestCancel;
  /** Called when the request is about to be written on a connected socket (after DNS, TCP, TLS, proxy). */
  readonly onConnected?: () => void;
}

/** A response with its whole body, as received (not decompressed). */
export interface PoolResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A keep-alive connection pool. */
export interface RequestPool {
  request(r: PoolRequest): Promise<PoolResponse>;
  close(): Promise<void>;
}
