import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSessionOptions } from '../../../src/cli/global-options.js';
import { stderrReporter } from '../../../src/cli/stderr-reporter.js';

/** A stand-in for process.stderr that records what is written. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = {
    isTTY,
    text: '',
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

test('status lines: on a terminal, overwritten in place and erased; a message starts on a clean line', () => {
  const tty = stream(true);
  const r = stderrReporter(tty);
  assert.ok(r.status);
  r.status('waiting for a (5 s)…');
  r.status('waiting for a (6 s)…');
  r.status(undefined);
  r.status(undefined);
  r.status('waiting for b (5 s)…');
  r.message('done');
  assert.equal(
    tty.text,
    '\r\x1b[Kwaiting for a (5 s)…\r\x1b[Kwaiting for a (6 s)…\r\x1b[K\r\x1b[Kwaiting for b (5 s)…\r\x1b[Kdone\n',
  );
});

test('no status lines off a terminal, or where they are turned off (srv); then requests get no wait notices', () => {
  for (const r of [stderrReporter(stream(false)), stderrReporter(stream(true), { status: false })]) {
    assert.equal(r.status, undefined);
    assert.equal(apiSessionOptions({} as never, r).api?.transport.waitNotice, undefined);
  }
  const tty = stderrReporter(stream(true));
  assert.equal(typeof apiSessionOptions({} as never, tty).api?.transport.waitNotice, 'function');
});

test('--progress: auto shows progress on a terminal only, always also on a pipe, never not even on a terminal', () => {
  const show = (isTTY: boolean, progress?: 'auto' | 'always' | 'never') => {
    const s = stream(isTTY);
    stderrReporter(s, progress ? { progress } : {}).progress('calls', 1, 4, 'items');
    return s.text;
  };
  assert.equal(show(true), '\r\u001b[Kcalls 25% (1 of 4)');
  assert.equal(show(false), '');
  assert.equal(show(false, 'always'), '\r\u001b[Kcalls 25% (1 of 4)');
  assert.equal(show(true, 'never'), '');
});
