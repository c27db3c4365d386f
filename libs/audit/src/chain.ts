// The hash chain: hash_n = SHA-256(hash_{n-1} || canonical(record_n)), hash_0 = 32 zero bytes.
// SHA-256 is FIPS 180-4, here from @noble/hashes. The sequence number is inside the hashed bytes,
// so moving a record to another position breaks the chain as surely as editing it.
import { sha256 } from '@noble/hashes/sha2.js';

/** Values allowed in `details`: flat JSON scalars, so the canonical form survives a jsonb round-trip. */
export type AuditDetailValue = string | number | boolean | null;

/** One audit record as stored (without its hashes). */
export interface AuditRecord {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly subject: string | null;
  readonly purpose: string | null;
  readonly outcome: string;
  readonly details: Readonly<Record<string, AuditDetailValue>>;
}

export const GENESIS_HASH: Uint8Array = new Uint8Array(32);
const FORMAT = 'cwp-audit-v1';

/** The exact bytes hashed for a record: a JSON array in fixed field order, details keys sorted. */
export function canonicalBytes(r: AuditRecord): Uint8Array {
  const details = Object.keys(r.details).sort().map((k) => [k, r.details[k] ?? null]);
  const fields = [FORMAT, String(r.seq), r.recordedAt.toISOString(), r.actor, r.role, r.action, r.subject, r.purpose, r.outcome, details];
  return new TextEncoder().encode(JSON.stringify(fields));
}

/** hash_n from hash_{n-1} and record n. */
export function chainHash(prevHash: Uint8Array, record: AuditRecord): Uint8Array {
  const body = canonicalBytes(record);
  const input = new Uint8Array(prevHash.length + body.length);
  input.set(prevHash, 0);
  input.set(body, prevHash.length);
  return sha256(input);
}

/** Constant-time equality of two byte strings of public data (hashes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
