/**
 * Takes what looks like a credential out of text bound for the audit log: PEM private keys, Google
 * OAuth tokens (`ya29.`), API keys (`AIza`), bearer tokens, `"private_key": "..."` and
 * `password/secret/token = '...'` pairs, and long unbroken runs of key-like characters.
 */
const PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bya29\.[\w.-]+/g,
  /\bAIza[\w-]{30,}/g,
  /\b(bearer\s+)[\w.~+/=-]{8,}/gi,
  /("?(?:private_key|client_secret|refresh_token|access_token|password|secret|token)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/gi,
  // 40+ characters of base64/hex without separators (keys, tokens), when letters and digits mix
  /(?<![\w/.-])(?=[\w+/=-]{40,})(?=[\w+/=-]*\d)(?=[\w+/=-]*[A-Za-z])[\w+/=-]{40,}(?![\w/.-])/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const p of PATTERNS)
    out = out.replace(p, (_m, keep?: string) =>
      typeof keep === 'string' && /[:=]|bearer/i.test(keep) ? `${keep}[redacted]` : '[redacted]',
    );
  return out;
}
