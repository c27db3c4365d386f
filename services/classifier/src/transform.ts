// The classifier's transform: events.raw.v1 → events.classified.v1. It validates what the schema
// cannot (the payload branch matches eventType, known subject type, a subject id), gives every
// present field a sensitivity level, scans free text for personal data, and attaches consent.
import type { ClassifiedEvent, FieldSensitivity, PiiFinding, RawEvent, SensitivityLevel } from '@cwp/avro';
import { SUBJECT_TYPES, isEventType, unwrapPayload } from '@cwp/avro';
import { ValidationError } from '@cwp/errors';
import { scanText } from '@cwp/pii';
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';
import type { ConsentPort } from './consent-port.js';
import type { FieldPlan, FieldSlot } from './field-plan.js';
import { valuesAt } from './field-plan.js';
import { consentRequiredFor, fieldLevel, maxLevel } from './sensitivity.js';

/** What the classifier needs: the field plan, the consent registry, a clock and where to write. */
export interface ClassifierDeps {
  readonly plan: FieldPlan;
  readonly consent: ConsentPort;
  readonly outputTopic: string;
  readonly clock?: () => Date;
  /** Findings below this confidence are dropped (default 0.5). */
  readonly minConfidence?: number;
}

const SUBJECTS: ReadonlySet<string> = new Set(SUBJECT_TYPES);

function validate(event: RawEvent): void {
  if (!isEventType(event.eventType)) throw new ValidationError('UNKNOWN_EVENT_TYPE', `eventType ${JSON.stringify(String(event.eventType).slice(0, 40))} is not one the platform accepts`);
  if (!SUBJECTS.has(event.subjectType)) throw new ValidationError('UNKNOWN_SUBJECT_TYPE', `subjectType ${JSON.stringify(String(event.subjectType).slice(0, 40))} is not one the platform accepts`);
  if (event.subjectId.trim() === '') throw new ValidationError('MISSING_SUBJECT_ID', 'subjectId is empty');
  try {
    unwrapPayload(event);
  } catch (err) {
    throw new ValidationError('PAYLOAD_MISMATCH', `the payload record does not match eventType ${event.eventType}`, { cause: err });
  }
}

function scanSlot(slot: FieldSlot, values: ReturnType<typeof valuesAt>, minConfidence: number, into: PiiFinding[]): void {
  for (const { value, indexes } of values) {
    const texts = Array.isArray(value) ? value.map((v: unknown, i) => ({ text: v, idx: [...indexes, i] })) : [{ text: value, idx: indexes }];
    for (const { text, idx } of texts) {
      if (typeof text !== 'string' || text.length === 0) continue;
      const field = `${slot.path}${idx.map((i) => `[${i}]`).join('')}`;
      for (const f of scanText(text, { minConfidence })) {
        into.push({ field, type: f.type, start: f.start, end: f.end, confidence: f.confidence, detector: f.detector });
      }
    }
  }
}

/** Classifies one raw event (pure but for the consent lookup). */
export async function classify(event: RawEvent, deps: ClassifierDeps): Promise<ClassifiedEvent> {
  validate(event);
  const slots = [...deps.plan.envelope, ...(deps.plan.branches.get(Object.keys(event.payload)[0] ?? '') ?? [])];
  const fieldSensitivity: FieldSensitivity[] = [];
  const piiFindings: PiiFinding[] = [];
  let overall: SensitivityLevel = 'PUBLIC';
  const minConfidence = deps.minConfidence ?? 0.5;
  for (const slot of slots) {
    const values = valuesAt(event, slot.valuePath);
    if (values.length === 0) continue;
    const level = fieldLevel(slot.pii, event.eventType, event.subjectType);
    fieldSensitivity.push({ path: slot.path, level, pii: slot.pii });
    overall = maxLevel(overall, level);
    if (slot.freeText) scanSlot(slot, values, minConfidence, piiFindings);
  }
  const now = (deps.clock ?? (() => new Date()))();
  const consentRequired = consentRequiredFor(event.subjectType);
  const consent = consentRequired ? await deps.consent.current(event.subjectId, now) : [];
  return { ...event, classifiedAt: now.getTime(), overallSensitivity: overall, fieldSensitivity, piiFindings, consentRequired, consent };
}

/** The stage transform: one classified record per raw event, keyed by the subject id. */
export function createClassifier(deps: ClassifierDeps): Transform<RawEvent> {
  return async (record: StageRecord<RawEvent>): Promise<Output[]> => {
    const classified = await classify(record.value, deps);
    return [{ topic: deps.outputTopic, key: classified.subjectId, value: classified, headers: record.headers }];
  };
}
