// Public surface of @cwp/pseudonym: keyed pseudonyms per purpose and epoch (HKDF + HMAC-SHA-256).
export { createPseudonymizer, derivePseudonymKey, PSEUDONYM_SALT, MIN_SECRET_BYTES, DEFAULT_DIGEST_BYTES } from './pseudonymizer.js';
export type { Pseudonymizer, PseudonymizerOptions } from './pseudonymizer.js';
export { epochOf, EPOCH_POLICIES, EPOCH_PATTERN } from './epoch.js';
export type { EpochPolicy } from './epoch.js';
export { KNOWN_PURPOSES, PURPOSE_PATTERN } from './purposes.js';
export type { KnownPurpose } from './purposes.js';
export { loadPseudonymSecret } from './secret.js';
export { nodeBackend } from './node-backend.js';
export { nobleBackend } from './noble-backend.js';
export { BACKEND_NAMES } from './backend.js';
export type { BackendName, CryptoBackend } from './backend.js';
export { base32 } from './base32.js';
