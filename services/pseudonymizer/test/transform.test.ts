import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { createPseudonymizer } from '@cwp/pseudonym';
import { createTestDriver, DLQ_HEADERS } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import type { EncryptedEventIn, PseudonymizedEvent, WithheldReason } from '../src/index.js';
import { PSEUDONYMIZED_EVENT_NAME, createEventPseudonymizer, createPseudonymizerTransform, loadGeneralisationConfig, parseGeneralisationConfig } from '../src/index.js';
import { assertNoPlantedLexiconWord, assertReleasedForm, decodedStrings, maskLexiconWords, maskReleasedTextIn } from '../../../test/support/released-text.js';
import { consentAll, encryptGenerated, encryptedEvents } from './support/encrypted-fixtures.js';

const catalog = loadSchemaCatalog();
const outType = catalog.type(PSEUDONYMIZED_EVENT_NAME);
const generalisation = loadGeneralisationConfig();
const pseudonyms = createPseudonymizer({ secret: randomBytes(32) });
const deps = { pseudonyms, generalisation, outputTopic: 'events.pseudonymized.v1' };

function driverFor(extra: { onWithheld?: (r: WithheldReason) => void } = {}) {
  return createTestDriver(createPseudonymizerTransform({ ...deps, ...extra }), { stage: 'pseudonymizer', inputTopic: 'events.encrypted.v1', outputs: [deps.outputTopic] });
}

test('the output schema tags no field direct, carries no bytes and no raw free text; every quasi field is a generalised one', () => {
  const fields = catalog.resolve(PSEUDONYMIZED_EVENT_NAME)['fields'] as readonly JsonObject[];
  for (const f of fields) {
    assert.notEqual(f['pii'], 'direct', f['name'] as string);
    assert.notEqual(f['pii'], 'sensitive', f['name'] as string);
    assert.ok(!JSON.stringify(f['type']).includes('bytes'), `${f['name'] as string} holds no ciphertext`);
    assert.ok(!f['freeText'], `${f['name'] as string} is not free text`);
  }
  assert.deepEqual(fields.filter((f) => f['pii'] === 'quasi').map((f) => f['name']), ['occurredWeek', 'occurredMonth', 'ageBand', 'sex', 'district', 'province']);
});

test('generated events of every type come out valid, generalised and keyed by the analytics pseudonym; no planted PII in the bytes', async () => {
  const fixtures = await encryptedEvents(2000, 'transform-unit');
  const driver = driverFor();
  const res = await driver.pipe(fixtures.map((f) => ({ value: f.encrypted, key: f.encrypted.subjectId })));
  assert.equal(res.deadLetters.length, 0, JSON.stringify(res.deadLetters.map((d) => d.headers[DLQ_HEADERS.code])));
  assert.equal(res.outputs.length, fixtures.length, 'every subject has analytics consent or another basis here');
  const types = new Set<string>();
  const bytes: Buffer[] = [];
  const clear: string[] = [];
  for (const [i, o] of res.outputs.entries()) {
    const v = o.value as PseudonymizedEvent;
    const src = fixtures[i]!.encrypted;
    assert.ok(outType.isValid(v, { errorHook: (path) => assert.fail(`invalid at ${path.join('.')}`) }));
    assert.equal(o.key, v.pseudonyms['analytics']);
    assert.equal(o.headers, undefined, 'input headers are not carried over');
    assert.equal(v.eventId, src.eventId);
    assert.match(v.occurredWeek, /^\d{4}-W\d{2}$/);
    assert.match(v.occurredMonth, /^\d{4}-\d{2}$/);
    assert.ok(!('risk' in v.pseudonyms));
    if (v.subjectType === 'CHILD') {
      assert.equal(v.legalBasis, 'CONSENT');
      assert.deepEqual(Object.keys(v.pseudonyms), ['analytics', 'research', 'media']);
      assert.deepEqual(v.consentPurposes, ['analytics', 'research', 'media']);
    } else {
      assert.deepEqual(Object.keys(v.pseudonyms), ['analytics']);
      assert.deepEqual(v.consentPurposes, []);
      assert.notEqual(v.legalBasis, 'CONSENT');
    }
    if (v.eventType === 'CHILD_RECORD') {
      assert.match(v.ageBand ?? '', /^(0-4|5-9|10-14|15-17|18\+)$/);
      assert.equal(v.generalisation.dateOfBirth, 'age-band-5y');
      assert.ok(v.sex !== null);
    } else assert.equal(v.ageBand, null);
    if (['INCIDENT_REPORT', 'CARE_OPERATION', 'VOLUNTEER_ACTIVITY', 'PARTNER_RECORD', 'MISSING_CHILD_REPORT'].includes(v.eventType)) {
      assert.ok(v.province !== null && v.district !== null);
      assert.equal(v.generalisation.address, 'district');
    }
    if (v.eventType === 'DONATION') assert.ok(v.amountIdr !== null && v.programme !== null);
    types.add(v.eventType);
    // The record's random identifiers (its source's eventId and the base32 HMAC pseudonyms under this
    // run's random secret) are masked before searching: a lower-case planted name can be spelt by
    // chance inside base32 text, which is not a leak.
    // Released free text keeps lexicon words, inside which a planted name can be spelt by chance
    // ("hadi" in "hadir"); their whole words are masked inside the free text only (test/support/released-text.ts).
    const random = [v.eventId, ...Object.values(v.pseudonyms)];
    const masked = random.reduce((text, token) => text.split(token).join('#'), maskReleasedTextIn(outType.toBuffer(v), Object.values(v.freeText)).toString('latin1'));
    bytes.push(Buffer.from(masked, 'latin1'));
    clear.push(...decodedStrings({ ...v, freeText: Object.fromEntries(Object.entries(v.freeText).map(([k, t]) => [k, maskLexiconWords(t)])) }).filter((x) => !random.includes(x)));
  }
  assert.equal(types.size, 10, 'every event type covered');
  const all = Buffer.concat(bytes);
  let searched = 0;
  assertNoPlantedLexiconWord(fixtures.flatMap((f) => f.generated.planted.map((p) => p.value)));
  for (const f of fixtures) {
    for (const p of f.generated.planted) {
      if (p.value.length < 4) continue;
      assert.ok(!all.includes(Buffer.from(p.value, 'utf8')), `a planted ${p.kind} is in the output bytes`);
      assert.ok(!clear.some((s) => s.includes(p.value)), `a planted ${p.kind} is in a decoded output value`);
      searched += 1;
    }
    const subjectId = f.encrypted.subjectId;
    assert.ok(!all.includes(Buffer.from(subjectId, 'utf8')), 'no subject id in the output');
  }
  assert.ok(searched > 5000, `searched for ${searched} planted values`);
});

