import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClassifiedEvent, RawEvent } from '@cwp/avro';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { CryptoError, RECORD_HEAD_V2, recordKeyOf, sealField } from '@cwp/crypto';
import { DependencyError, ValidationError } from '@cwp/errors';
import { releaseText, scanText } from '@cwp/pii';
import { createTestDriver } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import type { EncryptedEvent } from '../src/index.js';
import { createEncryptor, decryptEvent, encryptEvent, mapPlannedFields, planEncryption } from '../src/index.js';
import { createMemoryKeys } from './memory-keys.js';

const catalog = loadSchemaCatalog();
const plan = planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME));
const encryptedType = catalog.type(ENCRYPTED_EVENT_NAME);
const classifiedType = catalog.type('cwp.events.ClassifiedEvent');
const SCHEMA_ID = 7;
const NOW = new Date(Date.UTC(2026, 10, 25, 9, 0, 0));

function classified(e: RawEvent): ClassifiedEvent {
  return { ...e, classifiedAt: NOW.getTime() - 1000, overallSensitivity: 'RESTRICTED', fieldSensitivity: [], piiFindings: [{ field: 'x', type: 'NIK', start: 0, end: 16, confidence: 0.9, detector: 'd' }], consentRequired: e.subjectType === 'CHILD', consent: [] };
}

/** Every string left in clear in a (decoded) value: ciphertext Buffers are skipped. */
function clearStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) clearStrings(x, out);
  else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) for (const x of Object.values(v)) clearStrings(x, out);
  return out;
}

/** Every string value of a direct/sensitive/free-text field, from the plan over the original event. */
function protectedStrings(e: ClassifiedEvent): string[] {
  const [rawName, body] = Object.entries(e.payload as Record<string, unknown>)[0]!;
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(collect);
  };
  mapPlannedFields(body as Record<string, unknown>, plan.byRawName.get(rawName)!.plan, '', (_p, v) => { collect(v); return v; });
  return out;
}

const deps = (keys = createMemoryKeys()) => ({ plan, keys, schemaId: SCHEMA_ID, outputTopic: 'events.encrypted.v1', clock: () => NOW });

test('the plan covers all ten payload branches and the envelope encrypts nothing (subjectId stays clear)', () => {
  assert.equal(plan.byRawName.size, 10);
  assert.deepEqual(plan.envelope.encrypt, []);
  const child = plan.byRawName.get('cwp.child.ChildRecord')!;
  assert.equal(child.encryptedName, 'cwp.encrypted.ChildRecord');
  assert.deepEqual(child.plan.encrypt, ['childId', 'nik', 'fullName', 'nickname', 'caseworkerId', 'caseNotes']);
  assert.deepEqual(child.plan.nested.map((n) => n.name), ['address', 'guardian', 'medical']);
});

test('1000 generated events: valid EncryptedEvents, no protected plaintext in the Avro bytes, decrypt gives the original back', async () => {
  const keys = createMemoryKeys();
  const gen = createGenerator({ seed: 51 });
  let checkedValues = 0;
  for (const { event } of gen.batch(1000)) {
    const input = classified(event);
    const out = await encryptEvent(input, deps(keys));
    const paths: string[] = [];
    assert.ok(encryptedType.isValid(out, { errorHook: (p) => paths.push(p.join('.')) }), `${event.eventType}: ${paths.join(', ')}`);
    assert.equal(out.subjectId, input.subjectId);
    assert.equal(out.encryptedAt, NOW.getTime());
    assert.deepEqual(out.piiFindings, input.piiFindings);
    const bytes = encryptedType.toBuffer(out);
    // A free-text value whose released form is itself (every word on the lexicon, no PII) is in clear
    // by design, in redactedText; nothing else of the output excuses a value.
    const released = new Set(Object.values(out.redactedText));
    const clear = clearStrings({ ...out, redactedText: {} });
    for (const s of protectedStrings(input)) {
      // Short values ('O', 'BCG') occur in random bytes by chance; a value that also sits in a clear
      // field is not a leak of this one (payload childId = envelope subjectId, which stays clear by
      // design; an immunisation date = the quasi dateOfBirth).
      if (s.length < 6 || clear.some((c) => c.includes(s)) || (released.has(s) && releaseText(s, []) === s)) continue;
      assert.ok(!bytes.includes(Buffer.from(s, 'utf8')), `${event.eventType}: a protected value appears in clear: ${JSON.stringify(s)}`);
      checkedValues += 1;
    }
    const back = await decryptEvent(encryptedType.fromBuffer(bytes) as EncryptedEvent, SCHEMA_ID, keys, plan);
    assert.deepEqual(classifiedType.fromBuffer(classifiedType.toBuffer(back.event)), classifiedType.fromBuffer(classifiedType.toBuffer(input)));
  }
  assert.ok(checkedValues > 3000, `checked ${checkedValues} protected values`);
});

