import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClassifiedEvent, ConsentState, RawEvent } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { DependencyError } from '@cwp/errors';
import { createTestDriver } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import type { ConsentPort } from '../src/index.js';
import { classify, createClassifier, planFields, valuesAt } from '../src/index.js';

const catalog = loadSchemaCatalog();
const plan = planFields(catalog.resolve('cwp.events.RawEvent'));
const classifiedType = catalog.type('cwp.events.ClassifiedEvent');
const NOW = new Date(Date.UTC(2026, 10, 25, 9, 0, 0));

// A consent registry held in memory: the port's contract, for a transform test without PostgreSQL.
function consentOf(granted: Record<string, readonly ConsentState[]>): ConsentPort & { calls: string[] } {
  const calls: string[] = [];
  return { calls, current: (id) => { calls.push(id); return Promise.resolve(granted[id] ?? []); } };
}

const deps = (consent: ConsentPort = consentOf({})) => ({ plan, consent, outputTopic: 'events.classified.v1', clock: () => NOW });

test('every generated event classifies into a valid ClassifiedEvent', async () => {
  const generated = createGenerator({ seed: 11 }).batch(1000);
  const seen = new Set<string>();
  for (const { event } of generated) {
    const out = await classify(event, deps());
    const paths: string[] = [];
    assert.ok(classifiedType.isValid(out, { errorHook: (p) => paths.push(p.join('.')) }), `${event.eventType}: ${paths.join(', ')}`);
    assert.equal(out.classifiedAt, NOW.getTime());
    seen.add(out.eventType);
  }
  assert.equal(seen.size, 10, 'all ten event types were classified');
});

test('field levels follow the schema tag and the subject; the event takes its highest level', async () => {
  const gen = createGenerator({ seed: 12 });
  const child = await classify(gen.ofType('CHILD_RECORD').event, deps());
  const level = (e: ClassifiedEvent, path: string) => e.fieldSensitivity.find((f) => f.path === path)?.level;
  assert.equal(level(child, 'payload.ChildRecord.fullName'), 'RESTRICTED');
  assert.equal(level(child, 'payload.ChildRecord.dateOfBirth'), 'RESTRICTED');
  assert.equal(level(child, 'eventType'), 'CONFIDENTIAL');
  assert.equal(child.overallSensitivity, 'RESTRICTED');

  const donation = await classify(gen.ofType('DONATION').event, deps());
  assert.equal(level(donation, 'payload.Donation.donorName'), 'RESTRICTED');
  assert.equal(level(donation, 'payload.Donation.programme'), 'INTERNAL');

  const care = await classify(gen.ofType('CARE_OPERATION').event, deps());
  assert.equal(level(care, 'payload.CareOperation.capacity'), 'PUBLIC');
  // Untagged fields only: the event is as sensitive as its most sensitive present field.
  const levels = care.fieldSensitivity.map((f) => f.level);
  assert.ok(levels.includes(care.overallSensitivity));
});

test('planted NIKs, phones and e-mails in free text are found with offsets that slice them exactly', async (t) => {
  const gen = createGenerator({ seed: 13 });
  const freeSlots = [...plan.branches.values()].flat().filter((slot) => slot.freeText);
  const stats = new Map<string, { planted: number; found: number }>();
  for (let i = 0; i < 1500; i += 1) {
    const { event, planted } = gen.next();
    const out = await classify(event, deps());
    for (const p of planted.filter((x) => x.kind === 'nik' || x.kind === 'phone' || x.kind === 'email')) {
      // Where the generator wrote it into free text (it also fills structured fields, which are not scanned).
      const homes = freeSlots.flatMap((slot) => valuesAt(event, slot.valuePath).filter((v) => typeof v.value === 'string' && v.value.includes(p.value)).map((v) => ({ slot, text: v.value as string })));
      for (const home of homes) {
        const type = p.kind === 'nik' ? 'NIK' : p.kind === 'phone' ? 'PHONE' : 'EMAIL';
        const s = stats.get(type) ?? { planted: 0, found: 0 };
        s.planted += 1;
        if (out.piiFindings.some((f) => f.field === home.slot.path && f.type === type && home.text.slice(f.start, f.end) === p.value)) s.found += 1;
        stats.set(type, s);
      }
    }
  }
  for (const [type, s] of stats) {
    t.diagnostic(`${type}: ${s.found}/${s.planted} planted in free text found exactly`);
    assert.ok(s.planted >= 20, `${type}: enough planted samples (${s.planted})`);
    assert.ok(s.found / s.planted >= 0.95, `${type}: recall ${s.found}/${s.planted} is at least 0.95`);
  }
  assert.equal(stats.size, 3);
});

test('findings never carry the text itself', async () => {
  const { event } = createGenerator({ seed: 14 }).ofType('CHILD_RECORD');
  const out = await classify(event, deps());
  for (const f of out.piiFindings) assert.deepEqual(Object.keys(f).sort(), ['confidence', 'detector', 'end', 'field', 'start', 'type']);
});

test('consent is looked up for children only and attached as the registry holds it', async () => {
  const gen = createGenerator({ seed: 15 });
  const childEvent = gen.ofType('HEALTH_OBSERVATION').event;
  const consent = consentOf({ [childEvent.subjectId]: [{ purpose: 'research', granted: true, expiresAt: null }] });
  const out = await classify(childEvent, deps(consent));
  assert.equal(out.consentRequired, true);
  assert.deepEqual(out.consent, [{ purpose: 'research', granted: true, expiresAt: null }]);
  const donation = await classify(gen.ofType('DONATION').event, deps(consent));
  assert.equal(donation.consentRequired, false);
  assert.deepEqual(donation.consent, []);
  assert.deepEqual(consent.calls, [childEvent.subjectId]);
});

test('a payload that does not match eventType is dead-lettered; the next record goes through', async () => {
  const gen = createGenerator({ seed: 16 });
  const good = gen.ofType('MISSED_CHECK_IN').event;
  const bad = { ...gen.ofType('DONATION').event, eventType: 'INCIDENT_REPORT' } as unknown as RawEvent;
  const driver = createTestDriver(createClassifier(deps()), { stage: 'classifier', inputTopic: 'events.raw.v1', outputs: ['events.classified.v1'] });
  const result = await driver.pipe([{ value: bad, key: bad.subjectId }, { value: good, key: good.subjectId }]);
  assert.equal(result.deadLetters.length, 1);
  assert.equal(String(result.deadLetters[0]?.headers['dlq.error.code']), 'PAYLOAD_MISMATCH');
  assert.equal(result.outputs.length, 1);
  assert.equal(result.outputs[0]?.key, good.subjectId);
});

test('a consent registry outage is retried, never dead-lettered', async () => {
  const down: ConsentPort = { current: () => Promise.reject(new DependencyError('POSTGRES_UNAVAILABLE', 'consent registry unreachable')) };
  const driver = createTestDriver(createClassifier(deps(down)));
  const { event } = createGenerator({ seed: 17 }).ofType('CHILD_RECORD');
  const result = await driver.process({ value: event });
  assert.equal(result.deadLetters.length, 0);
  assert.equal(result.retries.length, 1);
});
