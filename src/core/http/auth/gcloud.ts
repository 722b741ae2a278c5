import type { AccessToken, AuthDeps } from './authenticator.js';
import { CachedCredential } from './cached-credential.js';
import { authError, redact } from './token-errors.js';

/**
 * gcloud refreshes its token when less than a few minutes are left, so a printed token is good for
 * at least that long; skyql asks again after this (minus the refresh margin).
 */
const GCLOUD_TOKEN_REUSE_MS = 4 * 60_000;

const INSTALL_HINT =
  'install it (https://cloud.google.com/sdk/docs/install) and run `gcloud auth login`, or configure ' +
  `another auth type, e.g. --auth '{"google": {"type": "service_account", "credentialsfilepath": "/path/key.json"}}'`;

/**
 * `type: interactive`: the access token of the user logged in to the Google Cloud SDK, from
 * `gcloud auth print-access-token`.
 */
export class GcloudCredential extends CachedCredential {
  private readonly ctx = { source: 'interactive auth (gcloud)', secrets: [] };

  constructor(private readonly deps: Pick<AuthDeps, 'runCommand' | 'now' | 'env'>) {
    super(deps.now);
  }

  describe(): string {
    return 'the gcloud user’s access token (interactive)';
  }

  protected async fetchToken(): Promise<AccessToken> {
    let result: Awaited<ReturnType<AuthDeps['runCommand']>>;
    try {
      result = await this.deps.runCommand('gcloud', ['auth', 'print-access-token'], { env: this.deps.env });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ENOENT') {
        throw authError(
          this.ctx,
          'interactive mode requires the Google Cloud SDK to be installed (gcloud was not found on PATH)',
          INSTALL_HINT,
        );
      }
      throw authError(this.ctx, `could not run gcloud: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The token is the last line printed (gcloud writes notices to stderr, but be lenient).
    const token = result.stdout.trim().split(/\r?\n/).pop()?.trim() ?? '';
    if (result.exitCode !== 0 || token === '') {
      const lines = result.stderr
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const detail = redact(lines.find((l) => l.startsWith('ERROR:')) ?? lines.at(-1) ?? '', [token]);
      const why = result.exitCode !== 0 ? `exited with code ${result.exitCode}` : 'printed no token';
      throw authError(
        this.ctx,
        `gcloud auth print-access-token ${why}${detail ? `: ${detail}` : ''}`,
        'run `gcloud auth login` (and check `gcloud auth list`), then try again',
      );
    }
    return { token, expiresAt: this.deps.now() + GCLOUD_TOKEN_REUSE_MS };
  }
}
