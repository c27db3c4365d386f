// The two primitives a pseudonym needs, behind one port so that the per-record path can be chosen
// by measurement (bench/pseudonym.ts) and the two implementations cross-checked in tests.

/** HKDF-SHA-256 (RFC 5869) and HMAC-SHA-256 (RFC 2104, FIPS 198-1). */
export interface CryptoBackend {
  readonly name: BackendName;
  /** HKDF-SHA-256: extract with `salt`, expand with `info` to `length` bytes (≤ 255 × 32). */
  hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** A keyed HMAC-SHA-256 function; the key schedule is done once, each call hashes one message. */
  hmacWith(key: Uint8Array): (message: Uint8Array | string) => Uint8Array;
}

/** Names of the available backends. */
export const BACKEND_NAMES = ['node', 'noble'] as const;

/** One of BACKEND_NAMES. */
export type BackendName = (typeof BACKEND_NAMES)[number];
