// The IdentitySealer on @cwp/crypto: the child id sealed under the child's own DEK (the encryptor's
// per-subject key store), AAD bound to the alert id and the purpose label cwp-alert-identity-v1
// (format and AAD: libs/crypto/src/alert-identity.ts). Crypto-shredding the child therefore makes
// every identity envelope of every alert about the child unreadable, as it does their records.
//
// Failures never drop an alert. The alert state is committed to Redis before sealing, so a thrown
// retriable error makes the runtime retry the batch and the replay re-seals the committed alerts:
//   - a shredded (tombstoned) child: the alert still goes out (vital interest) with the fixed
//     SHREDDED_ALERT_IDENTITY marker, no ciphertext and no plaintext; no key is created for it;
//   - PostgreSQL / KMS outages: the key store's retriable DependencyError, passed through;
//   - anything else the key store throws (unmigrated schema, a KEK version missing from the keyring,
//     a corrupt wrapped DEK): also a retriable DependencyError. Dead-lettering would lose an alert
//     whose state is already committed; pausing until an operator fixes the keys loses nothing.
import type { DataKey, KeyStorePort } from '@cwp/crypto';
import { SHREDDED_ALERT_IDENTITY, SubjectShreddedError, sealAlertIdentity } from '@cwp/crypto';
import { DependencyError, PlatformError } from '@cwp/errors';
import type { IdentitySealer } from './identity-sealer.js';

/** Creates the sealer over the key store's port (currentDek creates the child's DEK on first use). */
export function createKeyStoreIdentitySealer(deps: { readonly keys: Pick<KeyStorePort, 'currentDek'> }): IdentitySealer {
  return {
    async seal(childId, alertId) {
      let dek: DataKey;
      try {
        dek = await deps.keys.currentDek(childId);
      } catch (err) {
        if (err instanceof SubjectShreddedError) return SHREDDED_ALERT_IDENTITY;
        if (err instanceof PlatformError && err.retriable) throw err;
        // The cause's message may name a key id; never a child id or key bytes (libs/crypto errors).
        throw new DependencyError('IDENTITY_KEY_UNAVAILABLE', `the child's DEK could not be loaded (${err instanceof PlatformError ? err.code : 'unexpected error'}); the batch is retried until the key store is fixed`, { cause: err });
      }
      return sealAlertIdentity(dek, childId, alertId);
    },
  };
}
