// Authorised opening of a child-safety alert's identity envelope (alerts.child-safety.v1, issue 8):
// only a CHILD_PROTECTION_OFFICER may learn which child an alert is about; every attempt, allowed,
// refused or failed, is one record in the audit chain. The audit subject is the alert's risk
// pseudonym, never the decrypted child id: the chain is immutable and must not keep an identity
// that crypto-shredding the child is meant to erase.
import type { AuditLog } from '@cwp/audit';
import type { KeyStorePort } from '@cwp/crypto';
import { openAlertIdentity } from '@cwp/crypto';
import { AuthorizationError, PlatformError } from '@cwp/errors';
import type { Reader } from './decrypt-event.js';

/** Roles allowed to open alert identities (auditors review the log, they do not identify children). */
export const ALERT_IDENTITY_READER_ROLES = ['CHILD_PROTECTION_OFFICER'] as const;
/** Audit action of every attempt to open an alert identity. */
export const DECRYPT_ALERT_IDENTITY = 'DECRYPT_ALERT_IDENTITY';

/** The fields of a ChildSafetyAlert the opener needs. */
export interface AlertIdentityRef {
  readonly alertId: string;
  readonly childPseudonym: string;
  readonly identityEnvelope: string;
}

/** Opens alert identity envelopes for authorised readers, auditing every attempt. */
export interface AlertIdentityOpener {
  /**
   * The child id of `alert`. AuthorizationError for any role but CHILD_PROTECTION_OFFICER or without
   * actor/purpose; KeyUnavailableError KEY_SHREDDED once the child was shredded; CryptoError when the
   * envelope was tampered with or belongs to another alert.
   */
  open(alert: AlertIdentityRef, reader: Reader): Promise<string>;
}

/** Creates the opener over the key store's read port and the audit log. */
export function createAlertIdentityOpener(deps: { readonly keys: Pick<KeyStorePort, 'dekFor'>; readonly audit: AuditLog }): AlertIdentityOpener {
  return {
    async open(alert, reader) {
      const base = { actor: reader.actor, role: reader.role, action: DECRYPT_ALERT_IDENTITY, subject: alert.childPseudonym, purpose: reader.purpose };
      if (!(ALERT_IDENTITY_READER_ROLES as readonly string[]).includes(reader.role)) {
        await deps.audit.append({ ...base, outcome: 'DENIED', details: { alertId: alert.alertId, reason: 'role not allowed to open alert identities' } });
        throw new AuthorizationError('ROLE_NOT_ALLOWED', `role ${reader.role.slice(0, 40)} may not open alert identities; allowed: ${ALERT_IDENTITY_READER_ROLES.join(', ')}`);
      }
      if (reader.purpose.trim() === '' || reader.actor.trim() === '') {
        await deps.audit.append({ ...base, outcome: 'DENIED', details: { alertId: alert.alertId, reason: 'missing actor or purpose' } });
        throw new AuthorizationError('PURPOSE_REQUIRED', 'a reader must name themselves and the purpose of the read');
      }
      try {
        const childId = await openAlertIdentity(alert.identityEnvelope, alert.alertId, deps.keys);
        await deps.audit.append({ ...base, outcome: 'SUCCESS', details: { alertId: alert.alertId } });
        return childId;
      } catch (err) {
        // A retriable failure (PostgreSQL, KMS) is not an outcome: the reader retries, the audit log is likely down too.
        if (!(err instanceof PlatformError && err.retriable)) {
          await deps.audit.append({ ...base, outcome: 'FAILURE', details: { alertId: alert.alertId, reason: err instanceof PlatformError ? err.code : 'DECRYPT_FAILED' } });
        }
        throw err;
      }
    },
  };
}
