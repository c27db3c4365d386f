// Authorised decryption of events.encrypted.v1: verify and decrypt every ciphertext of an event
// for a named reader role, and write an audit record of who read which fields of whom and why,
// whether it succeeded or not. Only CHILD_PROTECTION_OFFICER and AUDITOR may read, or a named
// person holding a valid break-glass grant (break-glass.ts); anyone else is refused, and the refusal
// is audited and raised as an AUTHORIZATION_FAILURE security alert. Each break-glass read raises a
// BREAK_GLASS alert before anything is decrypted; a reader's volume crossing the bulk threshold
// raises BULK_DECRYPTION.
import { randomUUID } from 'node:crypto';
import type { ClassifiedEvent, JsonObject } from '@cwp/avro';
import type { AuditLog } from '@cwp/audit';
import type { DataKey, KeyStorePort } from '@cwp/crypto';
import { CryptoError, isRecordSealed, openField, openRecordFields, parseFieldEnvelope, recordKeyOf } from '@cwp/crypto';
import { AuthorizationError, PlatformError } from '@cwp/errors';
import type { Serde } from '@cwp/registry';
import type { SecurityAlertSink } from '@cwp/stream-runtime';
import type { BreakGlassGrant, BreakGlassStore } from './break-glass.js';
import type { EncryptionPlan } from './encryption-plan.js';
import { mapPlannedFields, payloadBranch, planEncryption } from './encryption-plan.js';
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
  const { branch, body } = payloadBranch(event.payload, plan.byEncryptedName);
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
  // Pass 1: the ciphertext slots in record order; pass 2 (synchronous) puts the plaintexts back.
  const slots: { path: string; bytes: Buffer }[] = [];
  walk(event, plan, (path, value) => { slots.push({ path, bytes: value as Buffer }); return value; });
  let plaintexts: Buffer[];
  if (slots.length > 0 && isRecordSealed(slots[0]!.bytes)) {
    // Format version 2: one GCM ciphertext over all the record's fields, under the key its head names.
    const { keyId, dekVersion } = recordKeyOf(slots[0]!.bytes);
    const dek = await keys.dekFor(keyId, dekVersion);
    plaintexts = openRecordFields(dek.key, { eventId: event.eventId, schemaId }, slots);
  } else {
    // Format version 1 (records written before the record-sealed format): one envelope per field.
    const envelopes = slots.map((s) => parseFieldEnvelope(s.bytes));
    const dek = new Map<string, DataKey>();
    for (const env of envelopes) {
      const k = `${env.keyId}:${env.dekVersion}`;
      if (!dek.has(k)) dek.set(k, await keys.dekFor(env.keyId, env.dekVersion));
    }
    plaintexts = envelopes.map((env, i) => {
      const key = dek.get(`${env.keyId}:${env.dekVersion}`);
      if (!key) throw new CryptoError('KEY_MISSING', 'a ciphertext names a key that was not fetched');
      return openField(env, key.key, { eventId: event.eventId, fieldPath: slots[i]!.path, schemaId });
    });
  }
  const fields: string[] = [];
  let next = 0;
  const out = walk(event, plan, (fieldPath) => {
    const plain = plaintexts[next++];
    if (!plain) throw new CryptoError('BAD_ENVELOPE', 'the record has more protected fields than ciphertexts');
    fields.push(fieldPath);
    try {
      return JSON.parse(plain.toString('utf8')) as unknown;
    } finally {
      plain.fill(0); // the decrypted bytes do not outlive the value built from them
    }
  });
  const { encryptedAt: _encryptedAt, redactedText: _redactedText, ...rest } = out.envelope;
  return { event: { ...rest, payload: { [out.rawName]: out.payload } } as unknown as ClassifiedEvent, fields };
}

/** Decrypts framed events.encrypted.v1 values for authorised readers, auditing every attempt. */
export interface AuthorisedDecryptor {
  /** Decodes (registry), authorises, decrypts and audits one record value. */
  decrypt(bytes: Buffer, reader: Reader): Promise<ClassifiedEvent>;
}

/** Volume alerting: BULK_DECRYPTION once a reader's successful decryptions in `windowMs` reach `threshold`. */
export interface BulkDecryptionPolicy {
  readonly threshold: number;
  readonly windowMs: number;
}

/** What the decryptor stands on. Without `alerts`, nothing is raised (tests of the cipher path only). */
export interface DecryptorDeps {
  /** Decodes records and gives each one's writer schema, from which its decryption is planned. */
  readonly serde: Serde;
  readonly keys: KeyStorePort;
  readonly audit: AuditLog;
  /** SOC alerts: AUTHORIZATION_FAILURE on a refusal, BREAK_GLASS on each break-glass use, BULK_DECRYPTION. */
  readonly alerts?: SecurityAlertSink;
  /** Break-glass grants that let a named person read outside READER_ROLES for a while. */
  readonly breakGlass?: BreakGlassStore;
  readonly bulk?: BulkDecryptionPolicy;
  readonly clock?: () => Date;
}

const SERVICE = 'cwp-decrypt';

/** The audit fields every record of one read shares. */
interface AuditBase {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly subject: string;
  readonly purpose: string;
}

