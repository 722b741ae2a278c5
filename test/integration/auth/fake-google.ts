import { createPublicKey, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse, SendRequest } from '../../../src/core/http/http-types.js';
import { testKeyPair } from '../../support/emulator-service-account.js';

/**
 * A local stand-in for Google's token endpoints: the OAuth token URL (JWT-bearer and refresh-token
 * grants), IAM Credentials generateAccessToken, and the metadata server. It verifies what it is sent
 * the way Google does (RS256 signature, claims, kid) and records everything for assertions.
 */

/** A throwaway service account key pair and key file. */
export interface TestKey {
  readonly email: string;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  keyJson(tokenUri: string): Record<string, unknown>;
}

let keyCounter = 0;
/**
 * A key for `email`: the test run's shared RSA pair (making one costs 0.1-0.5 s of CPU; each file's
 * fake trusts only its own accounts), or with `fresh` a pair of its own (a key no fake knows).
 */
export function makeKey(email = 'sa@p.iam.gserviceaccount.com', fresh = false): TestKey {
  let privateKeyPem: string;
  let publicKey: KeyObject;
  if (fresh) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    publicKey = pair.publicKey;
  } else {
    const pair = testKeyPair();
    privateKeyPem = pair.privateKeyPem;
    publicKey = createPublicKey(pair.publicKeyPem);
  }
  const keyId = `kid-${++keyCounter}-${Math.random().toString(16).slice(2)}`;
  return {
    email,
    privateKeyPem,
    publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
    keyId,
    keyJson: (tokenUri) => ({
      type: 'service_account',
      project_id: 'p',
      private_key_id: keyId,
      private_key: privateKeyPem,
      client_email: email,
      client_id: '1234567890',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUri,
    }),
  };
}

/** The verified contents of one JWT-bearer request. */
export interface JwtSeen {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  readonly assertion: string;
  readonly path: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** An authorized_user registered with the fake. */
export const USER = {
  client_id: 'cid.apps.googleusercontent.com',
  client_secret: 'user-client-secret-xyz',
  refresh_token: '1//refresh-token-abcdef',
};

export class FakeGoogle {
  server!: Server;
  base = '';
  readonly keys = new Map<string, TestKey>();
  readonly requests: RecordedRequest[] = [];
  readonly jwts: JwtSeen[] = [];
  readonly jwtErrors: string[] = [];
  /** Every access token handed out. */
  readonly issued: string[] = [];
  readonly impersonations: Array<{ target: string; sourceToken: string; body: Record<string, unknown> }> = [];
  expiresIn = 3600;
  delayMs = 0;
  private n = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        setTimeout(() => this.handle(req, res, path, body), this.delayMs);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  register(key: TestKey): void {
    this.keys.set(key.keyId, key);
  }

  /** `host:port` for GCE_METADATA_HOST. */
  get hostPort(): string {
    return this.base.replace(/^http:\/\//, '');
  }

  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  private token(prefix: string): string {
    const t = `${prefix}-${++this.n}-${Math.random().toString(36).slice(2)}`;
    this.issued.push(t);
    return t;
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    if (path.startsWith('/computeMetadata/')) {
      this.metadata(req, res, path);
      return;
    }
    if (path.includes(':generateAccessToken')) {
      this.generateAccessToken(req, res, path, body);
      return;
    }
    if (req.method === 'POST' && path.endsWith('/token')) {
      this.oauthToken(res, path, body);
      return;
    }
    this.json(res, 404, { error: { code: 404, message: `no route ${path}`, status: 'NOT_FOUND' } });
  }

  private oauthToken(res: ServerResponse, path: string, body: string): void {
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const assertion = form.get('assertion') ?? '';
      const problem = this.verifyJwt(assertion, path);
      if (path.startsWith('/echo/')) {
        this.json(res, 400, {
          error: 'invalid_grant',
          error_description: `bad assertion ${assertion}`,
        });
        return;
      }
      if (problem !== undefined) {
        this.jwtErrors.push(problem);
        this.json(res, 400, { error: 'invalid_grant', error_description: problem });
        return;
      }
      this.json(res, 200, {
        access_token: this.token('sa-token'),
        expires_in: this.expiresIn,
        token_type: 'Bearer',
      });
      return;
    }
    if (grant === 'refresh_token') {
      if (
        form.get('client_id') !== USER.client_id ||
        form.get('client_secret') !== USER.client_secret ||
        form.get('refresh_token') !== USER.refresh_token
      ) {
        this.json(res, 400, {
          error: 'invalid_grant',
          error_description: 'Token has been expired or revoked.',
        });
        return;
      }
      this.json(res, 200, {
        access_token: this.token('user-token'),
        expires_in: this.expiresIn,
        token_type: 'Bearer',
      });
      return;
    }
    this.json(res, 400, { error: 'unsupported_grant_type', error_description: `grant ${grant}` });
  }

