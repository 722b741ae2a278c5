import { join } from 'node:path';
import type { VerifyConfig } from '../../../base/config/registry-config.js';
import { loadVerifier } from './signature.js';

/** Signature checks for provider documents, as the registry needs them. */
export interface DocumentVerifier {
  /** A digest of the keys it trusts (hex). */
  readonly keyId: string;
  /** Checks one document against its `.sig` (before it is first parsed). */
  verifyFileSync(path: string): void;
  /** Checks every `.yaml` document under `dir` (a freshly unpacked provider version). */
  verifyTree(dir: string): Promise<void>;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const { readdir } = process.getBuiltinModule('node:fs/promises');
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(p)));
    else if (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')) out.push(p);
  }
  return out.sort();
}

/**
 * A verifier for `verifyConfig`: the configured public key or certificate, or StackQL's embedded
 * signing certificate when none is named (as StackQL does).
 */
export function createDocumentVerifier(config: VerifyConfig): DocumentVerifier {
  const verifier = loadVerifier({ publicKey: config.publicKey });
  return {
    keyId: verifier.keyId,
    verifyFileSync: (path) => verifier.verifyFileSync(path),
    async verifyTree(dir) {
      for (const file of await yamlFiles(dir)) await verifier.verifyFile(file);
    },
  };
}
