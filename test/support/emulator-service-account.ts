import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceAccountKeyFile } from '../../src/core/http/auth/service-account.js';

let pair: { privateKeyPem: string; publicKeyPem: string } | undefined;

/** One RSA key pair per process: making one takes 0.1-0.5 s, and no test depends on which key it is. */
function keyPair(): { privateKeyPem: string; publicKeyPem: string } {
  if (!pair) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pair = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return pair;
}

/**
 * Writes a throwaway service-account key file into `dir`. Its token_uri is Google's, which
 * `--endpoint google=<emulator>` redirects to the emulator; the emulator must trust `publicKeyPem`.
 */
export function writeServiceAccountKey(dir: string): { path: string; publicKeyPem: string } {
  const { privateKeyPem, publicKeyPem } = keyPair();
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
