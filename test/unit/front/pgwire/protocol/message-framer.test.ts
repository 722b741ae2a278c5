import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { parseFrontend, parseStartup } from '../../../../../src/front/pgwire/protocol/frontend-messages.js';
import {
  MessageFramer,
  PRE_AUTH_MESSAGE_BYTES,
  type RawMessage,
} from '../../../../../src/front/pgwire/protocol/message-framer.js';
import { BufferList } from '../buffer-list.js';

function all(f: MessageFramer): RawMessage[] {
  const out: RawMessage[] = [];
  for (let m = f.next(); m; m = f.next()) out.push(m);
  return out;
}

function startupPacket(): Buffer {
  const body = new BufferList().int32(196608).cstring('user').cstring('me').string('\0').join();
  const packet = Buffer.concat([Buffer.alloc(4), body]);
  packet.writeInt32BE(packet.length);
  return packet;
}

test('the framer cuts a start-up packet, then typed messages split across chunks', () => {
  const f = new MessageFramer();
  const q = new BufferList().cstring('select 1').join('Q');
  const sync = new BufferList().join('S');
  f.push(Buffer.concat([startupPacket(), q.subarray(0, 3)]));
  const m = f.next();
  assert.ok(m);
  assert.deepEqual(parseStartup(m.body), { kind: 'startup', params: { user: 'me' } });
  f.startup = false;
  assert.equal(f.next(), undefined, 'the query is not complete yet');
  const rest = Buffer.concat([q.subarray(3), sync]);
  f.push(rest.subarray(0, 4));
  f.push(rest.subarray(4));
  assert.deepEqual(
    all(f).map((x) => parseFrontend(x.code, x.body)),
    [{ type: 'query', sql: 'select 1' }, { type: 'sync' }],
  );
  assert.equal(f.buffered, 0);
  assert.throws(() => new MessageFramer().push(Buffer.from([0, 0, 0, 1])), /invalid message length 1/);
});

test('an oversize length is refused from its header alone: 10 000 bytes before authentication', () => {
  const f = new MessageFramer();
  const header = Buffer.alloc(4);
  header.writeInt32BE(63 * 1024 * 1024);
  assert.throws(
    () => f.push(header),
    (e: unknown) =>
      isSkyqlError(e, 'PGWIRE_PROTOCOL') &&
      /66060288 bytes is over the limit of 10000 bytes before authentication/.test(e.message),
  );
  const ok = new MessageFramer();
  ok.startup = false;
  ok.limit = 1_000_000;
  const big = new BufferList().cstring('x'.repeat(PRE_AUTH_MESSAGE_BYTES * 2)).join('Q');
  ok.push(big);
  assert.equal(
    ok.next()?.body.length,
    PRE_AUTH_MESSAGE_BYTES * 2 + 1,
    'after authentication the limit is raised',
  );
  const typed = Buffer.from([0x51, 0, 0x0f, 0x42, 0x45]); // 'Q', length 1 000 005
  assert.throws(() => ok.push(typed), /1000005 bytes is over the limit of 1000000 bytes$/);
});

test('a large message in many small chunks is copied once, not once per chunk', () => {
  const size = 4 * 1024 * 1024;
  const message = new BufferList().cstring('y'.repeat(size)).join('Q');
  const f = new MessageFramer();
  f.startup = false;
  f.limit = 2 * size;
  let copied = 0;
  const concat = Buffer.concat;
  const copy = Buffer.prototype.copy;
  Buffer.concat = (list: readonly Uint8Array[], total?: number) => {
    const out = concat(list, total);
    copied += out.length;
    return out;
  };
  Buffer.prototype.copy = function (this: Buffer, ...args: Parameters<Buffer['copy']>) {
    const n = copy.apply(this, args);
    copied += n;
    return n;
  };
  let out: RawMessage[] = [];
  try {
    for (let at = 0; at < message.length; at += 1024) {
      f.push(message.subarray(at, at + 1024));
      out = out.concat(all(f));
    }
  } finally {
    Buffer.concat = concat;
    Buffer.prototype.copy = copy;
  }
  assert.equal(out.length, 1);
  assert.equal(out[0].body.length, size + 1);
  assert.ok(copied <= 2 * message.length, `copied ${copied} bytes for a ${message.length}-byte message`);
});
