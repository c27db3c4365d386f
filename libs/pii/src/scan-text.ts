// The scanner: every detector over the text, overlaps resolved, options applied last.
import type { Detector, Finding, PiiType, ScanOptions } from './types.js';
import { detectAddress } from './address.js';
import { detectDateOfBirth } from './date-of-birth.js';
import { detectEmail } from './email.js';
import { detectMedicalTerms } from './medical-terms.js';
import { detectNames } from './names.js';
import { detectNik } from './nik.js';
import { detectPhone } from './phone.js';
import { resolveOverlaps } from './resolve-overlaps.js';

const DETECTORS: Readonly<Record<PiiType, Detector>> = Object.freeze({
  NIK: detectNik,
  PHONE: detectPhone,
  EMAIL: detectEmail,
  ADDRESS: detectAddress,
  DATE_OF_BIRTH: detectDateOfBirth,
  NAME: detectNames,
  MEDICAL_TERM: detectMedicalTerms,
});
const ALL_TYPES = Object.keys(DETECTORS) as PiiType[];

/** Finds PII in free text: findings sorted by start, non-overlapping, without the matched text unless `includeMatch`. Pure and deterministic. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const candidates: Finding[] = [];
  for (const type of options.types ?? ALL_TYPES) DETECTORS[type](text, candidates);
  let findings = resolveOverlaps(candidates);
  const min = options.minConfidence ?? 0;
  if (min > 0) findings = findings.filter((f) => f.confidence >= min);
  if (options.includeMatch === true) findings = findings.map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
  return findings;
}
