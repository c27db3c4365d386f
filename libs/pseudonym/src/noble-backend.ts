// HKDF-SHA-256 (RFC 5869) and HMAC-SHA-256 (RFC 2104) on @noble/hashes (audited, pure JS).
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CryptoBackend } from './backend.js';

const encoder = new TextEncoder();

/** The @noble/hashes backend. The keyed inner/outer states are computed once per key and cloned per message. */
export const nobleBackend: CryptoBackend = {
  name: 'noble',
  hkdf: (ikm, salt, info, length) => hkdf(sha256, ikm, salt, info, length),
  hmacWith(key) {
    const keyed = hmac.create(sha256, key);
    return (message) => keyed.clone().update(typeof message === 'string' ? encoder.encode(message) : message).digest();
  },
};
