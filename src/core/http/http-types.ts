/**
 * The HTTP vocabulary shared by the transport, auth, pagination and response code. Plain data so
 * tests can script responses without a server.
 */

/** One request as skyql builds it (before endpoint rewriting and auth headers). */
export interface HttpRequest {
  readonly method: string;
  /** Absolute URL (`https://healthcare.googleapis.com/v1/...`). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** A complete response: status, lower-cased headers and the raw body bytes. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** Header names lower-cased; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The URL actually requested (after endpoint rewriting). */
  readonly url: string;
  /** Attempts made (1 = no retry). */
  readonly attempts: number;
}

/** Per-call options of a {@link SendRequest}. */
export interface SendOptions {
  readonly signal?: AbortSignal;
  /** Overrides the method-based idempotency guess (e.g. a POST that only reads). */
  readonly idempotent?: boolean;
  /** The provider the call is for: its `--endpoint` rewriting applies. */
  readonly provider?: string;
  /**
   * Send to the URL as it is, whatever `--endpoint` says: for hosts that are not the provider's
   * APIs (the metadata server, which GCE_METADATA_HOST moves instead).
   */
  readonly direct?: boolean;
}

/** Sends one request (with the transport's retries, timeouts and logging). */
export type SendRequest = (request: HttpRequest, options?: SendOptions) => Promise<HttpResponse>;
