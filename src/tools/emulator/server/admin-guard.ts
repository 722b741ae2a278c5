/**
 * Keeps the admin API (`/_emulator/...`) out of reach of web pages. A page the user visits can
 * send requests to 127.0.0.1 (a form, `fetch` with `no-cors`, or DNS rebinding a name of its own to
 * 127.0.0.1), but it cannot forge the `Host` and `Origin` headers, and it cannot send a JSON
 * content type without a CORS preflight, which the emulator never grants.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './google-error.js';

/** Content types an admin request body may have: JSON, and YAML for seeds and state. */
const ADMIN_CONTENT_TYPES = new Set([
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
]);

/** True for `localhost`, `127.x.x.x` and `::1` (with or without IPv6 brackets). */
function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host name of a `Host` header value (`127.0.0.1:8089`, `[::1]:8089`, `localhost`). */
function hostName(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(host.trim());
  return m ? m[1] : '';
}

function forbidden(message: string): ApiError {
  return new ApiError(403, message);
}

/**
 * The error to answer an admin request with, or undefined when it may proceed: the peer must be a
 * loopback address (the emulator may listen on every interface), the `Host` must
 * name a loopback address, an `Origin` (sent by browsers) must be a loopback origin, and a body must
 * be declared JSON (or YAML).
 */
export function refuseAdminRequest(headers: IncomingHttpHeaders, peer?: string): ApiError | undefined {
  // a non-browser client sets Host freely: with --host 0.0.0.0 only loopback peers may administer
  if (peer !== undefined && !isLoopbackName(peer.replace(/^::ffff:/, '')))
    return forbidden(
      `The admin API answers only clients on this machine (loopback); this request came from ${peer}`,
    );
  const host = headers.host;
  if (!host || !isLoopbackName(hostName(host)))
    return forbidden(
      `The admin API answers only requests addressed to a loopback host (Host: 127.0.0.1, localhost or [::1]); got ${JSON.stringify(host ?? '')}`,
    );
  const origin = headers.origin;
  if (origin !== undefined) {
    let name = '';
    try {
      name = new URL(origin).hostname;
    } catch {
      // 'null' and other opaque origins are refused below
    }
    if (!isLoopbackName(name))
      return forbidden(`The admin API refuses cross-origin requests (Origin: ${JSON.stringify(origin)})`);
  }
  if (headers['sec-fetch-site'] === 'cross-site')
    return forbidden('The admin API refuses cross-origin requests (Sec-Fetch-Site: cross-site)');
  const type = headers['content-type'];
  const length = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (type === undefined ? hasBody : !ADMIN_CONTENT_TYPES.has(type.split(';')[0].trim().toLowerCase()))
    return new ApiError(
      415,
      `The admin API takes JSON bodies: send Content-Type: application/json (seeds and state may be YAML); got ${JSON.stringify(type ?? 'none')}`,
    );
  return undefined;
}
