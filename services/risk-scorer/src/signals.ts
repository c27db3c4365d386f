// Which raw events are risk signals, and the signal type each becomes. The type is the eventType
// refined by what the rules weigh (kind of harm, observation, assessed severity, reason), e.g.
// INCIDENT_REPORT:NEGLECT:HIGH or HEALTH_OBSERVATION:MALNUTRITION:MEDIUM.
import type { EventType, RawEvent } from '@cwp/avro';
import { unwrapPayload } from '@cwp/avro';
import { ValidationError } from '@cwp/errors';

/** The event types that can carry a risk signal. */
export const RISK_EVENT_TYPES = ['INCIDENT_REPORT', 'HEALTH_OBSERVATION', 'MISSED_CHECK_IN', 'MISSING_CHILD_REPORT', 'CARETAKER_CHANGE'] as const satisfies readonly EventType[];

const RISK: ReadonlySet<string> = new Set(RISK_EVENT_TYPES);

/** One risk signal of one child, as stored per child and listed in alerts. */
export interface Signal {
  readonly eventId: string;
  readonly signalType: string;
  /** Event time, epoch ms: decay runs on event time, so scores do not depend on processing delays. */
  readonly occurredAt: number;
}

/** A signal with the plaintext child id it concerns (the id never leaves the transform). */
export interface ChildSignal extends Signal {
  readonly childId: string;
}

/** The risk signal an event carries, or null when its type is not a risk event. Throws ValidationError on a malformed risk event. */
export function signalOf(event: RawEvent): ChildSignal | null {
  if (!RISK.has(event.eventType)) return null;
  if (event.subjectType !== 'CHILD') throw new ValidationError('RISK_SUBJECT_NOT_CHILD', `a ${event.eventType} event must have subjectType CHILD`);
  let type: string;
  let childId: string;
  try {
    switch (event.eventType) {
      case 'INCIDENT_REPORT': { const p = unwrapPayload(event); childId = p.childId; type = `INCIDENT_REPORT:${p.category}:${p.severity}`; break; }
      case 'HEALTH_OBSERVATION': { const p = unwrapPayload(event); childId = p.childId; type = `HEALTH_OBSERVATION:${p.observationType}:${p.severity}`; break; }
      case 'MISSED_CHECK_IN': { childId = unwrapPayload(event).childId; type = 'MISSED_CHECK_IN'; break; }
      case 'MISSING_CHILD_REPORT': { childId = unwrapPayload(event).childId; type = 'MISSING_CHILD_REPORT'; break; }
      case 'CARETAKER_CHANGE': { const p = unwrapPayload(event); childId = p.childId; type = `CARETAKER_CHANGE:${p.reason}`; break; }
      default: return null;
    }
  } catch (err) {
    throw new ValidationError('PAYLOAD_MISMATCH', `the payload record does not match eventType ${event.eventType}`, { cause: err });
  }
  if (childId.trim() === '') throw new ValidationError('MISSING_CHILD_ID', `${event.eventType} has an empty childId`);
  if (childId !== event.subjectId) throw new ValidationError('CHILD_ID_MISMATCH', `${event.eventType}: payload childId differs from subjectId`);
  return { eventId: event.eventId, signalType: type, occurredAt: event.occurredAt, childId };
}
