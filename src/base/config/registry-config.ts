import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SkyqlError } from '../errors/skyql-error.js';

/** The public StackQL provider registry, used when nothing else is configured. */
const DEFAULT_REGISTRY_URL = 'https://registry.stackql.app/providers';

/** How provider documents are checked. Default: not at all (StackQL's default too). */
export interface VerifyConfig {
  /** Skip signature checks entirely. */
  readonly nopVerify: boolean;
  /**
   * PEM text, or a path to a PEM file, holding Ed25519 public keys or X.509 certificates. Without it
   * (and with nopVerify false) StackQL's embedded signing certificate is used.
   */
  readonly publicKey?: string;
}

/** The registry settings of `--registry` / `SKYQL_REGISTRY` (StackQL's keys). */
export interface RegistryConfig {
  /** `https://`, `http://` or `file://` base URL (no trailing slash). */
  readonly url: string;
  /** Where pulled providers are stored (`<localDocRoot>/src/<providerDir>/<version>`). */
  readonly localDocRoot: string;
  readonly srcPrefix: string;
  readonly distPrefix: string;
  readonly verifyConfig: VerifyConfig;
}

function bad(message: string, hint?: string): SkyqlError {
  return new SkyqlError('BAD_REGISTRY_CONFIG', message, {
    hint: hint ?? `example: --registry '{"url": "file:///abs/path/registry/providers"}'`,
  });
}

/** Normalises a registry URL: absolute paths become file:// URLs, trailing slashes go. */
function normaliseRegistryUrl(raw: string): string {
  let url = raw.trim();
  if (isAbsolute(url)) url = pathToFileURL(url).href;
  if (!/^(https?|file):\/\//.test(url)) {
    throw bad(`registry url '${raw}' must start with https://, http:// or file://`);
  }
  if (url.startsWith('file://') && !url.startsWith('file:///')) {
    throw bad(`registry url '${raw}' must be an absolute file URL (file:///path)`);
  }
  return url.replace(/\/+$/, '');
}

function parseVerify(v: unknown): VerifyConfig {
  if (v === undefined || v === null) return { nopVerify: true };
  if (typeof v !== 'object') throw bad('registry verifyConfig must be an object');
  const o = v as Record<string, unknown>;
  const publicKey = typeof o.publicKey === 'string' ? o.publicKey : undefined;
  if (o.nopVerify !== undefined && typeof o.nopVerify !== 'boolean')
    throw bad('registry verifyConfig.nopVerify must be true or false');
  const nopVerify = o.nopVerify === true || (o.nopVerify === undefined && publicKey === undefined);
  return { nopVerify, publicKey };
}

/**
 * Parses `--registry` (JSON) or `SKYQL_REGISTRY` (JSON or a bare URL) into a RegistryConfig.
 * `appRoot` is the default `localDocRoot`.
 */
export function parseRegistryConfig(raw: string | undefined, appRoot: string): RegistryConfig {
  let obj: Record<string, unknown> = {};
  const text = raw?.trim() ?? '';
  if (text.startsWith('{')) {
    try {
      obj = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw bad(`registry config is not valid JSON: ${(err as Error).message}`);
    }
  } else if (text !== '') {
    obj = { url: text };
  }
  if (obj.url !== undefined && typeof obj.url !== 'string') throw bad('registry "url" must be a string');
  const localDocRoot = typeof obj.localDocRoot === 'string' ? resolve(obj.localDocRoot) : appRoot;
  return {
    url: normaliseRegistryUrl((obj.url as string | undefined) ?? DEFAULT_REGISTRY_URL),
    localDocRoot,
    srcPrefix: typeof obj.srcPrefix === 'string' ? obj.srcPrefix : 'src',
    distPrefix: typeof obj.distPrefix === 'string' ? obj.distPrefix : 'dist',
    verifyConfig: parseVerify(obj.verifyConfig),
  };
}

/** Folder holding installed providers: `<localDocRoot>/<srcPrefix>`. */
export function installRoot(config: RegistryConfig): string {
  return join(config.localDocRoot, config.srcPrefix);
}
