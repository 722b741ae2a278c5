import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Addresses that only this machine can reach. */
export function isLoopback(address: string): boolean {
  return (
    address === 'localhost' ||
    address === '::1' ||
    address === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(address)
  );
}

/** What a request is checked against before it reaches the MCP transport. */
export interface GuardSettings {
  /**
   * `host:port` values the Host and Origin headers may name (the server's own) on a loopback bind;
   * undefined off loopback, where clients use names the server cannot know and the required token
   * is the defence (an Origin must then match the Host it was sent to).
   */
  readonly allowedHosts: ReadonlySet<string> | undefined;
  /** The bearer token every request must carry; undefined: none (loopback only). */
  readonly token: string | undefined;
}

/** A refused request: the HTTP status and a one-line reason (no internals). */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Record<string, string>;
}

/** The `host:port` names of a server bound to `address:port`. */
export function ownHosts(address: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  hosts.add(
    address.includes(':') && !address.startsWith('[') ? `[${address}]:${port}` : `${address}:${port}`,
  );
  return hosts;
}

/**
 * DNS-rebinding protection and authentication: on loopback the Host header must name this server,
 * an Origin (sent by browsers) must be this server's own (off loopback: the Host it was sent to),
 * and with a token the `Authorization: Bearer` value must equal it (compared in constant time over
 * digests, so neither length nor content leaks).
 */
export function checkRequest(req: IncomingMessage, settings: GuardSettings): Refusal | undefined {
  const host = req.headers.host?.toLowerCase();
  const allowed = settings.allowedHosts ?? new Set(host ? [host] : []);
  if (!host || !allowed.has(host)) return { status: 403, message: 'forbidden: unexpected Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      const url = new URL(origin);
      originHost = url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
    } catch {
      originHost = undefined;
    }
    if (!originHost || !allowed.has(originHost))
      return { status: 403, message: 'forbidden: cross-origin requests are not allowed' };
  }
  if (settings.token !== undefined) {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m || !sameSecret(m[1], settings.token))
      return {
        status: 401,
        message: 'unauthorized: a valid bearer token is required',
        headers: { 'www-authenticate': 'Bearer realm="skyql-mcp"' },
      };
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
