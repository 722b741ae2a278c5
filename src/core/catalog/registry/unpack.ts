import { createRequire } from 'node:module';
import type { TransformCallback } from 'node:stream';
import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * Limits on what a provider package may unpack to. The largest real package (googleapis.com
 * v25.07.00000) is 4.7 MB and unpacks to 36 MB (ratio 7.6) in 172 entries.
 */
export interface UnpackLimits {
  /** Unpacked bytes at most, whatever the package size (default 1 GiB). */
  readonly maxBytes?: number;
  /** Unpacked bytes per package byte at most (default 50), checked against the whole package... */
  readonly maxRatio?: number;
  /** ...once more than this has been unpacked (default 64 MiB), so small packages are never refused for ratio. */
  readonly ratioFloorBytes?: number;
  /** Files and folders at most (default 20 000). */
  readonly maxEntries?: number;
}

/** The unpacked size a package of `packageBytes` may reach: the ratio limit, at least the floor, at most the cap. */
export function unpackedByteLimit(packageBytes: number, limits: UnpackLimits = {}): number {
  const cap = limits.maxBytes ?? 1024 * 1024 * 1024;
  const byRatio = Math.max(
    limits.ratioFloorBytes ?? 64 * 1024 * 1024,
    (limits.maxRatio ?? 50) * packageBytes,
  );
  return Math.min(cap, byRatio);
}

/** `data` in 64 KiB chunks, counting the package bytes taken so far. */
function* chunksOf(data: Buffer, taken: { bytes: number }): Generator<Buffer> {
  for (let at = 0; at < data.length; at += 64 * 1024) {
    const chunk = data.subarray(at, at + 64 * 1024);
    taken.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * Unpacks a provider package (gzip tarball) into `destDir`, streaming: it stops as soon as the
 * unpacked bytes pass {@link unpackedByteLimit} or the entries pass `maxEntries` (a gzip or tar
 * bomb), having read only that far. tar refuses absolute paths and `..` entries, so a hostile
 * package cannot write outside destDir. A truncated, non-gzip or oversize package is a
 * CORRUPT_PACKAGE error naming the package.
 */
export async function unpackPackage(
  data: Buffer,
  destDir: string,
  packageName: string,
  limits: UnpackLimits = {},
): Promise<void> {
  // node's stream, zlib and promise modules, loaded on a pull rather than at every start
  const { PassThrough, Readable, Transform } = process.getBuiltinModule('node:stream');
  const { pipeline } = process.getBuiltinModule('node:stream/promises');
  const { createGunzip } = process.getBuiltinModule('node:zlib');
  await process.getBuiltinModule('node:fs/promises').mkdir(destDir, { recursive: true });
  // loaded here, not at start-up: only a pull needs it, and it is a seventh of what exec loads
  // (required, not imported: the code-cached exec bundle cannot import())
  const { x: extractTar } = createRequire(import.meta.url)('tar') as typeof import('tar');
  const maxBytes = unpackedByteLimit(data.length, limits);
  const maxEntries = limits.maxEntries ?? 20_000;
  const taken = { bytes: 0 };
  let unpacked = 0;
  let entries = 0;
  let tooMany: SkyqlError | undefined;
  const warnings: string[] = [];
  const refuse = (what: string) =>
    new SkyqlError(
      'CORRUPT_PACKAGE',
      `provider package ${packageName} ${what}; refused after unpacking ${unpacked} bytes from the first ${taken.bytes} of its ${data.length} bytes`,
      { hint: 'the package is damaged or hostile: check the --registry URL' },
    );
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      unpacked += chunk.length;
      if (unpacked > maxBytes) done(refuse(`unpacks to more than ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  const extract = extractTar({
    cwd: destDir,
    strict: true,
    // files belong to whoever pulls: run as root, tar would keep the archive's owners and give
    // some local uid the provider documents root trusts
    preserveOwner: false,
    onwarn: (_code: string, message: string) => void warnings.push(message),
    onReadEntry: () => {
      if (++entries <= maxEntries || tooMany) return;
      tooMany = refuse(`has more than ${maxEntries} entries`);
      extract.abort(tooMany);
    },
  });
  const gzip = data[0] === 0x1f && data[1] === 0x8b;
  try {
    await pipeline(
      Readable.from(chunksOf(data, taken)),
      gzip ? createGunzip() : new PassThrough(),
      meter,
      extract as unknown as NodeJS.WritableStream,
    );
  } catch (err) {
    if (tooMany || err instanceof SkyqlError) throw tooMany ?? err;
    throw new SkyqlError(
      'CORRUPT_PACKAGE',
      `provider package ${packageName} is corrupt: ${(err as Error).message}`,
      {
        hint: 'pull it again; if it keeps failing, the registry copy is damaged',
        cause: err,
      },
    );
  }
  if (tooMany) throw tooMany;
  if (warnings.length > 0) {
    throw new SkyqlError('CORRUPT_PACKAGE', `provider package ${packageName} is corrupt: ${warnings[0]}`);
  }
}
