// NIK (Nomor Induk Kependudukan), the 16-digit Indonesian civil registration number, per
// Permendagri on Dukcapil data: PP RR DD DDMMYY SSSS = province, regency/city, district,
// birth date (day + 40 for women), serial. Province codes are the Kemendagri/BPS codes of the
// 38 provinces; Papua's 91–97 takes the union of the BPS and Kemendagri numbering of the six
// Papuan provinces, because NIKs issued before and after the 2022 split are both in circulation.
import type { Finding } from './types.js';
import { hasContextBefore } from './context.js';
import { normalizeDigits } from './normalize-digits.js';

const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96', '97',
]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const SIXTEEN_DIGITS = /^\d{16}$/;

// Sixteen digits with at most one separator between any two; not glued to further digits on
// either side, so a 20-digit reference number never yields a NIK.
const NIK_CANDIDATE = /(?<!\d[ .\-\u00a0]?)\d(?:[ .\-\u00a0]?\d){15}(?![ .\-\u00a0]?\d)/g;
const NIK_CONTEXT = /\b(?:nik|n\.?i\.?k|no\.?\s*ktp|nomor\s+ktp|ktp|e-?ktp|nomor\s+induk\s+kependudukan|no\.?\s*induk)\b/i;
const CONTEXT_WINDOW = 40;

/** True when the two-digit code is a currently assigned province code. */
export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

/** True for a 16-digit string with a real province, non-zero regency/district/serial and a valid DDMMYY (DD+40 for women). */
export function isValidNik(digits: string): boolean {
  if (!SIXTEEN_DIGITS.test(digits)) return false;
  if (!PROVINCE_CODES.has(digits.slice(0, 2))) return false;
  if (digits.slice(2, 4) === '00' || digits.slice(4, 6) === '00') return false;
  if (digits.slice(12, 16) === '0000') return false;
  let day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const yy = Number(digits.slice(10, 12));
  if (day > 40) day -= 40;
  if (month < 1 || month > 12 || day < 1) return false;
  // YY is 19YY or 20YY; both centuries agree on leap years except 1900, which no living holder has.
  const max = month === 2 ? (yy % 4 === 0 ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

/** Appends NIK findings: structurally valid numbers, and invalid 16-digit ones only when labelled as a NIK. */
export function detectNik(text: string, out: Finding[]): void {
  NIK_CANDIDATE.lastIndex = 0;
  for (let m = NIK_CANDIDATE.exec(text); m !== null; m = NIK_CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const labelled = hasContextBefore(text, start, NIK_CONTEXT, CONTEXT_WINDOW);
    if (isValidNik(normalizeDigits(m[0]))) {
      out.push({ type: 'NIK', start, end, confidence: labelled ? 0.99 : 0.9, detector: 'nik-structure' });
    } else if (labelled) {
      // A mistyped NIK is still somebody's NIK.
      out.push({ type: 'NIK', start, end, confidence: 0.5, detector: 'nik-context' });
    }
  }
}