test('consent decides the pseudonyms: none → withheld, research only → research pseudonym and key, expired → not granted; never risk', async () => {
  const gen = createGenerator({ seed: 'consent-unit' });
  const children = Array.from({ length: 4 }, () => gen.ofType('INCIDENT_REPORT'));
  const choices = [
    consentAll(false),
    [{ purpose: 'analytics', granted: false, expiresAt: null }, { purpose: 'research', granted: true, expiresAt: null }, { purpose: 'risk', granted: true, expiresAt: null }],
    [{ purpose: 'analytics', granted: true, expiresAt: Date.UTC(2000, 0, 1) }, { purpose: 'media', granted: true, expiresAt: null }],
    consentAll(true),
  ];
  const bySubject = new Map(children.map((c, i) => [c.event.subjectId, choices[i]!]));
  const fixtures = await encryptGenerated(children, (id) => bySubject.get(id) ?? []);
  const withheld: WithheldReason[] = [];
  const res = await Promise.all(fixtures.map(async (f) => (await driverFor({ onWithheld: (r) => withheld.push(r) }).process({ value: f.encrypted })).outputs));
  assert.deepEqual(res[0], [], 'no granted purpose: nothing published');
  assert.deepEqual(withheld, ['NO_CONSENT']);
  const research = res[1]![0]!.value as PseudonymizedEvent;
  assert.deepEqual(Object.keys(research.pseudonyms), ['research']);
  assert.deepEqual(research.consentPurposes, ['research']);
  assert.equal(res[1]![0]!.key, research.pseudonyms['research']);
  const media = res[2]![0]!.value as PseudonymizedEvent;
  assert.deepEqual(Object.keys(media.pseudonyms), ['media'], 'expired analytics consent is not granted');
  assert.deepEqual(Object.keys((res[3]![0]!.value as PseudonymizedEvent).pseudonyms), ['analytics', 'research', 'media']);
});

