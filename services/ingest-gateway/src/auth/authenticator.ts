// Decides who is calling: a client certificate bound to a source (mutual TLS) or a bearer key id
// and secret. Every failure is one of three reason codes that do not say which part was wrong, and
// an unknown key id costs the same hashing and comparing as a known one.
import type { GatewayErrorCode } from '../errors.js';
import { digestEquals, hashSecret, parseAuthorization } from './credentials.js';
import type { SourceStore } from './source-store.js';

/** The authenticated caller. */
export interface AuthenticatedSource {
  readonly keyId: string;
  readonly sourceSystem: string;
  readonly method: 'bearer' | 'certificate';
}

/** What the transport knows about the caller. */
export interface Credentials {
  readonly authorization: string | undefined;
  /** SHA-256 (lower-case hex) of the client certificate, when one was presented. */
  readonly peerCertSha256: string | null;
  /** True when the presented certificate chains to the configured client CA. */
  readonly peerCertAuthorized: boolean;
}

/** Outcome: the source, or the reason code to answer with. */
export type AuthResult = { readonly ok: true; readonly source: AuthenticatedSource } | { readonly ok: false; readonly code: Extract<GatewayErrorCode, 'AUTH_MISSING' | 'AUTH_MALFORMED' | 'AUTH_INVALID' | 'SOURCE_REVOKED'> };

/** Authenticates requests against the source store; `now` is injectable for grace-period tests. */
export function createAuthenticator(store: SourceStore, now: () => number = Date.now): (credentials: Credentials) => Promise<AuthResult> {
  return async (credentials) => {
    if (credentials.peerCertSha256 !== null) {
      // A certificate from outside the client CA is refused outright, whatever else is sent.
      if (!credentials.peerCertAuthorized) return { ok: false, code: 'AUTH_INVALID' };
      const bound = await store.findByCertFingerprint(credentials.peerCertSha256);
      if (bound) {
        if (bound.status !== 'active') return { ok: false, code: 'SOURCE_REVOKED' };
        return { ok: true, source: { keyId: bound.keyId, sourceSystem: bound.sourceSystem, method: 'certificate' } };
      }
      if (credentials.authorization === undefined) return { ok: false, code: 'AUTH_INVALID' };
    }
    const parsed = parseAuthorization(credentials.authorization);
    if (parsed.kind === 'missing') return { ok: false, code: 'AUTH_MISSING' };
    if (parsed.kind === 'malformed') return { ok: false, code: 'AUTH_MALFORMED' };
    const row = await store.findByKeyId(parsed.keyId);
    const presented = hashSecret(parsed.secret);
    const inGrace = row?.previousValidUntil != null && row.previousValidUntil.getTime() > now();
    // Both comparisons always run (against a dummy digest when absent) so timing says nothing.
    const current = digestEquals(presented, row?.secretSha256 ?? null);
    const previous = digestEquals(presented, inGrace ? (row?.previousSecretSha256 ?? null) : null);
    if (!row || !(current || previous)) return { ok: false, code: 'AUTH_INVALID' };
    // Only a caller holding the secret learns that the source is revoked.
    if (row.status !== 'active') return { ok: false, code: 'SOURCE_REVOKED' };
    return { ok: true, source: { keyId: row.keyId, sourceSystem: row.sourceSystem, method: 'bearer' } };
  };
}
