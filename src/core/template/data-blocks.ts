import { SkyqlError } from '../../base/errors/skyql-error.js';

/** An inline data block `<<<json ... >>>` (or `<<<jsonnet ... >>>`). */
export interface DataBlock {
  readonly type: 'json' | 'jsonnet';
  readonly body: string;
  /** 1-based line of `<<<`. */
  readonly line: number;
}

/**
 * Removes the `<<<type ... >>>` data blocks from a script and returns them. Each block is replaced by
 * as many newlines as it spanned, so the statements after it keep their line numbers in messages.
 */
export function extractDataBlocks(source: string): { text: string; blocks: DataBlock[] } {
  const blocks: DataBlock[] = [];
  let text = '';
  let pos = 0;
  for (let open = source.indexOf('<<<', pos); open >= 0; open = source.indexOf('<<<', pos)) {
    const line = source.slice(0, open).split('\n').length;
    const close = source.indexOf('>>>', open + 3);
    if (close < 0)
      throw new SkyqlError('TEMPLATE_ERROR', `the data block at line ${line} is not closed by '>>>'`);
    const inner = source.slice(open + 3, close);
    const m = /^(\w*)\s/.exec(inner) ?? /^(\w*)$/.exec(inner);
    const type = (m?.[1] ?? '').toLowerCase();
    if (type !== 'json' && type !== 'jsonnet')
      throw new SkyqlError('TEMPLATE_ERROR', `the data block at line ${line} has type '${type}'`, {
        hint: 'start it with <<<json (or <<<jsonnet)',
      });
    blocks.push({ type, body: inner.slice(type.length), line });
    text += source.slice(pos, open) + '\n'.repeat(source.slice(open, close + 3).split('\n').length - 1);
    pos = close + 3;
  }
  return { text: text + source.slice(pos), blocks };
}
