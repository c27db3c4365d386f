// The pseudonymizer's transform: events.encrypted.v1 → events.pseudonymized.v1. Pure but for the
// injected pseudonymizer (HKDF-SHA-256 per purpose and epoch + HMAC-SHA-256, RFC 5869 / RFC 2104,
// from @cwp/pseudonym). The output is built field by field from an allow-list: nothing of the input
// is copied wholesale, so a field added to a source schema never reaches analytics until it is
// named here. Records that cannot be generalised throw a coded ValidationError (dead-lettered by
// the runtime); child events without any granted purpose are withheld (no output). Free text leaves
// only in the encryptor's released form (@cwp/pii releaseText), guarded again here.
import { ValidationError } from '@cwp/errors';
import { guardReleasedText } from '@cwp/pii';
import type { Pseudonymizer } from '@cwp/pseudonym';
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';
import { decidePurposes } from './consent-purposes.js';
import type { GeneralisationConfig } from './generalisation-config.js';
import { ageBandOf, createPlaceGeneraliser, isoWeekOf, monthOf } from './generalise.js';
import { payloadDimensions } from './payload-dimensions.js';
import type { EncryptedEventIn, Measures, PseudonymizedEvent } from './types.js';

/** What the pseudonymizer stage needs. */
export interface PseudonymizerDeps {
  /** Keyed pseudonyms; its epoch policy decides pseudonymEpoch. The secret never leaves it. */
  readonly pseudonyms: Pseudonymizer;
  readonly generalisation: GeneralisationConfig;
  readonly outputTopic: string;
  /** Told when an event is withheld on purpose (e.g. a child without any granted purpose), for a metric. */
  readonly onWithheld?: (reason: WithheldReason) => void;
}

/** Why an event produced no output. */
export type WithheldReason = 'NO_CONSENT';

/** The result for one event: the record and its key, or why it was withheld. */
export type PseudonymizeResult =
  | { readonly kind: 'record'; readonly key: string; readonly value: PseudonymizedEvent }
  | { readonly kind: 'withheld'; readonly reason: WithheldReason };

const NO_MEASURES: Measures = {
  severity: null, operationType: null, occupancy: null, capacity: null, staffOnDuty: null, careStatus: null, programme: null,
  paymentChannel: null, amountIdr: null, activityType: null, hours: null, partnerType: null, recordType: null, consecutiveMissed: null,
  caretakerChangeReason: null,
};

/** Builds a pseudonymizing function over fixed deps (the place generaliser is prepared once). */
export function createEventPseudonymizer(deps: PseudonymizerDeps): (event: EncryptedEventIn) => PseudonymizeResult {
  const generalisePlace = createPlaceGeneraliser(deps.generalisation);
  return (event) => {
    if (typeof event.subjectId !== 'string' || event.subjectId.trim() === '') throw new ValidationError('MISSING_SUBJECT_ID', 'subjectId is empty: no pseudonym can be derived');
    if (!Number.isFinite(event.occurredAt)) throw new ValidationError('OCCURRED_AT_INVALID', 'occurredAt is not a valid time');
    const decision = decidePurposes(event);
    const dims = payloadDimensions(event.payload);
    // Generalise before deciding to withhold, so a malformed record is dead-lettered either way.
    const place = dims.place && (dims.place.province !== null || dims.placeRequired) ? generalisePlace(dims.place) : null;
    if (!place && dims.placeRequired) throw new ValidationError('PROVINCE_MISSING', 'the event\'s location is missing: it cannot be generalised');
    const ageBand = dims.dateOfBirth === null ? null : ageBandOf(dims.dateOfBirth, event.occurredAt, deps.generalisation);
    if (decision.purposes.length === 0) return { kind: 'withheld', reason: 'NO_CONSENT' };

    const freeText = deps.generalisation.freeText.level === 'drop' ? {} : releasedFreeText(event);
    const epoch = deps.pseudonyms.epochOf(event.occurredAt);
    const pseudonyms: Record<string, string> = {};
    for (const purpose of decision.purposes) pseudonyms[purpose] = deps.pseudonyms.pseudonym(event.subjectId, purpose, epoch);
    const value: PseudonymizedEvent = {
      eventId: event.eventId,
      eventType: event.eventType,
      subjectType: event.subjectType,
      pseudonyms,
      pseudonymEpoch: epoch,
      consentPurposes: decision.consentPurposes,
      legalBasis: decision.legalBasis,
      occurredWeek: isoWeekOf(event.occurredAt),
      occurredMonth: monthOf(event.occurredAt),
      ageBand,
      sex: dims.sex,
      district: place?.district ?? null,
      province: place?.province ?? null,
      generalisation: {
        dateOfBirth: ageBand === null ? null : deps.generalisation.dateOfBirth.level, address: place?.level ?? 'none', dates: deps.generalisation.dates.level,
        freeText: Object.keys(freeText).length > 0 ? 'pii-placeholders' : 'none',
      },
      freeText,
      ...NO_MEASURES,
      ...dims.measures,
    };
    // Keyed by the first purpose's pseudonym (analytics whenever it applies): one subject's events stay on one partition.
    return { kind: 'record', key: pseudonyms[decision.purposes[0]!]!, value };
  };
}

/**
 * The encryptor's released free text, by field name (payload.ChildRecord.caseNotes → caseNotes), run
 * through the lexicon guard again: whatever stands in events.encrypted.v1, only placeholders,
 * lexicon words and short numbers leave here. Paths outside the payload's own fields are ignored.
 */
function releasedFreeText(event: EncryptedEventIn): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(event.redactedText ?? {})) {
    const name = /^payload\.[A-Za-z]+\.([A-Za-z]+)$/u.exec(path)?.[1];
    if (name !== undefined) out[name] = guardReleasedText(text);
  }
  return out;
}

/** The stage transform: zero or one pseudonymized record per encrypted event; input headers are not carried over. */
export function createPseudonymizerTransform(deps: PseudonymizerDeps): Transform<EncryptedEventIn> {
  const pseudonymize = createEventPseudonymizer(deps);
  return (record: StageRecord<EncryptedEventIn>): Output[] => {
    const result = pseudonymize(record.value);
    if (result.kind === 'withheld') {
      deps.onWithheld?.(result.reason);
      return [];
    }
    return [{ topic: deps.outputTopic, key: result.key, value: result.value }];
  };
}
