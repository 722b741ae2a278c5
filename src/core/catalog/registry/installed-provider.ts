/**
 * A provider version available on this machine: pulled into the app root, or read in place from a
 * `file://` registry with a `src/` tree.
 */
export interface InstalledProvider {
  /** Provider name as used in SQL (`google`). */
  readonly name: string;
  readonly version: string;
  /** The version folder holding `provider.yaml` and `services/`. */
  readonly dir: string;
  /**
   * The doc root every `$ref` of the provider's documents is relative to: `<localDocRoot>/<srcPrefix>`
   * for pulled providers, `<registry folder>/<srcPrefix>` for a registry read in place.
   */
  readonly docRoot: string;
  /** Where parsed JSON copies of the documents are kept. */
  readonly cacheDir: string;
  /** Checks a document's signature before it is first parsed; absent when verification is off. */
  readonly verifyDocument?: (path: string) => void;
}
