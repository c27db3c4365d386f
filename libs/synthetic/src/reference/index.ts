// Reference tables shared with other stages (the classifier reuses province codes, honorifics and medical terms).
import { PROVINCE_CODES, PROVINCES } from './regions.js';
import { EMAIL_DOMAINS, HONORIFICS, INJURIES, MEDICAL_CONDITIONS, MEDICAL_TERMS, MOBILE_PREFIXES, MONTHS_ID } from './vocabulary.js';

/** Indonesian reference data: regions with Kemendagri codes, honorifics, medical terms, months, phone prefixes, e-mail domains. */
export const reference = Object.freeze({
  /** All 38 provinces; regencies and districts for a sample. */
  provinces: PROVINCES,
  /** The 38 two-digit province codes a NIK can open with. */
  provinceCodes: PROVINCE_CODES,
  honorifics: HONORIFICS,
  medicalConditions: MEDICAL_CONDITIONS,
  injuries: INJURIES,
  /** Conditions, injuries and care words, for free-text scanning. */
  medicalTerms: MEDICAL_TERMS,
  /** Indonesian month names, January first. */
  months: MONTHS_ID,
  /** Mobile operator prefixes after the leading 0 (e.g. '812'). */
  mobilePrefixes: MOBILE_PREFIXES,
  emailDomains: EMAIL_DOMAINS.map(([domain]) => domain),
});

export type { District, Province, Regency } from './regions.js';
