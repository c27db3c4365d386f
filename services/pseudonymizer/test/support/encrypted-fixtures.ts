// Broker-free fixtures: generated raw events → classify (a consent port given by the test) →
// sealEvent under in-memory DEKs → an Avro round trip through events.encrypted.v1's schema, so the
// pseudonymizer sees exactly the decoded shapes it gets from Kafka (ciphertext Buffers included).
import { createSecretKey, randomBytes } from 'node:crypto';
import type { ConsentState } from '@cwp/avro';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { classify, planFields } from '@cwp/classifier';
import type { DataKey } from '@cwp/crypto';
import { planEncryption, sealEvent } from '@cwp/encryptor';
import type { GeneratedEvent } from '@cwp/synthetic';
import { createGenerator } from '@cwp/synthetic';
import type { EncryptedEventIn } from '../../src/index.js';

const catalog = loadSchemaCatalog();
const rawPlan = planFields(catalog.resolve('cwp.events.RawEvent'));
const encPlan = planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME));
const encryptedType = catalog.type(ENCRYPTED_EVENT_NAME);

/** Consent for a subject: every purpose granted, none, or a per-subject choice. */
export type ConsentChoice = 'all' | 'none' | ((subjectId: string) => readonly ConsentState[]);

/** Every consent purpose with `granted`. */
export function consentAll(granted: boolean): ConsentState[] {
  return ['analytics', 'research', 'media'].map((purpose) => ({ purpose, granted, expiresAt: null }));
}

/** One generated event and its encrypted form as decoded from events.encrypted.v1. */
export interface EncryptedFixture {
  readonly generated: GeneratedEvent;
  readonly encrypted: EncryptedEventIn;
}

/** Encrypts generated events through the real classifier and encryptor code paths. */
export async function encryptGenerated(generated: readonly GeneratedEvent[], consent: ConsentChoice = 'all'): Promise<EncryptedFixture[]> {
  const deks = new Map<string, DataKey>();
  const dekOf = (subjectId: string): DataKey => {
    let k = deks.get(subjectId);
    if (!k) deks.set(subjectId, (k = { keyId: `k1_${randomBytes(8).toString('hex')}`, version: 1, key: createSecretKey(randomBytes(32)) }));
    return k;
  };
  const port = { current: (subjectId: string) => Promise.resolve(consent === 'all' ? consentAll(true) : consent === 'none' ? consentAll(false) : consent(subjectId)) };
  const out: EncryptedFixture[] = [];
  for (const g of generated) {
    const classified = await classify(g.event, { plan: rawPlan, consent: port, outputTopic: 'unit.classified' });
    const sealed = sealEvent(classified, dekOf(classified.subjectId), encPlan, 1, classified.classifiedAt);
    out.push({ generated: g, encrypted: encryptedType.fromBuffer(encryptedType.toBuffer(sealed)) as EncryptedEventIn });
  }
  return out;
}

/** `n` generated events, encrypted. */
export async function encryptedEvents(n: number, seed: string | number, consent: ConsentChoice = 'all'): Promise<EncryptedFixture[]> {
  return encryptGenerated(createGenerator({ seed }).batch(n), consent);
}
