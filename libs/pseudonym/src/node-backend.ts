// HKDF-SHA-256 (RFC 5869) and HMAC-SHA-256 (RFC 2104) on node:crypto, i.e. OpenSSL.
import { createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import type { CryptoBackend } from './backend.js';

/** The node:crypto backend. A KeyObject per derived key keeps the raw bytes out of JS strings. */
export const nodeBackend: CryptoBackend = {
  name: 'node',
  hkdf: (ikm, salt, info, length) => new Uint8Array(hkdfSync('sha256', ikm, salt, info, length)),
  hmacWith(key) {
    const keyObject = createSecretKey(key);
    return (message) => {
      const digest = createHmac('sha256', keyObject).update(message).digest();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    };
  },
};
