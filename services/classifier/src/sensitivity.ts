// Sensitivity levels (ARCHITECTURE.md, classifier): a field's level comes from its schema tag and
// the kind of data subject the event is about; the event's level is its highest field level.
//
//   tag \ subject   CHILD         adult person (DONOR, VOLUNTEER)   organisation (FACILITY, PARTNER)
//   direct          RESTRICTED    RESTRICTED                        RESTRICTED
//   sensitive       RESTRICTED    RESTRICTED                        RESTRICTED
//   quasi           RESTRICTED    CONFIDENTIAL                      CONFIDENTIAL
//   untagged        CONFIDENTIAL  INTERNAL                          PUBLIC
//
// Child risk and health events (incidents, health observations, missed check-ins, missing-child
// reports, caretaker changes) raise their untagged fields to RESTRICTED too: that an event of this
// kind exists about a child is itself sensitive. An unknown subject type is treated as a child.
import type { PiiLevel, SensitivityLevel } from '@cwp/avro';

export const LEVELS: readonly SensitivityLevel[] = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'];

const RISK_EVENT_TYPES: ReadonlySet<string> = new Set(['INCIDENT_REPORT', 'HEALTH_OBSERVATION', 'MISSED_CHECK_IN', 'MISSING_CHILD_REPORT', 'CARETAKER_CHANGE']);

type SubjectClass = 'child' | 'adult' | 'organisation';

function subjectClass(subjectType: string): SubjectClass {
  if (subjectType === 'DONOR' || subjectType === 'VOLUNTEER') return 'adult';
  if (subjectType === 'FACILITY' || subjectType === 'PARTNER') return 'organisation';
  return 'child';
}

/** Level of one field, from its pii tag (or none), the event type and the subject type. */
export function fieldLevel(pii: PiiLevel | null, eventType: string, subjectType: string): SensitivityLevel {
  const who = subjectClass(subjectType);
  if (pii === 'direct' || pii === 'sensitive') return 'RESTRICTED';
  if (pii === 'quasi') return who === 'child' ? 'RESTRICTED' : 'CONFIDENTIAL';
  if (who === 'child') return RISK_EVENT_TYPES.has(eventType) ? 'RESTRICTED' : 'CONFIDENTIAL';
  return who === 'adult' ? 'INTERNAL' : 'PUBLIC';
}

/** The higher of two levels. */
export function maxLevel(a: SensitivityLevel, b: SensitivityLevel): SensitivityLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

/** True for data subjects whose analytics use needs a guardian's consent (children). */
export function consentRequiredFor(subjectType: string): boolean {
  return subjectClass(subjectType) === 'child';
}