/** Creates the authorised decryptor. */
export function createAuthorisedDecryptor(deps: DecryptorDeps): AuthorisedDecryptor {
  const clock = deps.clock ?? (() => new Date());
  // A record is planned from the schema it was WRITTEN with (its frame's id), never from today's
  // catalog: a record-sealed ciphertext authenticates its writer's field set and order, so a later
  // schema that adds, drops, reorders or unmarks an encrypted field must not change how old records
  // are opened.
  const plans = new Map<number, Promise<EncryptionPlan>>();
  function planFor(schemaId: number): Promise<EncryptionPlan> {
    let p = plans.get(schemaId);
    if (!p) {
      p = deps.serde.writerSchema(schemaId).then((json) => planEncryption(json as JsonObject));
      p.catch(() => plans.delete(schemaId));
      plans.set(schemaId, p);
    }
    return p;
  }

  async function refuse(base: AuditBase, eventId: string, reason: string, error: AuthorizationError): Promise<never> {
    await deps.audit.append({ ...base, outcome: 'DENIED', details: { eventId, reason } });
    if (deps.alerts) {
      try {
        await deps.alerts.raise({
          alertId: randomUUID(), category: 'AUTHORIZATION_FAILURE', severity: 'HIGH', service: SERVICE, principal: base.actor || null,
          description: `A decryption of events.encrypted.v1 was refused: ${reason}.`, occurredAt: clock().getTime(),
          attributes: { role: base.role.slice(0, 60), code: error.code },
        });
      } catch (alertError) {
        throw new AuthorizationError(error.code, `${error.message} (and the security alert could not be sent: ${(alertError as Error).message})`, { cause: alertError });
      }
    }
    throw error;
  }

  return {
    async decrypt(bytes, reader) {
      const { schemaId, value } = await deps.serde.decode<EncryptedEvent>(bytes);
      const base: AuditBase = { actor: reader.actor, role: reader.role, action: 'encrypted-event.decrypt', subject: value.subjectId, purpose: reader.purpose };
      const now = clock();
      let grant: BreakGlassGrant | null = null;
      if (!(READER_ROLES as readonly string[]).includes(reader.role)) {
        grant = deps.breakGlass && reader.actor.trim() !== '' ? await deps.breakGlass.activeGrant(reader.actor, now) : null;
        if (!grant) {
          return refuse(base, value.eventId, 'role not allowed to read decrypted records and no valid break-glass grant',
            new AuthorizationError('ROLE_NOT_ALLOWED', `role ${reader.role.slice(0, 40)} may not decrypt records; allowed: ${READER_ROLES.join(', ')}, or a valid break-glass grant`));
        }
      }
      if (reader.purpose.trim() === '' || reader.actor.trim() === '') {
        return refuse(base, value.eventId, 'missing actor or purpose', new AuthorizationError('PURPOSE_REQUIRED', 'a reader must name themselves and the purpose of the read'));
      }
      // A break-glass read is announced before any plaintext exists: no SOC alert, no read.
      if (grant) {
        if (!deps.alerts) throw new AuthorizationError('BREAK_GLASS_UNANNOUNCED', 'break-glass reads need the security alert sink: none is configured');
        await deps.alerts.raise({
          alertId: randomUUID(), category: 'BREAK_GLASS', severity: 'CRITICAL', service: SERVICE, principal: reader.actor,
          description: 'A record was decrypted under a break-glass grant.', occurredAt: now.getTime(),
          attributes: { event: 'use', grantId: grant.grantId, grantedBy: grant.grantedBy, expiresAt: grant.expiresAt.toISOString(), role: reader.role.slice(0, 60) },
        });
      }
      let decrypted: { event: ClassifiedEvent; fields: string[] };
      try {
        decrypted = await decryptEvent(value, schemaId, deps.keys, await planFor(schemaId));
      } catch (err) {
        const code = err instanceof PlatformError ? err.code : 'DECRYPT_FAILED';
        if (!(err instanceof PlatformError && err.retriable)) await deps.audit.append({ ...base, outcome: 'FAILURE', details: { eventId: value.eventId, reason: code } });
        throw err;
      }
      await deps.audit.append({
        ...base, outcome: 'SUCCESS',
        details: { eventId: value.eventId, eventType: value.eventType, schemaId, fields: decrypted.fields.join(','), ...(grant ? { breakGlassGrant: grant.grantId } : {}) },
      });
      if (deps.bulk && deps.alerts) {
        // Exactly once per crossing: the read that brings the window's count to the threshold raises it.
        const since = new Date(now.getTime() - deps.bulk.windowMs);
        const n = await deps.audit.countSince({ actor: reader.actor, action: base.action, outcome: 'SUCCESS', since });
        if (n === deps.bulk.threshold) {
          await deps.alerts.raise({
            alertId: randomUUID(), category: 'BULK_DECRYPTION', severity: 'HIGH', service: SERVICE, principal: reader.actor,
            description: `${n} records decrypted by one reader within ${Math.round(deps.bulk.windowMs / 60_000)} min (threshold ${deps.bulk.threshold}).`,
            occurredAt: now.getTime(),
            attributes: { decryptions: String(n), threshold: String(deps.bulk.threshold), windowMinutes: String(Math.round(deps.bulk.windowMs / 60_000)), role: reader.role.slice(0, 60) },
          });
        }
      }
      return decrypted.event;
    },
  };
}
