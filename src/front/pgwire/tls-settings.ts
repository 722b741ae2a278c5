import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContext } from 'node:tls';
import { SkyqlError } from '../../base/errors/skyql-error.js';

/** TLS for the wire server, built from `--pgsrv.tls`. */
export interface TlsSettings {
  readonly context: SecureContext;
  /** Client certificates are required and verified against `clientCAs` (mTLS) when any are given. */
  readonly requireClientCert: boolean;
}

function readFile(path: unknown, what: string): Buffer {
  if (typeof path !== 'string' || path === '')
    throw new SkyqlError('BAD_PGSRV_CONFIG', `--pgsrv.tls needs "${what}" (a file path)`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new SkyqlError('BAD_PGSRV_CONFIG', `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/** A CA given as PEM text, base64 of PEM (StackQL's form), or a file path. */
function caOf(entry: unknown): Buffer {
  if (typeof entry !== 'string')
    throw new SkyqlError('BAD_PGSRV_CONFIG', '--pgsrv.tls clientCAs must be strings');
  if (entry.includes('-----BEGIN')) return Buffer.from(entry);
  const decoded = Buffer.from(entry, 'base64');
  if (decoded.toString('latin1').includes('-----BEGIN')) return decoded;
  return readFile(entry, 'clientCAs entry');
}

/**
 * Parses `--pgsrv.tls '{"keyFilePath": "...", "certFilePath": "...", "clientCAs": [...]}'`
 * (StackQL's keys). Throws BAD_PGSRV_CONFIG for bad JSON, missing keys or unreadable files.
 */
export function parseTlsSettings(json: string): TlsSettings {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (err) {
    throw new SkyqlError('BAD_PGSRV_CONFIG', `--pgsrv.tls is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new SkyqlError('BAD_PGSRV_CONFIG', '--pgsrv.tls must be a JSON object', {
      hint: '{"keyFilePath": "server.key", "certFilePath": "server.crt"}',
    });
  const o = v as Record<string, unknown>;
  const cas = o.clientCAs === undefined ? [] : o.clientCAs;
  if (!Array.isArray(cas)) throw new SkyqlError('BAD_PGSRV_CONFIG', '--pgsrv.tls clientCAs must be an array');
  try {
    const context = createSecureContext({
      key: readFile(o.keyFilePath, 'keyFilePath'),
      cert: readFile(o.certFilePath, 'certFilePath'),
      ca: cas.length > 0 ? cas.map(caOf) : undefined,
    });
    return { context, requireClientCert: cas.length > 0 };
  } catch (err) {
    if (err instanceof SkyqlError) throw err;
    throw new SkyqlError('BAD_PGSRV_CONFIG', `--pgsrv.tls: ${(err as Error).message}`);
  }
}