  private verifyJwt(assertion: string, path: string): string | undefined {
    const parts = assertion.split('.');
    if (parts.length !== 3) return 'assertion is not a JWT';
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as Record<string, unknown>;
    this.jwts.push({ header, claims, assertion, path });
    if (header.alg !== 'RS256') return `alg ${String(header.alg)}`;
    const key = this.keys.get(String(header.kid));
    if (key === undefined) return 'Invalid JWT Signature.';
    const ok = createVerify('RSA-SHA256')
      .update(`${parts[0]}.${parts[1]}`)
      .verify(key.publicKey, Buffer.from(parts[2], 'base64url'));
    if (!ok) return 'Invalid JWT Signature.';
    if (claims.iss !== key.email) return `iss ${String(claims.iss)}`;
    // Requests to Google's real token URL arrive rewritten as /oauth2.googleapis.com/token.
    const aud = path.startsWith('/oauth2.googleapis.com/') ? `https:/${path}` : `${this.base}${path}`;
    if (claims.aud !== aud) return `aud ${String(claims.aud)} is not ${aud}`;
    if (typeof claims.scope !== 'string' || claims.scope === '') return 'no scope';
    if (typeof claims.iat !== 'number' || claims.exp !== claims.iat + 3600) return 'exp is not iat+3600';
    if (claims.sub !== undefined && !String(claims.sub).includes('@'))
      return `sub ${String(claims.sub)} is not a user`;
    return undefined;
  }

  private generateAccessToken(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const m = /\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(path);
    const target = decodeURIComponent(m?.[1] ?? '');
    const auth = req.headers.authorization ?? '';
    const sourceToken = auth.replace(/^Bearer /, '');
    if (!this.issued.includes(sourceToken)) {
      this.json(res, 401, {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials.',
          status: 'UNAUTHENTICATED',
        },
      });
      return;
    }
    if (target.startsWith('denied@')) {
      this.json(res, 403, {
        error: {
          code: 403,
          message: `Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).`,
          status: 'PERMISSION_DENIED',
        },
      });
      return;
    }
    const parsed = JSON.parse(body) as Record<string, unknown>;
    this.impersonations.push({ target, sourceToken, body: parsed });
    const expireTime = new Date(Date.now() + 3600_000).toISOString();
    this.json(res, 200, { accessToken: this.token(`imp-${target.split('@')[0]}`), expireTime });
  }

  private metadata(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.headers['metadata-flavor'] !== 'Google') {
      res.writeHead(403, { 'metadata-flavor': 'Google' }).end('Missing Metadata-Flavor:Google header.');
      return;
    }
    if (!path.startsWith('/computeMetadata/v1/instance/service-accounts/default/token')) {
      res.writeHead(404, { 'metadata-flavor': 'Google' }).end('not found');
      return;
    }
    this.json(
      res,
      200,
      { access_token: this.token('metadata-token'), expires_in: 3599, token_type: 'Bearer' },
      { 'metadata-flavor': 'Google' },
    );
  }
}

/** A SendRequest on global fetch, like the transport without retries. */
export const fetchSend: SendRequest = async (request: HttpRequest, options) => {
  const res = await fetch(request.url, {
    method: request.method,
    ...(request.headers === undefined ? {} : { headers: request.headers }),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(options?.signal === undefined ? {} : { signal: options.signal }),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  return {
    status: res.status,
    statusText: res.statusText,
    headers,
    body: Buffer.from(await res.arrayBuffer()),
    url: request.url,
    attempts: 1,
  } satisfies HttpResponse;
};

/**
 * Like `--endpoint google=<base>`: https://<host>.googleapis.com/<path> goes to <base>/<host>.googleapis.com/<path>.
 * Records the URLs auth asked for (before rewriting).
 */
export function rewritingSend(base: string, asked: string[] = []): SendRequest {
  return (request, options) => {
    asked.push(request.url);
    const m = /^https:\/\/([a-z0-9.-]+\.googleapis\.com)(\/.*)$/.exec(request.url);
    const url = m ? `${base}/${m[1]}${m[2]}` : request.url;
    return fetchSend({ ...request, url }, options);
  };
}
