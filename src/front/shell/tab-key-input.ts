import { Readable } from 'node:stream';

const TAB = 0x09;

/**
 * `chunk` with its trailing Tabs cut off one by one: `google.comp\t\t` → `google.comp\t`, `\t`.
 * Tabs followed by other text stay in place: that is pasted text, where a Tab is whitespace.
 */
export function splitTrailingTabs(chunk: Buffer): Buffer[] {
  let end = chunk.length;
  while (end > 0 && chunk[end - 1] === TAB) end--;
  if (end === chunk.length) return [chunk];
  const out = end > 0 ? [chunk.subarray(0, end + 1)] : [chunk.subarray(0, 1)];
  for (let i = out[0].length; i < chunk.length; i++) out.push(chunk.subarray(i, i + 1));
  return out;
}

/** The terminal side readline drives: raw mode on and off. */
interface Terminal extends NodeJS.ReadableStream {
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * The terminal's input for readline, with typed Tabs as key presses. Node's readline takes a Tab
 * that arrives in one chunk with other keys for pasted text and inserts it; keys typed while the
 * shell starts, or while the first completion loads the provider, arrive in one chunk, so
 * `google.comp<Tab><Tab>` listed every keyword. Here the Tabs a chunk ends with come one per chunk.
 * Pausing (readline does while a completion is pending) pauses the terminal, so later keys wait.
 */
export class TabKeyInput extends Readable {
  readonly isTTY = true;

  constructor(private readonly terminal: Terminal) {
    super({ objectMode: true });
    terminal.on('data', (chunk: Buffer | string) => {
      for (const piece of splitTrailingTabs(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)))
        this.push(piece);
    });
    terminal.on('end', () => this.push(null));
    terminal.on('error', (err: Error) => this.destroy(err));
    this.on('pause', () => terminal.pause());
    this.on('resume', () => terminal.resume());
  }

  override _read(): void {}

  get isRaw(): boolean | undefined {
    return this.terminal.isRaw;
  }

  setRawMode(mode: boolean): this {
    this.terminal.setRawMode?.(mode);
    return this;
  }
}
