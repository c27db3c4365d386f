import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import avsc from 'avsc';
import type { ChildSafetyAlert, RawEvent, SecurityAlert } from '../src/index.js';
import { AVRO_OPTIONS, EVENT_TYPES, PAYLOAD_RECORD_NAMES, loadSchemaCatalog, unwrapPayload } from '../src/index.js';

const catalog = loadSchemaCatalog();

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

function assertRoundTrip(fullName: string, value: unknown): unknown {
  const type = catalog.type(fullName);
  const errors: string[] = [];
  const valid = type.isValid(value, { errorHook: (path) => errors.push(path.join('.')) });
  assert.ok(valid, `invalid at ${errors.join(', ')}`);
  const decoded: unknown = type.fromBuffer(type.toBuffer(value));
  // avsc decodes records into generated classes; structuredClone yields plain objects to compare.
  assert.deepEqual(structuredClone(decoded), value);
  return decoded;
}

for (const eventType of EVENT_TYPES) {
  test(`golden RawEvent ${eventType} decodes equal after a round-trip`, () => {
    const event = fixture<RawEvent>(`raw-event.${eventType}`);
    assert.equal(event.eventType, eventType);
    assertRoundTrip('cwp.events.RawEvent', event);
    // The payload also round-trips on its own record type.
    assertRoundTrip(PAYLOAD_RECORD_NAMES[eventType], unwrapPayload(event));
  });
}

test('golden alerts decode equal after a round-trip', () => {
  assertRoundTrip('cwp.alerts.ChildSafetyAlert', fixture<ChildSafetyAlert>('child-safety-alert'));
  assertRoundTrip('cwp.alerts.SecurityAlert', fixture<SecurityAlert>('security-alert'));
});

test('wrapUnions: payload decodes wrapped by full name, nullable fields decode plain', () => {
  const event = fixture<RawEvent>('raw-event.CHILD_RECORD');
  const type = catalog.type('cwp.events.RawEvent');
  const decoded = type.fromBuffer(type.toBuffer(event)) as RawEvent;
  assert.deepEqual(Object.keys(decoded.payload), ['cwp.child.ChildRecord']);
  const child = unwrapPayload(decoded as RawEvent & { eventType: 'CHILD_RECORD' });
  assert.equal(child.guardian?.phone, '+6281234567890');
  assert.equal(child.facilityId, null);
  assert.equal(typeof decoded.occurredAt, 'number');
  // An unwrapped payload is not valid: the union branch must be named.
  assert.equal(type.isValid({ ...event, payload: child }), false);
});

test('schema evolution: added defaulted fields and unknown enum symbols stay readable', () => {
  const forSchema = (schema: unknown) => avsc.Type.forSchema(schema as Parameters<typeof avsc.Type.forSchema>[0], { ...AVRO_OPTIONS });
  // A newer reader with an added optional field reads records written before it.
  const writer = catalog.type('cwp.common.Address');
  const newer = structuredClone(catalog.resolve('cwp.common.Address')) as { fields: unknown[] };
  newer.fields.push({ name: 'rt', type: ['null', 'string'], default: null, doc: 'RT number' });
  const reader = forSchema(newer);
  const address = { street: 'Jl. Merdeka No. 12', village: null, district: 'Coblong', regency: 'Kota Bandung', province: 'Jawa Barat', postalCode: null };
  const decoded = reader.fromBuffer(writer.toBuffer(address), reader.createResolver(writer)) as Record<string, unknown>;
  assert.equal(decoded['rt'], null);
  assert.equal(decoded['street'], address.street);
  // An older reader meets a symbol added later and falls back to the enum's default.
  const current = catalog.resolve('cwp.common.Severity');
  const later = forSchema({ ...current, symbols: [...(current['symbols'] as string[]), 'CATASTROPHIC'] });
  const older = catalog.type('cwp.common.Severity');
  assert.equal(older.fromBuffer(later.toBuffer('CATASTROPHIC'), older.createResolver(later)), 'CRITICAL');
});
