// Signed checkpoints with Ed25519 (RFC 8032) from node:crypto. The signed message binds the format,
// the sequence number, the chain hash at that record and the signing time.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A checkpoint: the chain hash at `seq`, signed. */
export interface Checkpoint {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly signedAt: Date;
  readonly keyId: string;
  readonly signature: Uint8Array;
}

/** Signs checkpoints; holds the private key and never exposes it. */
export interface CheckpointSigner {
  readonly keyId: string;
  sign(seq: number, hash: Uint8Array, signedAt: Date): Checkpoint;
}

/** Verifies checkpoints with public keys, by key id (old keys stay to verify old checkpoints). */
export interface CheckpointVerifier {
  verify(cp: Checkpoint): boolean;
  knows(keyId: string): boolean;
}

/** The bytes an Ed25519 checkpoint signature covers. */
export function checkpointMessage(seq: number, hash: Uint8Array, signedAt: Date): Buffer {
  return Buffer.from(`cwp-audit-checkpoint:v1:${seq}:${Buffer.from(hash).toString('hex')}:${signedAt.toISOString()}`, 'utf8');
}

/** Key id: the first 16 hex digits of SHA-256 over the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** A signer from an Ed25519 private key in PKCS#8 PEM. */
export function createCheckpointSigner(privateKeyPem: string): CheckpointSigner {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`audit signing key must be Ed25519, got ${String(key.asymmetricKeyType)}`);
  const keyId = keyIdOf(createPublicKey(key));
  return {
    keyId,
    sign: (seq, hash, signedAt) => ({ seq, hash, signedAt, keyId, signature: sign(null, checkpointMessage(seq, hash, signedAt), key) }),
  };
}

/** A verifier from Ed25519 public keys (SPKI PEM) or private keys (their public half is used). */
export function createCheckpointVerifier(keysPem: readonly string[]): CheckpointVerifier {
  const keys = new Map<string, KeyObject>();
  for (const pem of keysPem) {
    const pub = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    keys.set(keyIdOf(pub), pub);
  }
  return {
    knows: (keyId) => keys.has(keyId),
    verify: (cp) => {
      const key = keys.get(cp.keyId);
      return key !== undefined && verify(null, checkpointMessage(cp.seq, cp.hash, cp.signedAt), key, cp.signature);
    },
  };
}