test('records that cannot be generalised are dead-lettered with a code; a child flagged consent-free is refused', async () => {
  const gen = createGenerator({ seed: 'dlq-unit' });
  const [incident, child, volunteer, partner] = await encryptGenerated([gen.ofType('INCIDENT_REPORT'), gen.ofType('CHILD_RECORD'), gen.ofType('VOLUNTEER_ACTIVITY'), gen.ofType('PARTNER_RECORD')]);
  const withPayload = (e: EncryptedEventIn, patch: Record<string, unknown>): EncryptedEventIn => {
    const [name, body] = Object.entries(e.payload)[0]!;
    return { ...e, payload: { [name]: { ...body, ...patch } } };
  };
  const childBody = Object.values(child!.encrypted.payload)[0]!;
  const cases: [EncryptedEventIn, string][] = [
    [withPayload(incident!.encrypted, { province: '' }), 'PROVINCE_MISSING'],
    [withPayload(volunteer!.encrypted, { province: 'Atlantis' }), 'PROVINCE_UNKNOWN'],
    [withPayload(partner!.encrypted, { district: 'Jl. Merdeka No. 12' }), 'DISTRICT_INVALID'],
    [withPayload(child!.encrypted, { dateOfBirth: '2099-01-01' }), 'DOB_AFTER_EVENT'],
    [withPayload(child!.encrypted, { dateOfBirth: '12/03/2015' }), 'DOB_INVALID'],
    [withPayload(child!.encrypted, { address: { ...(childBody['address'] as object), province: ' ' } }), 'PROVINCE_MISSING'],
    [{ ...child!.encrypted, consentRequired: false, consent: [] }, 'CONSENT_FLAG_MISMATCH'],
    [{ ...volunteer!.encrypted, subjectType: 'MARTIAN' } as unknown as EncryptedEventIn, 'UNKNOWN_SUBJECT_TYPE'],
    [{ ...incident!.encrypted, subjectId: ' ' }, 'MISSING_SUBJECT_ID'],
    [{ ...incident!.encrypted, payload: { 'cwp.encrypted.Nope': {} } }, 'UNKNOWN_PAYLOAD'],
  ];
  for (const [value, code] of cases) {
    const r = await driverFor().process({ value, bytes: Buffer.from('original') });
    assert.equal(r.outputs.length, 0, code);
    assert.equal(r.deadLetters.length, 1, code);
    assert.equal(r.deadLetters[0]!.headers[DLQ_HEADERS.code], code);
    assert.equal(r.deadLetters[0]!.value?.toString(), 'original');
    assert.ok(!String(r.deadLetters[0]!.headers[DLQ_HEADERS.message]).includes('Atlantis'), 'messages never quote values');
  }
});

test('province-level config drops districts; a child without an address keeps no location', async () => {
  const provinceOnly = parseGeneralisationConfig({ ...generalisation, address: { ...generalisation.address, level: 'province' } });
  const gen = createGenerator({ seed: 'province-unit' });
  const [incident, child] = await encryptGenerated([gen.ofType('INCIDENT_REPORT'), gen.ofType('CHILD_RECORD')]);
  const run = createEventPseudonymizer({ ...deps, generalisation: provinceOnly });
  const r = run(incident!.encrypted);
  assert.ok(r.kind === 'record' && r.value.district === null && r.value.province !== null && r.value.generalisation.address === 'province');
  const [name, body] = Object.entries(child!.encrypted.payload)[0]!;
  const homeless = run({ ...child!.encrypted, payload: { [name]: { ...body, address: null } } });
  assert.ok(homeless.kind === 'record' && homeless.value.province === null && homeless.value.generalisation.address === 'none');
});

test('free text leaves only in released form: placeholders and lexicon words, by field name, guarded again here; level "drop" keeps none', async () => {
  const fixtures = await encryptedEvents(600, 'free-text-unit');
  const run = createEventPseudonymizer(deps);
  let withText = 0;
  let names = 0;
  for (const f of fixtures) {
    const r = run(f.encrypted);
    assert.ok(r.kind === 'record');
    const expected = Object.fromEntries(Object.entries(f.encrypted.redactedText ?? {}).map(([path, t]) => [path.slice(path.lastIndexOf('.') + 1), t]));
    assert.deepEqual(r.value.freeText, expected, 'the encryptor\'s released form, by field name');
    assert.equal(r.value.generalisation.freeText, Object.keys(expected).length > 0 ? 'pii-placeholders' : 'none');
    for (const t of Object.values(r.value.freeText)) {
      assertReleasedForm([t]);
      withText += 1;
      names += (t.match(/\[NAME\]/g) ?? []).length;
    }
  }
  assert.ok(withText > 200 && names > 50, `${withText} released texts, ${names} [NAME] placeholders`);

  // Whatever stands in events.encrypted.v1, the guard runs again: a raw name there never leaves.
  const [child] = await encryptGenerated([createGenerator({ seed: 'free-text-hostile' }).ofType('CHILD_RECORD')]);
  const hostile = { ...child!.encrypted, redactedText: { 'payload.ChildRecord.caseNotes': 'Budi Santoso tinggal di Jl. Merdeka No. 125, telp 081234567890', 'elsewhere': 'Budi' } };
  const r = run(hostile);
  assert.ok(r.kind === 'record');
  assert.deepEqual(r.value.freeText, { caseNotes: '[REDACTED] tinggal di [REDACTED]. [REDACTED]. [NUMBER], [REDACTED] [NUMBER]' });
  const dropped = createEventPseudonymizer({ ...deps, generalisation: parseGeneralisationConfig({ ...generalisation, freeText: { level: 'drop' } }) })(hostile);
  assert.ok(dropped.kind === 'record' && Object.keys(dropped.value.freeText).length === 0 && dropped.value.generalisation.freeText === 'none');
});
