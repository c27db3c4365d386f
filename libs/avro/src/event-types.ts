// The vocabulary of the events.raw.v1 envelope and the mapping from eventType to payload record.
import { PayloadMismatchError } from './errors.js';
import type { Payload, PayloadByEventType, RawEvent, RawEventOf, WrappedPayload } from './types.js';

/** The ten payload kinds a RawEvent can carry, in schema union order. */
export const EVENT_TYPES = [
  'CHILD_RECORD',
  'CARE_OPERATION',
  'INCIDENT_REPORT',
  'HEALTH_OBSERVATION',
  'MISSED_CHECK_IN',
  'MISSING_CHILD_REPORT',
  'CARETAKER_CHANGE',
  'VOLUNTEER_ACTIVITY',
  'DONATION',
  'PARTNER_RECORD',
] as const;

/** One of EVENT_TYPES. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Kinds of data subject a RawEvent is keyed by. */
export const SUBJECT_TYPES = ['CHILD', 'DONOR', 'VOLUNTEER', 'FACILITY', 'PARTNER'] as const;

/** One of SUBJECT_TYPES. */
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Full Avro name of the payload record for each eventType (the key avsc wraps the payload under). */
export const PAYLOAD_RECORD_NAMES = {
  CHILD_RECORD: 'cwp.child.ChildRecord',
  CARE_OPERATION: 'cwp.care.CareOperation',
  INCIDENT_REPORT: 'cwp.risk.IncidentReport',
  HEALTH_OBSERVATION: 'cwp.risk.HealthObservation',
  MISSED_CHECK_IN: 'cwp.risk.MissedCheckIn',
  MISSING_CHILD_REPORT: 'cwp.risk.MissingChildReport',
  CARETAKER_CHANGE: 'cwp.risk.CaretakerChange',
  VOLUNTEER_ACTIVITY: 'cwp.volunteer.VolunteerActivity',
  DONATION: 'cwp.donation.Donation',
  PARTNER_RECORD: 'cwp.partner.PartnerRecord',
} as const satisfies Record<EventType, string>;

/** Full Avro name of a payload record. */
export type PayloadRecordName<T extends EventType = EventType> = (typeof PAYLOAD_RECORD_NAMES)[T];

/** Narrows a decoded eventType string (Avro `string` on the wire) to EventType. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** Wraps a payload record the way avsc encodes the envelope's union: {"<full record name>": payload}. */
export function wrapPayload<T extends EventType>(eventType: T, payload: PayloadByEventType[T]): WrappedPayload<T> {
  return { [PAYLOAD_RECORD_NAMES[eventType]]: payload } as WrappedPayload<T>;
}

/** The payload record of an event; throws PayloadMismatchError when the union branch is not the one eventType names. */
export function unwrapPayload<T extends EventType>(event: RawEventOf<T>): PayloadByEventType[T];
/** The payload record of any RawEvent. */
export function unwrapPayload(event: RawEvent): Payload;
export function unwrapPayload(event: Pick<RawEvent, 'eventId' | 'eventType'> & { readonly payload: object }): Payload {
  const expected = PAYLOAD_RECORD_NAMES[event.eventType];
  const branches = Object.keys(event.payload);
  const payload = (event.payload as Readonly<Record<string, Payload | undefined>>)[expected];
  if (branches.length !== 1 || payload === undefined) {
    throw new PayloadMismatchError(
      `Event ${event.eventId} has eventType ${event.eventType} but payload branch ${branches.join(', ') || '(none)'}; the producer must send a ${expected}.`,
    );
  }
  return payload;
}
