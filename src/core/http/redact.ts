/**
 * Secret redaction for everything the HTTP layer prints: log lines, error messages and body
 * excerpts. Redaction is by name (query and form parameters, JSON fields, headers) plus a few
 * value shapes that are secrets wherever they appear (PEM private keys, Google access tokens,
 * `Bearer` credentials).
 */

/** What replaces a secret value. */
export const REDACTED = 'REDACTED';

/** Query, form and JSON field names whose values are secrets (compared case-insensitively). */
const SECRET_PARAM_NAMES = [
  'access_token',
  'key',
  'api_key',
  'apikey',
  'token',
  'id_token',
  'assertion',
  'client_secret',
  'refresh_token',
  'subject_token',
  'actor_token',
  'password',
  'private_key',
  'private_key_id',
  'x-goog-signature',
  'x-goog-credential',
  'sig',
];

/** Header names whose values are secrets (lower-case). */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-goog-api-key',
  'x-api-key',
  'x-goog-iam-authorization-token',
  'x-serverless-authorization',
]);

const PARAM_ALTERNATION = SECRET_PARAM_NAMES.map((n) => n.replace(/[-]/g, '\\-')).join('|');

/** `name=value` inside a query string or form body; the separator before it is kept. */
const PARAM_RE = new RegExp(`(^|[?&;])(${PARAM_ALTERNATION})=([^&#;\\s]*)`, 'gi');

/** `"name": "value"` (or a non-string value) in JSON text. */
const JSON_FIELD_RE = new RegExp(
  `("(?:${PARAM_ALTERNATION})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`,
  'gi',
);

/** A PEM private key block, with real or JSON-escaped newlines. */
const PEM_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/** Google OAuth access tokens (`ya29.…`) and `Bearer <credential>` anywhere in text. */
const TOKEN_SHAPES_RE = /\bya29\.[A-Za-z0-9._~+/=-]+|\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** `user:password@` in a URL authority. */
const USERINFO_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@/i;

/** Redacts value shapes that are secrets wherever they appear (keys, access tokens). */
export function redactText(text: string): string {
  return text
    .replace(PEM_RE, REDACTED)
    .replace(TOKEN_SHAPES_RE, (_m, scheme: string | undefined) =>
      scheme ? `${scheme} ${REDACTED}` : REDACTED,
    );
}

/**
 * A URL safe to print: secret query parameters (`access_token`, `key`, `token`, `assertion`,
 * `client_secret`, `refresh_token`, …) and any userinfo become `REDACTED`; the rest is unchanged.
 */
export function redactUrl(url: string): string {
  let out = url.replace(USERINFO_RE, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const end = hash >= 0 ? hash : out.length;
    const query = out
      .slice(q, end)
      .replace(PARAM_RE, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`);
    out = out.slice(0, q) + query + out.slice(end);
  }
  return redactText(out);
}

/**
 * Headers safe to print: values of `Authorization`, `Proxy-Authorization`, cookies and API-key
 * headers are replaced (an auth scheme such as `Bearer` is kept).
 */
export function redactHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(value);
      out[name] =
        scheme && /^(bearer|basic|negotiate|digest)$/i.test(scheme[1])
          ? `${scheme[1]} ${REDACTED}`
          : REDACTED;
    } else {
      out[name] = redactText(value);
    }
  }
  return out;
}

/**
 * A request or response body safe to print: secret form parameters, secret JSON fields
 * (`private_key`, `access_token`, `assertion`, …), PEM private keys and access tokens are replaced.
 * Binary bodies are summarised by size.
 */
export function redactBody(body: string | Uint8Array | undefined): string {
  if (body === undefined) return '';
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    text = buf.toString('utf8');
    if (text.includes('\uFFFD')) return `<${buf.length} bytes of binary data>`;
  }
  return redactText(
    text
      .replace(JSON_FIELD_RE, (_m, head: string) => `${head}"${REDACTED}"`)
      .replace(PARAM_RE, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`),
  );
}
