import type { HttpRequest, SendRequest } from '../http-types.js';

/**
 * The contract between auth and the rest of skyql: an Authenticator adds credentials to a request.
 * Each credential flow lives in its own file in this folder; google-authenticator.ts picks one.
 */
export interface Authenticator {
  /** Returns `request` with auth headers added (fetching or refreshing a token when needed). */
  authorize(request: HttpRequest, signal?: AbortSignal): Promise<HttpRequest>;
  /** What credentials are in use, e.g. `service account sa@p.iam.gserviceaccount.com from /k.json`. Never secrets. */
  describe(): string;
  /**
   * Forgets cached tokens, so the next authorize() fetches a fresh one. For a caller that got a 401
   * with a token that had not expired (revoked, or the clock is off) and wants to retry once.
   */
  invalidate?(): void;
}

/** Result of running a program (gcloud). */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without a shell. Rejects with an error whose `code` is `'ENOENT'` when the program
 * is not installed; otherwise resolves with its exit code and output.
 */
export type RunCommand = (
  command: string,
  args: readonly string[],
  options?: { readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv },
) => Promise<CommandResult>;

/** Everything auth needs from the outside world, injected so tests can script it. */
export interface AuthDeps {
  /** The transport (retries, `--endpoint` rewriting, logging). Auth never calls fetch itself. */
  readonly send: SendRequest;
  readonly env: NodeJS.ProcessEnv;
  /** Reads a UTF-8 text file; rejects with a Node error (`code` ENOENT, EACCES...) when it cannot. */
  readonly readFile: (path: string) => Promise<string>;
  /** The user's home folder (for ~/.config/gcloud). */
  readonly homeDir: string;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly runCommand: RunCommand;
  /** How long the metadata server may take to answer before it counts as absent (default 3000 ms). */
  readonly metadataTimeoutMs?: number;
}

/** An OAuth access token and when it stops working (ms since the epoch; undefined = not known). */
export interface AccessToken {
  readonly token: string;
  readonly expiresAt?: number;
}

/**
 * One resolved credential (a service account key, user refresh token, metadata server, ...): it
 * produces bearer tokens. Implementations cache their tokens (see token-cache.ts).
 */
export interface Credential {
  /** A currently valid access token. */
  token(signal?: AbortSignal): Promise<string>;
  describe(): string;
  /** Forgets the cached token, if any. */
  invalidate?(): void;
  /** Quota project named by the credentials file itself (`quota_project_id`), if any. */
  readonly quotaProjectId?: string;
}

/** `request` with `headers` set, replacing any header of the same name in another letter case. */
export function withHeaders(request: HttpRequest, headers: Readonly<Record<string, string>>): HttpRequest {
  const names = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    if (!names.has(k.toLowerCase())) merged[k] = v;
  }
  Object.assign(merged, headers);
  return { ...request, headers: merged };
}
