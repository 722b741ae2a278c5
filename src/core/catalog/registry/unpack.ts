import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { x as extractTar } from 'tar';
import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * Unpacks a provider package (gzip tarball) into `destDir`. tar refuses absolute paths and `..`
 * entries, so a hostile package cannot write outside destDir. A truncated or non-gzip file is a
 * CORRUPT_PACKAGE error naming the package.
 */
export async function unpackPackage(data: Buffer, destDir: string, packageName: string): Promise<void> {
  await mkdir(destDir, { recursive: true });
  const tmpFile = join(destDir, '.package.tgz');
  await writeFile(tmpFile, data);
  const warnings: string[] = [];
  try {
    await extractTar({
      file: tmpFile,
      cwd: destDir,
      strict: true,
      onwarn: (_code: string, message: string) => void warnings.push(message),
    });
  } catch (err) {
    throw new SkyqlError(
      'CORRUPT_PACKAGE',
      `provider package ${packageName} is corrupt: ${(err as Error).message}`,
      {
        hint: 'pull it again; if it keeps failing, the registry copy is damaged',
        cause: err,
      },
    );
  } finally {
    await rm(tmpFile, { force: true });
  }
  if (warnings.length > 0) {
    throw new SkyqlError('CORRUPT_PACKAGE', `provider package ${packageName} is corrupt: ${warnings[0]}`);
  }
}
