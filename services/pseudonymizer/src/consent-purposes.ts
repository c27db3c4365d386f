// Which pseudonyms an event may carry. Children are analysed only under a guardian's consent, per
// purpose (ARCHITECTURE.md, Keys and privacy): their record carries a pseudonym for each granted
// purpose and nothing else. Adults acting in their own name and organisations are analysed on
// another legal basis and carry the analytics pseudonym only. The risk purpose never appears here:
// risk scoring reads events.raw.v1 under the vital-interest basis, and its pseudonyms must not be
// joinable with anything analytics sees.
import { ValidationError } from '@cwp/errors';
import type { ConsentState } from '@cwp/avro';
import type { LegalBasis } from './types.js';

/** Purposes a child's consent can unlock on events.pseudonymized.v1, in key-preference order. */
export const CONSENT_PURPOSES = ['analytics', 'research', 'media'] as const;

/** The purpose non-consent subjects are pseudonymised for. */
export const DEFAULT_PURPOSE = 'analytics';

const BASIS_BY_SUBJECT: Readonly<Record<string, LegalBasis>> = {
  DONOR: 'LEGITIMATE_INTERESTS',
  VOLUNTEER: 'LEGITIMATE_INTERESTS',
  FACILITY: 'ORGANISATION',
  PARTNER: 'ORGANISATION',
};

/** What the consent snapshot on an event allows. */
export interface PurposeDecision {
  readonly legalBasis: LegalBasis;
  /** Purposes to derive a pseudonym for, in key-preference order; empty = the event is withheld. */
  readonly purposes: readonly string[];
  /** Purposes the guardian granted (children only). */
  readonly consentPurposes: readonly string[];
}

/** A consent is granted when the classifier said so and it had not expired at classification time. */
function isGranted(c: ConsentState, classifiedAt: number): boolean {
  return c.granted && (c.expiresAt === null || c.expiresAt > classifiedAt);
}

/**
 * Decides the purposes of one event from its consent flag and snapshot (taken at classification
 * time, so a replay decides the same). Throws UNKNOWN_SUBJECT_TYPE or CONSENT_FLAG_MISMATCH.
 */
export function decidePurposes(event: { readonly subjectType: string; readonly consentRequired: boolean; readonly consent: readonly ConsentState[]; readonly classifiedAt: number }): PurposeDecision {
  if (event.consentRequired) {
    const granted = new Set(event.consent.filter((c) => isGranted(c, event.classifiedAt)).map((c) => c.purpose));
    const purposes = CONSENT_PURPOSES.filter((p) => granted.has(p));
    return { legalBasis: 'CONSENT', purposes, consentPurposes: purposes };
  }
  if (event.subjectType === 'CHILD') throw new ValidationError('CONSENT_FLAG_MISMATCH', 'a CHILD event arrived with consentRequired=false: refusing to analyse a child without consent');
  const basis = BASIS_BY_SUBJECT[event.subjectType];
  if (basis === undefined) throw new ValidationError('UNKNOWN_SUBJECT_TYPE', 'subjectType is not one the pseudonymizer knows a legal basis for');
  return { legalBasis: basis, purposes: [DEFAULT_PURPOSE], consentPurposes: [] };
}
