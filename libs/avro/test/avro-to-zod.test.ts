import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { JsonObject, RawEvent } from '../src/index.js';
import { EVENT_TYPES, PAYLOAD_RECORD_NAMES, avroRecordToZod, avroToZod, createSchemaCatalog, loadSchemaCatalog, unwrapPayload } from '../src/index.js';

const catalog = loadSchemaCatalog();

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

function issuePaths(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.')).sort();
}

for (const eventType of EVENT_TYPES) {
  test(`golden ${eventType} passes the generated validator unchanged and still encodes`, () => {
    const event = fixture<RawEvent>(`raw-event.${eventType}`);
    const full = avroToZod(catalog.resolve('cwp.events.RawEvent')).parse(event);
    assert.deepEqual(full, event);
    const payloadName = PAYLOAD_RECORD_NAMES[eventType];
    const payload = avroToZod(catalog.resolve(payloadName)).parse(unwrapPayload(event));
    assert.ok(catalog.type(payloadName).isValid(payload));
    assert.ok(catalog.type('cwp.events.RawEvent').isValid(full));
  });
}

test('nullable and defaulted fields may be left out and come back filled in', () => {
  const child = unwrapPayload(fixture<RawEvent>('raw-event.CHILD_RECORD')) as unknown as Record<string, unknown>;
  const minimal = { childId: child['childId'], fullName: child['fullName'], sex: child['sex'], careStatus: child['careStatus'], medical: {} };
  const parsed = avroToZod(catalog.resolve('cwp.child.ChildRecord')).parse(minimal) as Record<string, unknown>;
  assert.equal(parsed['nik'], null);
  assert.equal(parsed['dateOfBirthEstimated'], false);
  assert.deepEqual(parsed['medical'], { conditions: [], allergies: [], disability: null, bloodType: null, immunisations: [] });
  assert.ok(catalog.type('cwp.child.ChildRecord').isValid(parsed));
});

test('timestamp-millis takes ISO-8601 with an offset or epoch ms, and outputs epoch ms', () => {
  const schema = avroToZod(catalog.resolve('cwp.risk.MissedCheckIn'));
  const base = { childId: 'CHD-1', caseworkerId: 'SW-1', consecutiveMissed: 2 };
  assert.equal((schema.parse({ ...base, scheduledAt: '2025-01-06T08:00:00+07:00' }) as { scheduledAt: number }).scheduledAt, Date.UTC(2025, 0, 6, 1));
  assert.equal((schema.parse({ ...base, scheduledAt: 1736125200000 }) as { scheduledAt: number }).scheduledAt, 1736125200000);
  assert.deepEqual(issuePaths(schema.safeParse({ ...base, scheduledAt: '2025-01-06 08:00' })), ['scheduledAt']);
  assert.deepEqual(issuePaths(schema.safeParse({ ...base, scheduledAt: 1.5 })), ['scheduledAt']);
});

test('every bad path is reported: types, enums, int range, unknown keys, nested records and arrays', () => {
  const schema = avroToZod(catalog.resolve('cwp.child.ChildRecord'));
  const result = schema.safeParse({
    childId: 42,
    fullName: 'Siti Rahayu',
    sex: 'BOTH',
    careStatus: 'WITH_PARENTS',
    address: { street: 'Jl. Merdeka 1', district: 'Coblong', province: 'Jawa Barat' },
    medical: { conditions: ['ok', 7], immunisations: [{ vaccine: 'BCG', date: 3 }] },
    favouriteColour: 'blue',
  });
  assert.equal(result.success, false);
  assert.deepEqual(issuePaths(result), ['', 'address.regency', 'childId', 'medical.conditions.1', 'medical.immunisations.0.date', 'sex']);
  // No value the caller sent appears in a message.
  assert.doesNotMatch(JSON.stringify(result.error?.issues), /Siti|Merdeka|BOTH|blue/);
});

test('int is 32-bit, long a safe integer, uuid an RFC 9562 UUID', () => {
  const event = fixture<RawEvent>('raw-event.CARE_OPERATION');
  const care = unwrapPayload(event) as unknown as Record<string, unknown>;
  const schema = avroToZod(catalog.resolve('cwp.care.CareOperation'));
  assert.deepEqual(issuePaths(schema.safeParse({ ...care, occupancy: 2 ** 31 })), ['occupancy']);
  const raw = avroToZod(catalog.resolve('cwp.events.RawEvent'));
  assert.deepEqual(issuePaths(raw.safeParse({ ...event, eventId: 'not-a-uuid' })), ['eventId']);
});

test('multi-record unions take the avsc-wrapped form only', () => {
  const raw = avroRecordToZod(catalog.resolve('cwp.events.RawEvent'));
  const event = fixture<RawEvent>('raw-event.DONATION');
  assert.equal(raw.safeParse({ ...event, payload: unwrapPayload(event) }).success, false);
  assert.equal(raw.shape['payload']?.safeParse(event.payload).success, true);
});

test('maps, bytes, fixed, nullable unions of several records, and recursive records', () => {
  const source = (schema: JsonObject): { origin: string; schema: JsonObject } => ({ origin: 'test', schema });
  const testCatalog = createSchemaCatalog({
    sources: [
      source({ type: 'record', name: 'A', namespace: 't', fields: [{ name: 'a', type: 'string' }] }),
      source({ type: 'record', name: 'B', namespace: 't', fields: [{ name: 'b', type: 'int' }] }),
      source({ type: 'fixed', name: 'Four', namespace: 't', size: 4 }),
      source({
        type: 'record', name: 'Node', namespace: 't',
        fields: [
          { name: 'tags', type: { type: 'map', values: 'long' }, default: {} },
          { name: 'blob', type: 'bytes' },
          { name: 'four', type: 't.Four' },
          { name: 'either', type: ['null', 't.A', 't.B'], default: null },
          { name: 'next', type: ['null', 't.Node'], default: null },
        ],
      }),
    ],
  });
  const schema = avroToZod(testCatalog.resolve('t.Node'));
  const type = testCatalog.type('t.Node');
  const value = schema.parse({ tags: { x: 1 }, blob: 'aGk=', four: 'AAECAw==', either: { 't.B': { b: 1 } }, next: { blob: '', four: 'AAAAAA==' } });
  assert.ok(type.isValid(value));
  assert.deepEqual(structuredClone(type.fromBuffer(type.toBuffer(value))), structuredClone(value));
  assert.deepEqual(issuePaths(schema.safeParse({ blob: '', four: 'AA==', either: { 't.C': {} }, next: { blob: '', four: 'AAAAAA==', tags: { y: 'z' } } })), [
    'either', 'four', 'next.tags.y',
  ]);
});
