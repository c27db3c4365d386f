import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Donation, JsonObject, RawEventOf } from '../src/index.js';
import { EVENT_TYPES, PAYLOAD_RECORD_NAMES, PayloadMismatchError, isEventType, loadSchemaCatalog, unwrapPayload, wrapPayload } from '../src/index.js';

test('EVENT_TYPES follow the RawEvent payload union, branch for branch', () => {
  const raw = loadSchemaCatalog().resolve('cwp.events.RawEvent');
  const payload = (raw['fields'] as readonly JsonObject[]).find((f) => f['name'] === 'payload');
  const branches = (payload?.['type'] as readonly (string | JsonObject)[]).map((b) => (typeof b === 'string' ? b : `${b['namespace'] as string}.${b['name'] as string}`));
  assert.deepEqual(branches, EVENT_TYPES.map((t) => PAYLOAD_RECORD_NAMES[t]));
});

test('isEventType accepts the ten types only', () => {
  for (const t of EVENT_TYPES) assert.ok(isEventType(t));
  assert.equal(isEventType('child_record'), false);
  assert.equal(isEventType('ChildRecord'), false);
});

const donation: Donation = {
  donorId: 'DNR-1', donorName: 'Hendra', email: null, phone: null, amountIdr: 50_000, programme: 'GENERAL', channel: 'QRIS', anonymous: false, message: null,
};

test('wrapPayload and unwrapPayload are inverse', () => {
  const payload = wrapPayload('DONATION', donation);
  assert.deepEqual(payload, { 'cwp.donation.Donation': donation });
  const event: RawEventOf<'DONATION'> = {
    eventId: 'e1', eventType: 'DONATION', sourceSystem: 's', occurredAt: 0, receivedAt: null, subjectType: 'DONOR', subjectId: 'DNR-1', payload,
  };
  assert.equal(unwrapPayload(event), donation);
});

test('unwrapPayload refuses a branch that does not match eventType', () => {
  const event = {
    eventId: 'e2', eventType: 'CHILD_RECORD', sourceSystem: 's', occurredAt: 0, receivedAt: null, subjectType: 'CHILD', subjectId: 'c',
    payload: { 'cwp.donation.Donation': donation },
  } as unknown as RawEventOf<'CHILD_RECORD'>;
  assert.throws(() => unwrapPayload(event), (err: unknown) => err instanceof PayloadMismatchError && err.code === 'PAYLOAD_MISMATCH' && err.message.includes('cwp.child.ChildRecord'));
});