test('free text: every free-text string field gets its released form in redactedText (the classifier\'s spans as placeholders, then the lexicon guard); no planted PII value is in it', async () => {
  const keys = createMemoryKeys();
  let texts = 0;
  let placeholders = 0;
  for (const { event, planted } of createGenerator({ seed: 53 }).batch(1000)) {
    const [rawName, body] = Object.entries(event.payload as unknown as Record<string, Record<string, unknown>>)[0]!;
    const branch = plan.byRawName.get(rawName)!;
    const expected: Record<string, string> = {};
    const findings: ClassifiedEvent['piiFindings'][number][] = [];
    for (const name of branch.plan.freeText) {
      const text = body[name];
      if (typeof text !== 'string') continue;
      const path = `payload.${branch.shortName}.${name}`;
      const spans = scanText(text);
      for (const f of spans) findings.push({ field: path, type: f.type, start: f.start, end: f.end, confidence: f.confidence, detector: f.detector });
      expected[path] = releaseText(text, spans);
    }
    const out = await encryptEvent({ ...classified(event), piiFindings: findings }, deps(keys));
    assert.deepEqual(out.redactedText, expected);
    for (const text of Object.values(out.redactedText)) {
      texts += 1;
      placeholders += (text.match(/\[[A-Z_]+\]/g) ?? []).length;
      for (const p of planted) {
        if (p.value.length < 4) continue;
        const asWord = new RegExp(`(?<![\\p{L}\\d])${p.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'u');
        assert.ok(!asWord.test(text), `a planted ${p.kind} is in the released text of ${event.eventType}`);
      }
    }
  }
  assert.ok(texts > 400 && placeholders > texts, `${texts} released texts, ${placeholders} placeholders`);
  // Findings that do not fit the text are refused (dead-lettered), not applied.
  const child = createGenerator({ seed: 54 }).ofType('CHILD_RECORD').event;
  const [branchName, childBody] = Object.entries(child.payload)[0]!;
  const withNotes = { ...classified(child), payload: { [branchName]: { ...childBody, caseNotes: 'Anak diantar Ibu Sri ke posyandu.' } } } as unknown as ClassifiedEvent;
  const finding = (start: number, end: number) => ({ field: 'payload.ChildRecord.caseNotes', type: 'NAME', start, end, confidence: 1, detector: 'd' });
  assert.equal((await encryptEvent({ ...withNotes, piiFindings: [finding(17, 20)] }, deps(keys))).redactedText['payload.ChildRecord.caseNotes'], 'Anak diantar Ibu [NAME] ke posyandu.');
  for (const [start, end] of [[0, 100_000], [-1, 3], [5, 5], [1.5, 3]] as const) {
    await assert.rejects(encryptEvent({ ...withNotes, piiFindings: [finding(start, end)] }, deps(keys)), (e: unknown) => e instanceof ValidationError && e.code === 'PII_FINDING_OUT_OF_RANGE', `[${start}, ${end})`);
  }
});

test('a ciphertext moved to another field, another event or read under another schema id fails', async () => {
  const keys = createMemoryKeys();
  const gen = createGenerator({ seed: 52 });
  const a = classified(gen.ofType('DONATION').event);
  const encA = await encryptEvent(a, deps(keys));
  const body = encA.payload['cwp.encrypted.Donation']!;
  const swapped = { ...encA, payload: { 'cwp.encrypted.Donation': { ...body, donorName: body['email'] ?? body['donorId'], email: body['donorName'] } } };
  await assert.rejects(decryptEvent(swapped, SCHEMA_ID, keys, plan), CryptoError);
  const b = classified({ ...gen.ofType('DONATION').event, subjectId: a.subjectId });
  const encB = await encryptEvent(b, deps(keys));
  const moved = { ...encB, payload: { 'cwp.encrypted.Donation': { ...encB.payload['cwp.encrypted.Donation'], donorName: body['donorName'] } } };
  await assert.rejects(decryptEvent(moved, SCHEMA_ID, keys, plan), CryptoError);
  await assert.rejects(decryptEvent(encA, SCHEMA_ID + 1, keys, plan), CryptoError);
  await decryptEvent(encA, SCHEMA_ID, keys, plan);
});

test('after a DEK rotation new events use the new version and old ones still decrypt; after shredding nothing does', async () => {
  const keys = createMemoryKeys();
  const e1 = classified(createGenerator({ seed: 53 }).ofType('CHILD_RECORD').event);
  const enc1 = await encryptEvent(e1, deps(keys));
  keys.rotate(e1.subjectId);
  const e2 = { ...e1, eventId: '11111111-1111-4111-8111-111111111111' };
  const enc2 = await encryptEvent(e2, deps(keys));
  // The record's head slot (format version 2) names the DEK version; exactly one field holds it.
  const version = (e: EncryptedEvent) => {
    const heads = Object.values(e.payload['cwp.encrypted.ChildRecord']!).filter((v): v is Buffer => Buffer.isBuffer(v) && v[0] === RECORD_HEAD_V2);
    assert.equal(heads.length, 1);
    return recordKeyOf(heads[0]!).dekVersion;
  };
  assert.equal(version(enc1), 1);
  assert.equal(version(enc2), 2);
  await decryptEvent(enc1, SCHEMA_ID, keys, plan);
  await decryptEvent(enc2, SCHEMA_ID, keys, plan);
  keys.shred(e1.subjectId);
  await assert.rejects(decryptEvent(enc1, SCHEMA_ID, keys, plan), /destroyed/);
  await assert.rejects(decryptEvent(enc2, SCHEMA_ID, keys, plan), /destroyed/);
});

test('a shredded subject\'s late event is dead-lettered SUBJECT_SHREDDED with no key material in its headers; others go through', async () => {
  const keys = createMemoryKeys();
  const gen = createGenerator({ seed: 54 });
  const late = classified(gen.ofType('HEALTH_OBSERVATION').event);
  const other = classified(gen.ofType('MISSED_CHECK_IN').event);
  await keys.currentDek(late.subjectId);
  await keys.currentDek(other.subjectId);
  keys.shred(late.subjectId);
  const driver = createTestDriver(createEncryptor(deps(keys)), { stage: 'encryptor', inputTopic: 'events.classified.v1', outputs: ['events.encrypted.v1'] });
  const result = await driver.pipe([{ value: late, key: late.subjectId }, { value: other, key: other.subjectId }]);
  assert.equal(result.deadLetters.length, 1);
  const headers = result.deadLetters[0]!.headers;
  assert.equal(String(headers['dlq.error.code']), 'SUBJECT_SHREDDED');
  const headerText = Object.values(headers).map(String).join('|');
  for (const k of keys.raw.values()) {
    assert.ok(!headerText.includes(k.toString('hex')) && !headerText.includes(k.toString('base64')), 'no key bytes in DLQ headers');
  }
  assert.equal(result.outputs.length, 1);
  assert.equal(result.outputs[0]?.key, other.subjectId);
});

test('a key store outage (PostgreSQL, KMS) is retried, never dead-lettered', async () => {
  const down = { currentDek: () => Promise.reject(new DependencyError('POSTGRES_UNAVAILABLE', 'key store unreachable')), dekFor: () => Promise.reject(new Error('unused')) };
  const driver = createTestDriver(createEncryptor({ ...deps(), keys: down }));
  const result = await driver.process({ value: classified(createGenerator({ seed: 55 }).ofType('CHILD_RECORD').event) });
  assert.equal(result.deadLetters.length, 0);
  assert.equal(result.retries.length, 1);
});

test('an event without a subject id is dead-lettered: no key can be chosen for it', async () => {
  const e = classified(createGenerator({ seed: 56 }).ofType('DONATION').event);
  const driver = createTestDriver(createEncryptor(deps()));
  const result = await driver.process({ value: { ...e, subjectId: ' ' } });
  assert.equal(String(result.deadLetters[0]?.headers['dlq.error.code']), 'MISSING_SUBJECT_ID');
});

test('events written in format version 1 (one GCM envelope per field, before the record-sealed format) still decrypt; mixed formats fail', async () => {
  const keys = createMemoryKeys();
  const e = classified(createGenerator({ seed: 57 }).ofType('CHILD_RECORD').event);
  const dek = await keys.currentDek(e.subjectId);
  const [rawName, body] = Object.entries(e.payload as Record<string, unknown>)[0]!;
  const branch = plan.byRawName.get(rawName)!;
  // The v1 writer, as the encryptor wrote records before: sealField per planned field.
  const v1Payload = mapPlannedFields(body as Record<string, unknown>, branch.plan, `payload.${branch.shortName}`,
    (fieldPath, value) => sealField(dek, { eventId: e.eventId, fieldPath, schemaId: SCHEMA_ID }, Buffer.from(JSON.stringify(value), 'utf8')));
  const v1: EncryptedEvent = { ...(e as unknown as EncryptedEvent), payload: { [branch.encryptedName]: v1Payload }, encryptedAt: NOW.getTime() };
  const { event } = await decryptEvent(v1, SCHEMA_ID, keys, plan);
  assert.deepEqual(classifiedType.toBuffer(event), classifiedType.toBuffer(e));
  // One v2 slot inside a v1 record (or the reverse) is refused.
  const v2 = await encryptEvent(e, deps(keys));
  const v2Body = v2.payload[branch.encryptedName]!;
  const protectedNames = Object.keys(v1Payload).filter((k) => Buffer.isBuffer(v1Payload[k]));
  const mixed = { ...v1, payload: { [branch.encryptedName]: { ...v1Payload, [protectedNames[1]!]: v2Body[protectedNames[1]!] } } };
  await assert.rejects(decryptEvent(mixed, SCHEMA_ID, keys, plan), CryptoError);
  const mixed2 = { ...v2, payload: { [branch.encryptedName]: { ...v2Body, [protectedNames[1]!]: v1Payload[protectedNames[1]!] } } };
  await assert.rejects(decryptEvent(mixed2, SCHEMA_ID, keys, plan), CryptoError);
});
