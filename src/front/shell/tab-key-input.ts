import { Readable } from 'node:stream';

const TAB = 0x09;

/** `chunk` cut after every Tab: `google.comp\t\t` → `google.comp\t`, `\t`. */
export function splitAfterTabs(chunk: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = chunk.indexOf(TAB); i >= 0; i = chunk.indexOf(TAB, i + 1)) {
    out.push(chunk.subarray(from, i + 1));
    from = i + 1;
  }
  if (from < chunk.length) out.push(chunk.subarray(from));
  return out;
}

/** The terminal side readline drives: raw mode on and off. */
interface Terminal extends NodeJS.ReadableStream {
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * The terminal's input for readline, with every Tab a key press. Node's readline treats a Tab that
 * arrives in one chunk with other keys as pasted text and inserts it; keys typed while the shell
 * starts, or while the first completion loads the provider, arrive in one chunk, so
 * `google.comp<Tab><Tab>` listed every keyword. Here a chunk ends after each Tab. Pausing (readline
 * does while a completion is pending) pauses the terminal, so later keys wait their turn.
 */
export class TabKeyInput extends Readable {
  readonly isTTY = true;

  constructor(private readonly terminal: Terminal) {
    super({ objectMode: true });
    terminal.on('data', (chunk: Buffer | string) => {
      for (const piece of splitAfterTabs(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)))
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
