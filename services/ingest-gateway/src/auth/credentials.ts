// Source credentials: a public key id and a 32-byte random secret, sent as
// `Authorization: Bearer <keyId>.<secret>`. Only SHA-256(secret) is stored: the secret is 256 bits
// of CSPRNG output, so a fast hash is enough (no dictionary to slow down, unlike passwords).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of entropy in a secret. */
export const SECRET_BYTES = 32;

const KEY_ID = /^gk_[0-9a-f]{24}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/; // base64url of 32 bytes, unpadded

/** A newly issued credential; `token` is what the source sends and is shown exactly once. */
export interface IssuedCredential {
  readonly keyId: string;
  readonly secret: string;
  readonly secretSha256: Buffer;
  readonly token: string;
}

/** A fresh key id and secret from the CSPRNG. */
export function issueCredential(keyId: string = newKeyId()): IssuedCredential {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, secretSha256: hashSecret(secret), token: `${keyId}.${secret}` };
}

/** A new public key id: `gk_` + 24 hex characters. */
export function newKeyId(): string {
  return `gk_${randomBytes(12).toString('hex')}`;
}

/** True for a well-formed key id (used by the CLI before touching the database). */
export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

/** SHA-256 of the secret's text form. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Result of reading an Authorization header. */
export type ParsedAuthorization = { readonly kind: 'missing' } | { readonly kind: 'malformed' } | { readonly kind: 'bearer'; readonly keyId: string; readonly secret: string };

/** Splits `Bearer <keyId>.<secret>`; shape only, nothing is looked up. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined || header === '') return { kind: 'missing' };
  const match = /^Bearer ([^.\s]+)\.(\S+)$/.exec(header);
  if (!match?.[1] || !match[2] || !KEY_ID.test(match[1]) || !SECRET.test(match[2])) return { kind: 'malformed' };
  return { kind: 'bearer', keyId: match[1], secret: match[2] };
}

/** Constant-time equality of two 32-byte digests (false, in the same time, when either is missing). */
export function digestEquals(a: Buffer, b: Buffer | null): boolean {
  const other = b && b.length === a.length ? b : DUMMY_DIGEST;
  return timingSafeEqual(a, other) && other !== DUMMY_DIGEST;
}

// Compared against when a key id is unknown, so unknown and known ids cost the same work.
const DUMMY_DIGEST = randomBytes(32);

/** Lower-case hex SHA-256 fingerprint of a DER certificate, or of Node's "AB:CD:…" fingerprint256 string. */
export function normalizeFingerprint(fingerprint: string): string | null {
  const hex = fingerprint.replaceAll(':', '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}
