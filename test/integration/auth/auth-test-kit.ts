import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type AuthSpec, parseAuthConfig } from '../../../src/base/config/auth-config.js';
import type { ErrorCode } from '../../../src/base/errors/error-codes.js';
import { isSkyqlError, type SkyqlError } from '../../../src/base/errors/skyql-error.js';
import type { AuthDeps, Authenticator, RunCommand } from '../../../src/core/http/auth/authenticator.js';
import type { HttpRequest } from '../../../src/core/http/http-types.js';
import { tempDir } from '../../support/temp-dir.js';
import { FakeGoogle, fetchSend, USER } from './fake-google.js';

/** Starts a FakeGoogle for the test file. */
export function useFakeGoogle(): FakeGoogle {
  const fake = new FakeGoogle();
  before(() => fake.start());
  after(() => fake.close());
  return fake;
}

/** A port nothing listens on (for "metadata server absent"). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** A controllable clock. */
export class Clock {
  constructor(public t = Date.parse('2025-01-01T00:00:00Z')) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** runCommand for a machine without gcloud. */
export const noGcloud: RunCommand = () =>
  Promise.reject(Object.assign(new Error('spawn gcloud ENOENT'), { code: 'ENOENT' }));

/**
 * Deps for tests: real files, an empty home folder, no gcloud, and a metadata server address where
 * nothing listens (so ADC never reaches out to the real one).
 */
export function testDeps(over: Partial<AuthDeps> & { env?: NodeJS.ProcessEnv } = {}): AuthDeps {
  const { env, ...rest } = over;
  return {
    send: fetchSend,
    env: { GCE_METADATA_HOST: `127.0.0.1:${deadPort}`, ...env },
    readFile: (p) => readFile(p, 'utf8'),
    homeDir: tempDir('skyql-auth-home-'),
    now: Date.now,
    runCommand: noGcloud,
    metadataTimeoutMs: 1000,
    ...rest,
  };
}

let deadPort = 9;
before(async () => {
  deadPort = await closedPort();
});

/** Writes `value` as JSON into a new temp file and returns its path. */
export function writeJson(value: unknown, name = 'key.json'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

/** A GET request to an API. */
export const apiRequest: HttpRequest = {
  method: 'GET',
  url: 'https://healthcare.googleapis.com/v1/projects/p/locations',
  headers: { accept: 'application/json' },
};

export function header(req: HttpRequest, name: string): string | undefined {
  return req.headers?.[name];
}

/** Asserts that none of the fake's secrets (keys, tokens, assertions, refresh tokens) is in `text`. */
export function assertNoSecrets(fake: FakeGoogle, text: string, extra: readonly string[] = []): void {
  const secrets = [
    ...[...fake.keys.values()].flatMap((k) => [k.privateKeyPem, ...pemChunks(k.privateKeyPem)]),
    ...fake.issued,
    ...fake.jwts.map((j) => j.assertion),
    ...fake.jwts.map((j) => j.assertion.split('.')[2]),
    USER.client_secret,
    USER.refresh_token,
    ...extra,
  ];
  for (const s of secrets) assert.ok(!text.includes(s), `secret leaked into: ${text}`);
  assert.doesNotMatch(text, /PRIVATE KEY/);
}

/** 40-character slices of a PEM body, so a partial leak is caught too. */
function pemChunks(pem: string): string[] {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const out: string[] = [];
  for (let i = 0; i + 40 <= body.length; i += 40) out.push(body.slice(i, i + 40));
  return out;
}

/** The error's message and hint, as the CLI would print them. */
export function errorText(e: unknown): string {
  const err = e as { message?: string; hint?: string };
  return `${err.message ?? String(e)}\n${err.hint ?? ''}`;
}

/**
 * Runs authorize, expects an error of `code` (AUTH_ERROR by default), checks that no secret is in
 * it or in describe(), and returns it.
 */
export async function authorizeFails(
  fake: FakeGoogle,
  auth: Authenticator,
  code: ErrorCode = 'AUTH_ERROR',
  extraSecrets: readonly string[] = [],
): Promise<SkyqlError> {
  let caught: unknown;
  try {
    await auth.authorize(apiRequest);
  } catch (e) {
    caught = e;
  }
  assert.ok(isSkyqlError(caught, code), `expected ${code}, got ${String(caught)}`);
  assertNoSecrets(fake, errorText(caught), extraSecrets);
  assertNoSecrets(fake, auth.describe(), extraSecrets);
  return caught;
}

/** The google entry of an `--auth` JSON text (asserting there is one). */
export function spec(json: string): AuthSpec {
  const s = parseAuthConfig(json).get('google');
  assert.ok(s);
  return s;
}
