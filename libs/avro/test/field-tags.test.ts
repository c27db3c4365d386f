import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FieldTag } from '../src/index.js';
import { loadSchemaCatalog } from '../src/index.js';

const catalog = loadSchemaCatalog();

const summary = (tags: readonly FieldTag[]) => tags.map((t) => `${t.path}:${t.pii}${t.subjectKey ? ':subjectKey' : ''}`);

test('ChildRecord lists exactly its tagged leaves, nested records included', () => {
  assert.deepEqual(summary(catalog.fieldTags('cwp.child.ChildRecord')), [
    'childId:direct',
    'nik:direct',
    'fullName:direct',
    'nickname:direct',
    'dateOfBirth:quasi',
    'sex:quasi',
    'placeOfBirth:quasi',
    'address.street:direct',
    'address.village:quasi',
    'address.district:quasi',
    'address.regency:quasi',
    'address.postalCode:quasi',
    'guardian.fullName:direct',
    'guardian.phone:direct',
    'guardian.email:direct',
    'caseworkerId:direct',
    'medical.conditions:sensitive',
    'medical.allergies:sensitive',
    'medical.disability:sensitive',
    'medical.bloodType:sensitive',
    'medical.immunisations.vaccine:sensitive',
    'medical.immunisations.date:sensitive',
    'caseNotes:sensitive',
  ]);
});

test('RawEvent: subjectId is the only subject key; payload branches are named by record', () => {
  const tags = catalog.fieldTags('cwp.events.RawEvent');
  assert.deepEqual(tags.filter((t) => t.subjectKey), [{ path: 'subjectId', valuePath: ['subjectId'], pii: 'direct', subjectKey: true }]);
  const byPath = new Map(tags.map((t) => [t.path, t]));
  assert.deepEqual(byPath.get('payload.ChildRecord.guardian.phone')?.valuePath, ['payload', 'cwp.child.ChildRecord', 'guardian', 'phone']);
  assert.deepEqual(byPath.get('payload.ChildRecord.medical.immunisations.date')?.valuePath, ['payload', 'cwp.child.ChildRecord', 'medical', 'immunisations', '[]', 'date']);
  for (const path of [
    'payload.CareOperation.notes',
    'payload.IncidentReport.reporter.phone',
    'payload.IncidentReport.description',
    'payload.HealthObservation.weightKg',
    'payload.MissedCheckIn.scheduledAt',
    'payload.MissingChildReport.lastSeenLocation.street',
    'payload.CaretakerChange.newCaretaker.fullName',
    'payload.CaretakerChange.newAddress.postalCode',
    'payload.VolunteerActivity.email',
    'payload.Donation.donorName',
    'payload.PartnerRecord.nik',
    'payload.PartnerRecord.summary',
  ]) {
    assert.ok(byPath.has(path), `${path} is tagged`);
  }
  for (const untagged of ['eventId', 'occurredAt', 'payload.CareOperation.facilityName', 'payload.Donation.amountIdr', 'payload.ChildRecord.address.province']) {
    assert.ok(!byPath.has(untagged), `${untagged} carries no tag`);
  }
  // Nested records are listed once per place they are used.
  assert.equal(tags.filter((t) => t.path.endsWith('.street')).length, 3);
});

test('every valuePath leads to a value in a decoded golden fixture', () => {
  const tags = catalog.fieldTags('cwp.events.RawEvent');
  const type = catalog.type('cwp.events.RawEvent');
  // The CHILD_RECORD fixture fills every field, so each envelope and ChildRecord tag must reach a value.
  const fixture: unknown = JSON.parse(readFileSync(new URL('./fixtures/raw-event.CHILD_RECORD.json', import.meta.url), 'utf8'));
  const decoded: unknown = type.fromBuffer(type.toBuffer(fixture));
  const relevant = tags.filter((t) => !t.path.startsWith('payload.') || t.path.startsWith('payload.ChildRecord.'));
  assert.equal(relevant.length, 24);
  for (const tag of relevant) assert.ok(walk([decoded], tag.valuePath).length > 0, `${tag.path} reaches a value`);
  const phone = tags.find((t) => t.path === 'payload.ChildRecord.guardian.phone');
  assert.deepEqual(walk([decoded], phone?.valuePath ?? []), ['+6281234567890']);
  const vaccines = tags.find((t) => t.path === 'payload.ChildRecord.medical.immunisations.vaccine');
  assert.deepEqual(walk([decoded], vaccines?.valuePath ?? []), ['BCG', 'Campak-Rubela (MR)']);
  // Another branch's paths reach nothing in a ChildRecord event.
  const donor = tags.find((t) => t.path === 'payload.Donation.donorName');
  assert.deepEqual(walk([decoded], donor?.valuePath ?? []), []);
});

function walk(values: readonly unknown[], path: readonly string[]): unknown[] {
  let current = [...values];
  for (const key of path) {
    current = current.flatMap((v) => {
      if (v === null || typeof v !== 'object') return [];
      if (key === '[]') return Array.isArray(v) ? (v as unknown[]) : [];
      if (key === '*') return Object.values(v as Record<string, unknown>);
      const next = (v as Record<string, unknown>)[key];
      return next === undefined || next === null ? [] : [next];
    });
  }
  return current;
}

test('alerts keep identities out of plaintext fields', () => {
  assert.deepEqual(summary(catalog.fieldTags('cwp.alerts.ChildSafetyAlert')), ['identityEnvelope:direct']);
  assert.deepEqual(summary(catalog.fieldTags('cwp.alerts.SecurityAlert')), ['principal:direct']);
});

test('free-text fields are marked for PII scanning, and only sensitive ones', () => {
  const tags = loadSchemaCatalog().fieldTags('cwp.events.RawEvent');
  const free = tags.filter((t) => t.freeText).map((t) => t.path).sort();
  assert.deepEqual(free, [
    'payload.CareOperation.notes', 'payload.CaretakerChange.notes', 'payload.ChildRecord.caseNotes', 'payload.ChildRecord.medical.allergies',
    'payload.ChildRecord.medical.conditions', 'payload.Donation.message', 'payload.HealthObservation.notes', 'payload.IncidentReport.description',
    'payload.MissedCheckIn.notes', 'payload.MissingChildReport.description', 'payload.PartnerRecord.summary', 'payload.VolunteerActivity.notes',
  ]);
  for (const t of tags.filter((x) => x.freeText)) assert.equal(t.pii, 'sensitive');
});
