// Keyed pseudonyms (ARCHITECTURE.md, Keys and privacy):
//   key_{purpose,epoch} = HKDF-SHA-256(IKM = secret, salt = "cwp-pseudonym-v1", info = purpose "|" epoch, L = 32)   (RFC 5869)
//   pseudonym           = purpose "." epoch "." base32(HMAC-SHA-256(key, UTF-8(subjectId))[0 .. digestBytes))   (RFC 2104)
// Stable within (purpose, epoch); across purposes or epochs the keys are independent PRF outputs, so
// the digests are unrelated and only the clear tag differs. The secret is separate from every
// encryption key; derived keys are cached per (purpose, epoch) and never leave this module.
import type { BackendName, CryptoBackend } from './backend.js';
import { base32 } from './base32.js';
import { EPOCH_PATTERN, epochOf, type EpochPolicy } from './epoch.js';
import { nobleBackend } from './noble-backend.js';
import { nodeBackend } from './node-backend.js';
import { PURPOSE_PATTERN } from './purposes.js';

/** HKDF salt: versions the derivation, so a future scheme yields unrelated keys from the same secret. */
export const PSEUDONYM_SALT = 'cwp-pseudonym-v1';

/** Smallest secret accepted, bytes (256 bits). */
export const MIN_SECRET_BYTES = 32;

/** Digest bytes kept by default: 20 bytes = 160 bits = 32 base32 characters. */
export const DEFAULT_DIGEST_BYTES = 20;

const encoder = new TextEncoder();
const BACKENDS: Readonly<Record<BackendName, CryptoBackend>> = { node: nodeBackend, noble: nobleBackend };

/** Options of createPseudonymizer. */
export interface PseudonymizerOptions {
  /** The pseudonymization secret (≥ 32 bytes), from loadPseudonymSecret; never an encryption key. */
  readonly secret: Uint8Array;
  /** Implementation of the per-record path; 'node' by measurement (README, bench/pseudonym.ts). */
  readonly backend?: BackendName | CryptoBackend;
  /** How epochs are cut for pseudonymAt (default quarterly). */
  readonly epochPolicy?: EpochPolicy;
  /** Digest bytes kept, 16..32 (≥ 128 bits; default 20). */
  readonly digestBytes?: number;
}

/** Derives pseudonyms for any purpose and epoch from one secret. */
export interface Pseudonymizer {
  /** The pseudonym of `subjectId` for `purpose` in `epoch`; deterministic. Throws RangeError on a bad purpose, epoch or empty id. */
  pseudonym(subjectId: string, purpose: string, epoch: string): string;
  /** The pseudonym in the epoch (under the configured policy) that contains `at`. */
  pseudonymAt(subjectId: string, purpose: string, at: Date | number): string;
  /** The epoch label containing `at` under the configured policy. */
  epochOf(at: Date | number): string;
  readonly backend: BackendName;
}

function checkTag(purpose: string, epoch: string): void {
  if (!PURPOSE_PATTERN.test(purpose)) throw new RangeError(`purpose must match ${String(PURPOSE_PATTERN)}`);
  if (!EPOCH_PATTERN.test(epoch)) throw new RangeError(`epoch must match ${String(EPOCH_PATTERN)}`);
}

/** key_{purpose,epoch} = HKDF-SHA-256(secret, "cwp-pseudonym-v1", purpose|epoch, 32) (RFC 5869). Exported for tests and tools. */
export function derivePseudonymKey(secret: Uint8Array, purpose: string, epoch: string, backend: BackendName | CryptoBackend = 'node'): Uint8Array {
  checkTag(purpose, epoch);
  if (secret.length < MIN_SECRET_BYTES) throw new RangeError(`the pseudonymization secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const impl = typeof backend === 'string' ? BACKENDS[backend] : backend;
  return impl.hkdf(secret, encoder.encode(PSEUDONYM_SALT), encoder.encode(`${purpose}|${epoch}`), 32);
}

/** Creates a pseudonymizer; the secret is copied, derived keys are cached per (purpose, epoch). */
export function createPseudonymizer(options: PseudonymizerOptions): Pseudonymizer {
  if (options.secret.length < MIN_SECRET_BYTES) throw new RangeError(`the pseudonymization secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const digestBytes = options.digestBytes ?? DEFAULT_DIGEST_BYTES;
  if (!Number.isInteger(digestBytes) || digestBytes < 16 || digestBytes > 32) throw new RangeError('digestBytes must be an integer in 16..32 (at least 128 bits)');
  const impl = typeof options.backend === 'object' ? options.backend : BACKENDS[options.backend ?? 'node'];
  const policy = options.epochPolicy ?? 'quarterly';
  const secret = Uint8Array.from(options.secret);
  const macs = new Map<string, (message: string) => Uint8Array>();

  function macFor(purpose: string, epoch: string): (message: string) => Uint8Array {
    const id = `${purpose}|${epoch}`;
    let mac = macs.get(id);
    if (!mac) {
      mac = impl.hmacWith(derivePseudonymKey(secret, purpose, epoch, impl));
      macs.set(id, mac);
    }
    return mac;
  }

  function pseudonym(subjectId: string, purpose: string, epoch: string): string {
    if (subjectId.length === 0) throw new RangeError('subjectId is empty');
    const mac = macFor(purpose, epoch);
    return `${purpose}.${epoch}.${base32(mac(subjectId).subarray(0, digestBytes))}`;
  }

  return {
    pseudonym,
    pseudonymAt: (subjectId, purpose, at) => pseudonym(subjectId, purpose, epochOf(at, policy)),
    epochOf: (at) => epochOf(at, policy),
    backend: impl.name,
  };
}
