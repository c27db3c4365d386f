// Authorised decryption of events.encrypted.v1: verify and decrypt every ciphertext of an event
// for a named reader role, and write an audit record of who read which fields of whom and why,
// whether it succeeded or not. Only CHILD_PROTECTION_OFFICER and AUDITOR may read; anyone else is
// refused (and that refusal is audited too).
import type { ClassifiedEvent } from '@cwp/avro';
import type { AuditLog } from '@cwp/audit';
import type { DataKey, KeyStorePort } from '@cwp/crypto';
import { CryptoError, openField, parseFieldEnvelope } from '@cwp/crypto';
import { AuthorizationError, PlatformError, ValidationError } from '@cwp/errors';
import type { Serde } from '@cwp/registry';
import type { EncryptionPlan } from './encryption-plan.js';
import { mapPlannedFields } from './encryption-plan.js';
import type { EncryptedEvent } from './types.js';

/** Roles allowed to read decrypted records. */
export const READER_ROLES = ['CHILD_PROTECTION_OFFICER', 'AUDITOR'] as const;
/** One of READER_ROLES. */
export type ReaderRole = (typeof READER_ROLES)[number];

/** Who reads, in which role, and why (the purpose is mandatory and audited). */
export interface Reader {
  readonly actor: string;
  readonly role: string;
  readonly purpose: string;
}

function walk(event: EncryptedEvent, plan: EncryptionPlan, map: (path: string, value: unknown) => unknown): { envelope: Record<string, unknown>; rawName: string; payload: Record<string, unknown> } {
  const [encName, body] = Object.entries(event.payload)[0] ?? [];
  const branch = encName === undefined ? undefined : plan.byEncryptedName.get(encName);
  if (!branch || body === undefined) throw new ValidationError('UNKNOWN_PAYLOAD', `payload branch ${JSON.stringify(String(encName).slice(0, 60))} is not an encrypted record`);
  return {
    envelope: mapPlannedFields(event, plan.envelope, '', map),
    rawName: branch.rawName,
    payload: mapPlannedFields(body, branch.plan, `payload.${branch.shortName}`, map),
  };
}

/**
 * Decrypts every ciphertext of `event`, framed with schema `schemaId`; returns the classified event
 * and the decrypted field paths. Throws KeyUnavailableError (KEY_SHREDDED) when the subject was
 * shredded, CryptoError when any ciphertext fails authentication (moved, tampered).
 */
export async function decryptEvent(event: EncryptedEvent, schemaId: number, keys: KeyStorePort, plan: EncryptionPlan): Promise<{ event: ClassifiedEvent; fields: string[] }> {
  // Pass 1: which keys the ciphertexts name; pass 2 (synchronous) opens them.
  const wanted = new Map<string, { keyId: string; version: number }>();
  walk(event, plan, (_path, value) => {
    const env = parseFieldEnvelope(value as Buffer);
    wanted.set(`${env.keyId}:${env.dekVersion}`, { keyId: env.keyId, version: env.dekVersion });
    return value;
  });
  const dek = new Map<string, DataKey>();
  for (const [k, { keyId, version }] of wanted) dek.set(k, await keys.dekFor(keyId, version));
  const fields: string[] = [];
  const out = walk(event, plan, (fieldPath, value) => {
    const env = parseFieldEnvelope(value as Buffer);
    const key = dek.get(`${env.keyId}:${env.dekVersion}`);
    if (!key) throw new CryptoError('KEY_MISSING', 'a ciphertext names a key that was not fetched');
    const plain = openField(env, key.key, { eventId: event.eventId, fieldPath, schemaId });
    fields.push(fieldPath);
    return JSON.parse(plain.toString('utf8')) as unknown;
  });
  const { encryptedAt: _encryptedAt, ...rest } = out.envelope;
  return { event: { ...rest, payload: { [out.rawName]: out.payload } } as unknown as ClassifiedEvent, fields };
}

/** Decrypts framed events.encrypted.v1 values for authorised readers, auditing every attempt. */
export interface AuthorisedDecryptor {
  /** Decodes (registry), authorises, decrypts and audits one record value. */
  decrypt(bytes: Buffer, reader: Reader): Promise<ClassifiedEvent>;
}

/** Creates the authorised decryptor. */
export function createAuthorisedDecryptor(deps: { readonly serde: Serde; readonly keys: KeyStorePort; readonly plan: EncryptionPlan; readonly audit: AuditLog }): AuthorisedDecryptor {
  return {
    async decrypt(bytes, reader) {
      const { schemaId, value } = await deps.serde.decode<EncryptedEvent>(bytes);
      const base = { actor: reader.actor, role: reader.role, action: 'encrypted-event.decrypt', subject: value.subjectId, purpose: reader.purpose };
      if (!(READER_ROLES as readonly string[]).includes(reader.role)) {
        await deps.audit.append({ ...base, outcome: 'DENIED', details: { eventId: value.eventId, reason: 'role not allowed to read decrypted records' } });
        throw new AuthorizationError('ROLE_NOT_ALLOWED', `role ${reader.role.slice(0, 40)} may not decrypt records; allowed: ${READER_ROLES.join(', ')}`);
      }
      if (reader.purpose.trim() === '' || reader.actor.trim() === '') {
        await deps.audit.append({ ...base, outcome: 'DENIED', details: { eventId: value.eventId, reason: 'missing actor or purpose' } });
        throw new AuthorizationError('PURPOSE_REQUIRED', 'a reader must name themselves and the purpose of the read');
      }
      try {
        const { event, fields } = await decryptEvent(value, schemaId, deps.keys, deps.plan);
        await deps.audit.append({ ...base, outcome: 'SUCCESS', details: { eventId: value.eventId, eventType: value.eventType, schemaId, fields: fields.join(',') } });
        return event;
      } catch (err) {
        const code = err instanceof PlatformError ? err.code : 'DECRYPT_FAILED';
        if (!(err instanceof PlatformError && err.retriable)) await deps.audit.append({ ...base, outcome: 'FAILURE', details: { eventId: value.eventId, reason: code } });
        throw err;
      }
    },
  };
}
