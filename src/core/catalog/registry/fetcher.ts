import { fileURLToPath } from 'node:url';
import { SkyqlError } from '../../../base/errors/skyql-error.js';

/** Reports bytes received so far and the expected total (when the server said). */
export type ByteProgress = (received: number, total: number | undefined) => void;

/**
 * Reads one registry file by URL. The only code of the catalog that touches the network; injectable
 * so tests can count or fail requests. Throws REGISTRY_UNREACHABLE (network, missing file) or
 * PROVIDER_VERSION_NOT_FOUND (HTTP 404) with the URL in the message.
 */
export type Fetcher = (url: string, onProgress?: ByteProgress) => Promise<Buffer>;

async function fetchFile(url: string, onProgress?: ByteProgress): Promise<Buffer> {
  const path = fileURLToPath(url);
  try {
    const data = await process.getBuiltinModule('node:fs/promises').readFile(path);
    onProgress?.(data.length, data.length);
    return data;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SkyqlError(
      code === 'ENOENT' ? 'PROVIDER_VERSION_NOT_FOUND' : 'REGISTRY_UNREACHABLE',
      code === 'ENOENT'
        ? `registry file not found: ${path}`
        : `cannot read registry file ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

async function fetchHttp(url: string, onProgress?: ByteProgress): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (err) {
    const reason = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new SkyqlError('REGISTRY_UNREACHABLE', `cannot reach provider registry at ${url}: ${reason}`, {
      hint: 'check the network, or point --registry at a local mirror (file:///path/to/providers)',
      cause: err,
    });
  }
  if (res.status === 404) {
    throw new SkyqlError('PROVIDER_VERSION_NOT_FOUND', `registry has no file at ${url} (HTTP 404)`);
  }
  if (!res.ok) {
    throw new SkyqlError(
      'REGISTRY_UNREACHABLE',
      `provider registry answered HTTP ${res.status} ${res.statusText} for ${url}`,
    );
  }
  const total = Number(res.headers.get('content-length')) || undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk));
      received += chunk.length;
      onProgress?.(received, total);
    }
  }
  if (total !== undefined && received !== total) {
    throw new SkyqlError(
      'REGISTRY_UNREACHABLE',
      `download of ${url} was cut short (${received} of ${total} bytes)`,
    );
  }
  return Buffer.concat(chunks);
}

/** The default fetcher: `file://` from disk, `http(s)://` with fetch. */
export const defaultFetcher: Fetcher = (url, onProgress) =>
  url.startsWith('file:') ? fetchFile(url, onProgress) : fetchHttp(url, onProgress);
