// Public surface of @cwp/pii: a pure free-text PII scanner for Indonesian case notes.
export { PII_TYPES } from './types.js';
export type { Finding, PiiType, ScanOptions, Detector } from './types.js';
export { scanText } from './scan-text.js';
export { redact, defaultPlaceholder } from './redact.js';
export { resolveOverlaps } from './resolve-overlaps.js';
export { normalizeDigits } from './normalize-digits.js';
export { isValidNik, isProvinceCode, detectNik } from './nik.js';
export { detectPhone } from './phone.js';
export { detectEmail } from './email.js';
export { detectAddress } from './address.js';
export { detectDateOfBirth } from './date-of-birth.js';
export { detectNames } from './names.js';
export { detectMedicalTerms, MEDICAL_TERMS } from './medical-terms.js';
export { GIVEN_NAMES, FAMILY_NAMES, AMBIGUOUS_NAMES } from './name-gazetteer.js';
export { releaseText, guardReleasedText, REDACTED_WORD, REDACTED_NUMBER } from './release-text.js';
export type { ReleaseSpan } from './release-text.js';
export { RELEASE_LEXICON } from './lexicon.js';
