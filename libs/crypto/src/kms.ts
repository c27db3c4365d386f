// The key-encryption-key service as the key store sees it. A KMS never hands out a KEK: it wraps
// and unwraps DEKs with a versioned KEK it holds (local file or env for dev/tests, Vault Transit in
// production). Rotation adds a KEK version; rewrap moves a wrapped DEK to the latest version
// without the DEK ever leaving the KMS boundary in the Vault case.

/** A DEK wrapped by a KEK version; `blob` is opaque to everyone but the KMS that made it. */
export interface WrappedKey {
  /** Which KEK (key ring) wrapped it, e.g. `local:cwp-kek` or `vault:transit/cwp-dek`. */
  readonly kekId: string;
  readonly kekVersion: number;
  readonly blob: Buffer;
}

/** A KMS: wrap with the latest KEK version, unwrap with any retained version. */
export interface Kms {
  /** Stable id of the key ring, stored next to every wrapped DEK. */
  readonly kekId: string;
  /** Wraps `plaintext` (a DEK) under the latest KEK version. */
  wrap(plaintext: Buffer): Promise<WrappedKey>;
  /** Unwraps; CryptoError when the blob fails authentication or names an unknown version; DependencyError when the KMS is unreachable. */
  unwrap(wrapped: WrappedKey): Promise<Buffer>;
  /** Re-wraps under the latest KEK version (Vault: without exposing the plaintext to the caller). */
  rewrap(wrapped: WrappedKey): Promise<WrappedKey>;
  /** Adds a new KEK version, which new wraps use from now on; returns it. */
  rotate(): Promise<number>;
  /** The latest KEK version. */
  latestVersion(): Promise<number>;
}
