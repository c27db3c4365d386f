// The seeded RawEvent generator: one pool of people per seed, a clock that only moves forward,
// and one builder per event type.
import type { EventType, RawEventOf } from '@cwp/avro';
import { EVENT_TYPES, wrapPayload } from '@cwp/avro';
import type { BuildContext, Built } from './events/context.js';
import { buildCareOperation } from './events/care-operation.js';
import { buildCaretakerChange } from './events/caretaker-change.js';
import { buildChildRecord } from './events/child-record.js';
import { buildDonation } from './events/donation.js';
import { buildHealthObservation } from './events/health-observation.js';
import { buildIncidentReport } from './events/incident-report.js';
import { buildMissedCheckIn } from './events/missed-check-in.js';
import { buildMissingChildReport } from './events/missing-child-report.js';
import { buildPartnerRecord } from './events/partner-record.js';
import { buildVolunteerActivity } from './events/volunteer-activity.js';
import { stripPayloadMarks } from './labels.js';
import { createPlanter } from './planter.js';
import type { Rng } from './prng.js';
import { createRng } from './prng.js';
import type { GeneratedEvent, Generator, GeneratorOptions } from './types.js';
import { createWorld } from './world.js';
import { createTextWriter } from './writer.js';

/** Event time of the first event unless startTime is given: 2025-01-06T00:00:00Z (fixed, so runs reproduce). */
export const DEFAULT_START_TIME = Date.UTC(2025, 0, 6);

const BUILDERS: { readonly [T in EventType]: (ctx: BuildContext) => Built<T> } = {
  CHILD_RECORD: buildChildRecord,
  CARE_OPERATION: buildCareOperation,
  INCIDENT_REPORT: buildIncidentReport,
  HEALTH_OBSERVATION: buildHealthObservation,
  MISSED_CHECK_IN: buildMissedCheckIn,
  MISSING_CHILD_REPORT: buildMissingChildReport,
  CARETAKER_CHANGE: buildCaretakerChange,
  VOLUNTEER_ACTIVITY: buildVolunteerActivity,
  DONATION: buildDonation,
  PARTNER_RECORD: buildPartnerRecord,
};

/** How often each source speaks, relative to the others. */
const EVENT_MIX: readonly (readonly [EventType, number])[] = [
  ['CHILD_RECORD', 10],
  ['CARE_OPERATION', 12],
  ['INCIDENT_REPORT', 8],
  ['HEALTH_OBSERVATION', 14],
  ['MISSED_CHECK_IN', 10],
  ['MISSING_CHILD_REPORT', 3],
  ['CARETAKER_CHANGE', 4],
  ['VOLUNTEER_ACTIVITY', 14],
  ['DONATION', 15],
  ['PARTNER_RECORD', 10],
];

/** A version-4 UUID from the seeded stream (RFC 9562 layout, not random in the cryptographic sense). */
function uuid(rng: Rng): string {
  const bytes = Array.from({ length: 16 }, () => rng.int(0, 255));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A seeded generator of RawEvents; equal options give equal sequences. Throws RangeError on a bad childCount, startTime or intervalMs. */
export function createGenerator(options: GeneratorOptions): Generator {
  const childCount = options.childCount ?? 200;
  const startTime = options.startTime ?? DEFAULT_START_TIME;
  if (!Number.isInteger(childCount) || childCount < 1) throw new RangeError(`childCount must be a positive integer, got ${childCount}`);
  if (!Number.isSafeInteger(startTime)) throw new RangeError(`startTime must be epoch milliseconds, got ${startTime}`);
  const [minGap, maxGap] = options.intervalMs ?? [1_000, 120_000];
  if (!Number.isSafeInteger(minGap) || !Number.isSafeInteger(maxGap) || minGap < 1 || maxGap < minGap) {
    throw new RangeError(`intervalMs must be [min, max] whole milliseconds with 1 ≤ min ≤ max, got [${minGap}, ${maxGap}]`);
  }
  const root = createRng(options.seed);
  const world = createWorld(root.fork('world'), { childCount, startTime });
  const rng = root.fork('events');
  let clock = startTime;

  function emit<T extends EventType>(eventType: T): GeneratedEvent<RawEventOf<T>> {
    clock += rng.int(minGap, maxGap);
    const planter = createPlanter();
    const at = clock;
    const built = BUILDERS[eventType]({ rng, world, at, planter, note: { rng, w: createTextWriter(rng, planter), at } });
    const { payload, labels } = stripPayloadMarks(built.payload);
    const event: RawEventOf<T> = {
      eventId: uuid(rng),
      eventType,
      sourceSystem: built.sourceSystem,
      occurredAt: at,
      receivedAt: rng.chance(0.6) ? at + rng.int(40, 5_000) : null,
      subjectType: built.subjectType,
      subjectId: built.subjectId,
      payload: wrapPayload(eventType, payload),
    };
    return { event, key: built.subjectId, planted: planter.list(), labels };
  }

  const generator: Generator = {
    next: () => emit(rng.weighted(EVENT_MIX)) as GeneratedEvent,
    batch: (n) => Array.from({ length: n }, () => generator.next()),
    ofType: (eventType) => emit(eventType),
  };
  return generator;
}

/** The ten event types, re-exported so callers need only this package. */
export { EVENT_TYPES };
