/**
 * node:crypto, loaded on first use. Loading it takes ~5 ms, and most runs of `skyql exec` never
 * hash, sign or verify anything (a pull verifies, a service account signs, --shard hashes), so the
 * modules that need it ask for it here rather than importing it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

/** The hex SHA-256 of `text`. */
export function sha256Hex(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

/** The hex SHA-1 of `text` (names, not security). */
export function sha1Hex(text: string): string {
  return nodeCrypto().createHash('sha1').update(text).digest('hex');
}
