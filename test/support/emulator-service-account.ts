import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceAccountKeyFile } from '../../src/core/http/auth/service-account.js';
import { REPO_ROOT } from './paths.js';

type KeyPair = { privateKeyPem: string; publicKeyPem: string };
let pair: KeyPair | undefined;

/** Where the test key pair is kept between processes (beside the fixture app root, never committed). */
const KEY_FILE = join(REPO_ROOT, 'build', 'test-sa-key.json');

/**
 * One RSA key pair for all test processes: making one takes 0.1-0.5 s of CPU, and no test depends
 * on which key it is. scripts/run-tests.mjs makes it before the test processes start (through
 * {@link prepareTestKey}); a file run on its own makes it here.
 */
export function testKeyPair(): KeyPair {
  pair ??= readKey() ?? prepareTestKey();
  return pair;
}

function readKey(): KeyPair | undefined {
  try {
    const k = JSON.parse(readFileSync(KEY_FILE, 'utf8')) as KeyPair;
    return k.privateKeyPem && k.publicKeyPem ? k : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the shared key pair unless there is one; returns it. */
export function prepareTestKey(): KeyPair {
  const existing = readKey();
  if (existing) return existing;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const made = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const tmp = `${KEY_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(made), { mode: 0o600 });
  renameSync(tmp, KEY_FILE);
  return made;
}

/**
 * Writes a throwaway service-account key file into `dir`. Its token_uri is Google's, which
 * `--endpoint google=<emulator>` redirects to the emulator; the emulator must trust `publicKeyPem`.
 */
export function writeServiceAccountKey(dir: string): { path: string; publicKeyPem: string } {
  const { privateKeyPem, publicKeyPem } = testKeyPair();
  const json: ServiceAccountKeyFile = {
    type: 'service_account',
    project_id: 'skyql-demo',
    private_key_id: 'demo-key-1',
    private_key: privateKeyPem,
    client_email: 'demo@skyql-demo.iam.gserviceaccount.com',
    client_id: '1',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
  const path = join(dir, 'sa-key.json');
  writeFileSync(path, JSON.stringify(json), { mode: 0o600 });
  return { path, publicKeyPem };
}
