// The identity envelope of a child-safety alert (issue 8): the child id sealed as a cwp-field-v1
// ciphertext (AES-256-GCM, NIST SP 800-38D) under the child's own DEK, so crypto-shredding the child
// also makes every alert identity unreadable. The AAD is fieldAad with eventId = the alert id,
// fieldPath = the purpose label "cwp-alert-identity-v1" and schemaId = 0 (no registry frame: ids
// start at 1), plus the envelope header, so an envelope moved to another alert, or presented as an
// event field (whose paths are record paths and schema ids real ones), fails to decrypt.
//
//   sealed:   "cwp-alert-identity-v1.sealed.<base64url(cwp-field-v1 bytes)>"
//   shredded: "cwp-alert-identity-v1.shredded"   (the child was shredded when the alert was raised:
//             the alert still goes out, for vital interest, but carries no identity at all)
import type { DataKey, FieldContext } from './field-envelope.js';
import { openField, parseFieldEnvelope, sealField } from './field-envelope.js';
import { CryptoError, KeyUnavailableError } from './errors.js';
import type { KeyStorePort } from './key-store/key-store.js';

/** Purpose label bound into the AAD of every alert identity envelope. */
export const ALERT_IDENTITY_PURPOSE = 'cwp-alert-identity-v1';
/** The envelope of an alert about a child that was already crypto-shredded: no ciphertext, no plaintext. */
export const SHREDDED_ALERT_IDENTITY = `${ALERT_IDENTITY_PURPOSE}.shredded`;
const SEALED_PREFIX = `${ALERT_IDENTITY_PURPOSE}.sealed.`;

/** The AAD context of alert `alertId`'s identity envelope. */
export function alertIdentityContext(alertId: string): FieldContext {
  return { eventId: alertId, fieldPath: ALERT_IDENTITY_PURPOSE, schemaId: 0 };
}

/** Seals `childId` under `dek` (the child's current DEK) for alert `alertId`; a fresh random nonce per call. */
export function sealAlertIdentity(dek: DataKey, childId: string, alertId: string): string {
  if (childId === '' || alertId === '') throw new CryptoError('BAD_CONTEXT', 'an alert identity needs a child id and an alert id');
  return SEALED_PREFIX + sealField(dek, alertIdentityContext(alertId), Buffer.from(childId, 'utf8')).toString('base64url');
}

/** True when the envelope is the shredded marker (the alert was raised after the child was shredded). */
export function isShreddedAlertIdentity(envelope: string): boolean {
  return envelope === SHREDDED_ALERT_IDENTITY;
}

/**
 * Opens an alert's identity envelope with the DEK its header names. KeyUnavailableError('KEY_SHREDDED')
 * when the child was shredded (before or after the alert), CryptoError BAD_ENVELOPE / DECRYPT_FAILED
 * when malformed, tampered or bound to another alert. No authorisation here: see @cwp/encryptor.
 */
export async function openAlertIdentity(envelope: string, alertId: string, keys: Pick<KeyStorePort, 'dekFor'>): Promise<string> {
  if (isShreddedAlertIdentity(envelope)) throw new KeyUnavailableError('KEY_SHREDDED', 'the child was crypto-shredded before this alert was raised; the alert carries no identity');
  if (!envelope.startsWith(SEALED_PREFIX)) throw new CryptoError('BAD_ENVELOPE', `not a ${ALERT_IDENTITY_PURPOSE} envelope`);
  const body = envelope.slice(SEALED_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new CryptoError('BAD_ENVELOPE', 'alert identity envelope is not base64url');
  const parsed = parseFieldEnvelope(Buffer.from(body, 'base64url'));
  const dek = await keys.dekFor(parsed.keyId, parsed.dekVersion);
  return openField(parsed, dek.key, alertIdentityContext(alertId)).toString('utf8');
}
