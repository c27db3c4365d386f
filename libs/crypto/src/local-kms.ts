// A local KMS for development and tests: versioned 256-bit KEKs held in a keyring that comes from a
// secret file (mode 600, outside the repository) or an environment variable, never from the repo.
// Wrapping is AES-256-GCM (NIST SP 800-38D) with a random 96-bit IV; the AAD binds the key ring id
// and the KEK version, so a blob cannot be presented as another version's:
//   blob = 0x01 | IV (12) | ciphertext | tag (16)
import { createSecretKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConfigError } from '@cwp/errors';
import { AES_256_KEY_BYTES, GCM_IV_BYTES, GCM_TAG_BYTES, gcmDecrypt, gcmEncrypt, randomIv } from './aes-gcm.js';
import { CryptoError } from './errors.js';
import type { Kms, WrappedKey } from './kms.js';

/** The keyring document: `{ "name": "...", "latest": 2, "keys": { "1": "<base64 32 bytes>", "2": "..." } }`. */
export interface LocalKeyring {
  readonly name: string;
  readonly latest: number;
  readonly keys: Readonly<Record<string, string>>;
}

/** Where the keyring comes from: a file (rotation rewrites it) or a JSON string (e.g. an env var; rotation refused). */
export type LocalKmsSource = { readonly file: string } | { readonly json: string };

const BLOB_V1 = 1;

/** A new keyring with one random KEK, as JSON; write it to a secret file or a secret env var. */
export function createLocalKeyring(name = 'cwp-kek'): string {
  const ring: LocalKeyring = { name, latest: 1, keys: { '1': randomBytes(AES_256_KEY_BYTES).toString('base64') } };
  return `${JSON.stringify(ring, null, 2)}\n`;
}

function parseKeyring(text: string): { name: string; latest: number; keys: Map<number, KeyObject> } {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { throw new ConfigError('the local KMS keyring is not valid JSON'); }
  const ring = doc as Partial<LocalKeyring> | null;
  if (!ring || typeof ring.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(ring.name) || typeof ring.latest !== 'number' || typeof ring.keys !== 'object' || ring.keys === null) {
    throw new ConfigError('the local KMS keyring must be {"name", "latest", "keys": {"<version>": "<base64 32-byte key>"}}');
  }
  const keys = new Map<number, KeyObject>();
  for (const [v, b64] of Object.entries(ring.keys)) {
    const bytes = Buffer.from(String(b64), 'base64');
    if (!/^[1-9][0-9]*$/.test(v) || bytes.length !== AES_256_KEY_BYTES) throw new ConfigError(`local KMS keyring: version ${v} is not a positive integer with a 32-byte key`);
    keys.set(Number(v), createSecretKey(bytes));
    bytes.fill(0);
  }
  if (!keys.has(ring.latest)) throw new ConfigError(`local KMS keyring: latest version ${ring.latest} has no key`);
  return { name: ring.name, latest: ring.latest, keys };
}

function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function aadOf(kekId: string, version: number): Buffer {
  return Buffer.from(`cwp-kek-wrap-v1\u0000${kekId}\u0000${version}`, 'utf8');
}

/** A KMS over a local keyring. With a file source, unknown versions re-read the file (another process rotated). */
export function createLocalKms(source: LocalKmsSource): Kms {
  const read = (): string => ('file' in source ? readFileSync(source.file, 'utf8') : source.json);
  let ring = parseKeyring(read());
  const kekId = `local:${ring.name}`;

  function keyFor(version: number): KeyObject {
    let key = ring.keys.get(version);
    if (!key && 'file' in source) {
      ring = parseKeyring(read());
      key = ring.keys.get(version);
    }
    if (!key) throw new CryptoError('KEK_VERSION_UNKNOWN', `KEK version ${version} of ${kekId} is not in the keyring`);
    return key;
  }

  function wrapWith(version: number, plaintext: Buffer): WrappedKey {
    const iv = randomIv();
    const { ciphertext, tag } = gcmEncrypt(keyFor(version), iv, plaintext, aadOf(kekId, version));
    return { kekId, kekVersion: version, blob: Buffer.concat([Buffer.from([BLOB_V1]), iv, ciphertext, tag]) };
  }

  function unwrapSync(w: WrappedKey): Buffer {
    if (w.kekId !== kekId) throw new CryptoError('KEK_MISMATCH', `wrapped key belongs to ${w.kekId}, not ${kekId}`);
    const b = w.blob;
    if (b.length < 1 + GCM_IV_BYTES + GCM_TAG_BYTES || b[0] !== BLOB_V1) throw new CryptoError('BAD_WRAPPED_KEY', 'wrapped key blob is malformed');
    return gcmDecrypt(keyFor(w.kekVersion), b.subarray(1, 1 + GCM_IV_BYTES), b.subarray(1 + GCM_IV_BYTES, b.length - GCM_TAG_BYTES), aadOf(kekId, w.kekVersion), b.subarray(b.length - GCM_TAG_BYTES));
  }

  return {
    kekId,
    // Every failure is a rejection, never a synchronous throw.
    // Wraps are rare (one per new DEK version): re-read a keyring file so a rotation by another process takes effect.
    wrap: (plaintext) => attempt(() => {
      if ('file' in source) ring = parseKeyring(read());
      return wrapWith(ring.latest, plaintext);
    }),
    unwrap: (w) => attempt(() => unwrapSync(w)),
    rewrap: (w) => attempt(() => {
      const plain = unwrapSync(w);
      try {
        return wrapWith(ring.latest, plain);
      } finally {
        plain.fill(0);
      }
    }),
    rotate() {
      if (!('file' in source)) return Promise.reject(new ConfigError('the local KMS keyring comes from the environment: rotate it in the secret store, or use a keyring file'));
      const doc = JSON.parse(read()) as LocalKeyring;
      const next = Math.max(...Object.keys(doc.keys).map(Number)) + 1;
      const updated: LocalKeyring = { ...doc, latest: next, keys: { ...doc.keys, [String(next)]: randomBytes(AES_256_KEY_BYTES).toString('base64') } };
      const tmp = `${source.file}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(updated, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      renameSync(tmp, source.file);
      ring = parseKeyring(read());
      return Promise.resolve(next);
    },
    latestVersion() {
      if ('file' in source) ring = parseKeyring(read());
      return Promise.resolve(ring.latest);
    },
  };
}
