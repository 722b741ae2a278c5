import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { SkyqlError } from '../base/errors/skyql-error.js';

/**
 * Makes a failing output stream end the process cleanly instead of crashing with Node's
 * "Unhandled 'error' event" stack trace: EPIPE (the reader, e.g. `head`, closed the pipe) exits 0
 * silently, as Unix tools do; any other write error (disk full, …) prints one line and exits 1.
 */
export function guardOutput(stream: NodeJS.WritableStream, name: string): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    try {
      process.stderr.write(`cannot write ${name}: ${err.message}\n`);
    } finally {
      process.exit(1);
    }
  });
}

/**
 * Opens `--outfile` for writing now, so a folder, a missing folder or a read-only path is a
 * usage error (FILE_NOT_WRITABLE, exit 2) before any statement runs.
 */
export function openOutfile(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_WRITABLE', `cannot write --outfile ${path}: ${(err as Error).message}`, {
      hint: 'give a file path in a folder that exists and that you can write to',
    });
  }
  try {
    const stream = createWriteStream(path, { fd });
    guardOutput(stream, `--outfile ${path}`);
    return stream;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
