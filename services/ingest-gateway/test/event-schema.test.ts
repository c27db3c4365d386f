import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawEvent } from '@cwp/avro';
import { EVENT_TYPES, loadSchemaCatalog, unwrapPayload, wrapPayload } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import { createEventValidator } from '../src/event-schema.js';
import { GatewayError } from '../src/errors.js';

const catalog = loadSchemaCatalog();
const validator = createEventValidator(catalog, { maxBatch: 50 });
const rawType = catalog.type('cwp.events.RawEvent');

/** The JSON body a source sends for a generated event: payload unwrapped, no sourceSystem / receivedAt. */
function toBody(event: RawEvent, occurredAtAsIso = false): Record<string, unknown> {
  return {
    eventId: event.eventId, eventType: event.eventType, occurredAt: occurredAtAsIso ? new Date(event.occurredAt).toISOString() : event.occurredAt,
    subjectType: event.subjectType, subjectId: event.subjectId, payload: JSON.parse(JSON.stringify(unwrapPayload(event))) as unknown,
  };
}

function failure(body: unknown): GatewayError {
  try {
    validator.parse(body);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    return err;
  }
  assert.fail('expected the body to be refused');
}

function paths(err: GatewayError): string[] {
  return (err.details ?? []).map((d) => (typeof d === 'string' ? d : d.path)).sort();
}

test('2,000 generated events of every type validate and encode with the Avro RawEvent type (round trip)', () => {
  const generated = createGenerator({ seed: 'gateway-schema' }).batch(2000);
  const seen = new Set<string>();
  for (const [i, { event }] of generated.entries()) {
    seen.add(event.eventType);
    const { events } = validator.parse(toBody(event, i % 2 === 0));
    const v = events[0];
    assert.ok(v);
    const rebuilt = { ...v, eventId: v.eventId, sourceSystem: event.sourceSystem, receivedAt: event.receivedAt, payload: wrapPayload(v.eventType, v.payload as never) };
    const errors: string[] = [];
    assert.ok(rawType.isValid(rebuilt, { errorHook: (p) => errors.push(p.join('.')) }), `event ${i} invalid at ${errors.join(', ')}`);
    // Encoding and decoding gives back the generated event: nothing lost or altered by validation.
    assert.deepEqual(structuredClone(rawType.fromBuffer(rawType.toBuffer(rebuilt))), JSON.parse(JSON.stringify(event)));
  }
  assert.equal(seen.size, EVENT_TYPES.length);
});

test('a batch validates every event; eventId may be left out', () => {
  const bodies = createGenerator({ seed: 2 }).batch(20).map(({ event }) => toBody(event));
  delete bodies[3]?.['eventId'];
  const { events, batch } = validator.parse({ events: bodies });
  assert.equal(batch, true);
  assert.equal(events.length, 20);
  assert.equal(events[3]?.eventId, undefined);
});

test('400 names every bad path of every event, never a value', () => {
  const [a, b] = createGenerator({ seed: 3 }).batch(2).map(({ event }) => toBody(event));
  assert.ok(a && b);
  const secretName = 'Siti Nurhaliza Rahmawati';
  const bad = [
    { ...a, eventId: 'not-a-uuid', subjectType: 'ALIEN', occurredAt: 'yesterday', extra: secretName },
    { ...b, eventType: 'NOPE' },
    { ...a, payload: { ...(a['payload'] as object), unknownField: secretName, childId: 7 } },
  ];
  const err = failure({ events: bad });
  assert.equal(err.code, 'VALIDATION_FAILED');
  assert.equal(err.status, 400);
  const expected = ['events.0.eventId', 'events.0.extra', 'events.0.occurredAt', 'events.0.subjectType', 'events.1.eventType'];
  const got = paths(err);
  for (const p of expected) assert.ok(got.includes(p), `missing ${p} in ${got.join(', ')}`);
  assert.ok(got.some((p) => p.startsWith('events.2.payload.')), got.join(', '));
  assert.ok(got.includes('events.2.payload.unknownField'));
  assert.doesNotMatch(JSON.stringify(err.toBody()), /Siti|yesterday|ALIEN|NOPE|not-a-uuid/);
});

test('a payload of the wrong record for its eventType is refused at the payload paths', () => {
  const [care] = createGenerator({ seed: 4 }).batch(1).map(({ event }) => toBody(event));
  assert.ok(care);
  const wrongType = care['eventType'] === 'DONATION' ? 'CHILD_RECORD' : 'DONATION';
  const err = failure({ ...care, eventType: wrongType });
  assert.ok(paths(err).every((p) => p.startsWith('payload')), paths(err).join(', '));
});

test('shape errors: not an object, events not a list, empty, too many, stray top-level keys', () => {
  assert.equal(failure([1, 2]).code, 'BODY_INVALID');
  assert.equal(failure('x').code, 'BODY_INVALID');
  assert.deepEqual(paths(failure({ events: {} })), ['events']);
  assert.deepEqual(paths(failure({ events: [] })), ['events']);
  assert.deepEqual(paths(failure({ events: [{}], more: 1 })).includes('more'), true);
  const tooMany = failure({ events: Array.from({ length: 51 }, () => ({})) });
  assert.equal(tooMany.code, 'BATCH_TOO_LARGE');
  assert.equal(validator.countEvents({ events: [1, 2, 3] }), 3);
  assert.equal(validator.countEvents({ eventType: 'X' }), 1);
});

test('ISO-8601 and epoch-ms occurredAt give the same event time', () => {
  const [e] = createGenerator({ seed: 5 }).batch(1);
  assert.ok(e);
  const iso = validator.parse(toBody(e.event, true)).events[0];
  const ms = validator.parse(toBody(e.event, false)).events[0];
  assert.equal(iso?.occurredAt, ms?.occurredAt);
  assert.equal(ms?.occurredAt, e.event.occurredAt);
});
