import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { BufferReader } from './buffer-reader.js';

/** Request codes of start-up packets (the int32 after the length). */
export const STARTUP_CODES = {
  protocol3: 196608, // 3 << 16 | 0
  ssl: 80877103,
  gssenc: 80877104,
  cancel: 80877102,
} as const;

/** A start-up packet. */
export type StartupPacket =
  | { readonly kind: 'startup'; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'ssl' }
  | { readonly kind: 'gssenc' }
  | { readonly kind: 'cancel'; readonly pid: number; readonly key: number }
  | { readonly kind: 'unsupported'; readonly code: number };

/** Parses a start-up packet body (after its length). */
export function parseStartup(body: Buffer): StartupPacket {
  const r = new BufferReader(body);
  const code = r.int32();
  if (code === STARTUP_CODES.ssl) return { kind: 'ssl' };
  if (code === STARTUP_CODES.gssenc) return { kind: 'gssenc' };
  if (code === STARTUP_CODES.cancel) return { kind: 'cancel', pid: r.int32(), key: r.int32() };
  if (code !== STARTUP_CODES.protocol3) return { kind: 'unsupported', code };
  const params: Record<string, string> = {};
  // name\0value\0 pairs, ended by an empty name
  for (let name = r.cstring(); name !== ''; name = r.cstring()) params[name] = r.cstring();
  return { kind: 'startup', params };
}

/** A bound parameter value as sent: null, or its bytes. */
export type ParamValue = Buffer | null;

/** Typed frontend messages after start-up. */
export type FrontendMessage =
  | { readonly type: 'query'; readonly sql: string }
  | {
      readonly type: 'parse';
      readonly name: string;
      readonly sql: string;
      readonly paramTypes: readonly number[];
    }
  | {
      readonly type: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly paramFormats: readonly number[];
      readonly params: readonly ParamValue[];
      readonly resultFormats: readonly number[];
    }
  | { readonly type: 'describe'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly type: 'execute'; readonly portal: string; readonly maxRows: number }
  | { readonly type: 'close'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly type: 'sync' }
  | { readonly type: 'flush' }
  | { readonly type: 'terminate' }
  | { readonly type: 'password'; readonly body: Buffer }
  | { readonly type: 'unsupported'; readonly code: string };

function int16List(r: BufferReader): number[] {
  const n = r.int16();
  return Array.from({ length: n }, () => r.int16());
}

function target(r: BufferReader): 'S' | 'P' {
  const t = String.fromCharCode(r.byte());
  if (t !== 'S' && t !== 'P') throw new SkyqlError('PGWIRE_PROTOCOL', `invalid describe/close target '${t}'`);
  return t;
}

/**
 * Parses a typed frontend message. Password-family messages ('p': password, SASL) keep their body
 * for the authentication exchange. Throws PGWIRE_PROTOCOL on malformed bodies.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
export function parseFrontend(code: string, body: Buffer): FrontendMessage {
  const r = new BufferReader(body);
  const msg = readFrontend(code, r, body);
  // PostgreSQL's pq_getmsgend: a message with bytes left over (a NUL inside a query string, a wrong
  // count) is refused whole rather than run truncated.
  if (msg.type !== 'password' && msg.type !== 'unsupported' && r.remaining !== 0)
    throw new SkyqlError('PGWIRE_PROTOCOL', 'invalid message format', {
      hint: 'a query string cannot contain a NUL character',
    });
  return msg;
}

function readFrontend(code: string, r: BufferReader, body: Buffer): FrontendMessage {
  switch (code) {
    case 'Q':
      return { type: 'query', sql: r.cstring() };
    case 'P': {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      return { type: 'parse', name, sql, paramTypes: Array.from({ length: n }, () => r.int32()) };
    }
    case 'B': {
      const portal = r.cstring();
      const statement = r.cstring();
      const paramFormats = int16List(r);
      const n = r.int16();
      const params: ParamValue[] = [];
      for (let i = 0; i < n; i++) {
        const len = r.int32(); // -1 = NULL
        params.push(len < 0 ? null : Buffer.from(r.bytes(len)));
      }
      return { type: 'bind', portal, statement, paramFormats, params, resultFormats: int16List(r) };
    }
    case 'D':
      return { type: 'describe', target: target(r), name: r.cstring() };
    case 'E':
      return { type: 'execute', portal: r.cstring(), maxRows: r.int32() };
    case 'C':
      return { type: 'close', target: target(r), name: r.cstring() };
    case 'S':
      return { type: 'sync' };
    case 'H':
      return { type: 'flush' };
    case 'X':
      return { type: 'terminate' };
    case 'p':
      return { type: 'password', body };
    default:
      return { type: 'unsupported', code };
  }
}
