// Interim IdentitySealer until @cwp/crypto lands (swap this file's factory in main.ts): AES-256-GCM
// (NIST SP 800-38D) under one 32-byte key from RISK_IDENTITY_KEY, a fresh 96-bit random nonce per
// envelope (never reused under a key for < 2^32 envelopes, SP 800-38D §8.3), AAD = the alert id so an
// envelope cannot be moved to another alert, 128-bit tag.
// Envelope: "cwp-ie.v1.aes256gcm.<nonce b64url>.<ciphertext b64url>.<tag b64url>".
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { IdentitySealer } from './identity-sealer.js';

const PREFIX = 'cwp-ie.v1.aes256gcm';

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new RangeError('the identity key must be 32 bytes (AES-256)');
}

/** Creates the local AES-256-GCM sealer; the key is copied. */
export function createLocalIdentitySealer(key: Uint8Array): IdentitySealer {
  checkKey(key);
  const k = Buffer.from(key);
  return {
    seal(childId, alertId) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, nonce, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(alertId, 'utf8'));
      const ct = Buffer.concat([cipher.update(childId, 'utf8'), cipher.final()]);
      return Promise.resolve(`${PREFIX}.${nonce.toString('base64url')}.${ct.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`);
    },
  };
}

/** Opens an envelope of createLocalIdentitySealer (officer tooling and tests); throws when the key, alert id or bytes do not match. */
export function openLocalIdentityEnvelope(envelope: string, alertId: string, key: Uint8Array): string {
  checkKey(key);
  const parts = envelope.split('.');
  if (parts.length !== 6 || `${parts[0]}.${parts[1]}.${parts[2]}` !== PREFIX) throw new Error('not a cwp-ie.v1.aes256gcm envelope');
  const [nonce, ct, tag] = parts.slice(3).map((p) => Buffer.from(p, 'base64url'));
  if (!nonce || nonce.length !== 12 || !ct || !tag || tag.length !== 16) throw new Error('malformed identity envelope');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), nonce, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(alertId, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}
