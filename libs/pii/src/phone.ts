// Indonesian telephone numbers (ITU-T E.164 country code 62; national trunk prefix 0):
// mobiles are 08xx with 9–12 digits after the 0, landlines an area code 2x–7x then the subscriber.
// After normalisation to the 0-form a number has 9–13 digits; anything longer (a NIK, a
// reference or account number) is not a phone.
import type { Finding } from './types.js';
import { hasContextBefore } from './context.js';

// A digit run with single separators (space, dot, dash, brackets round the area code) between
// digits, optionally opened by "+". The lookbehind keeps it from starting inside a longer token.
const PHONE_CANDIDATE = /(?<![\w+/])(?:\+\s?)?\(?\d(?:(?:\)\s?|\s?\(|[ .\-\u00a0])?\d)*\)?/g;
const TRAILING_WORD = /^[A-Za-z0-9@]/;
const PHONE_CONTEXT = /\b(?:telp?|telepon|tlp|hp|handphone|ponsel|wa|whatsapp|hubungi|nomor|no\.?|kontak|contact|phone|call|sms)\b/i;
const CONTEXT_WINDOW = 30;

const DIGIT = /\d/;

/** Returns the national number (without 0 / 62) when `raw` is shaped like an Indonesian phone, else null. */
function nationalNumber(raw: string): string | null {
  let digits = '';
  for (const ch of raw) if (DIGIT.test(ch)) digits += ch;
  const plus = raw.startsWith('+');
  let national: string;
  if (plus) {
    if (!digits.startsWith('62')) return null;
    national = digits.slice(2);
    if (national.startsWith('0')) national = national.slice(1); // "+62 (0)21 …"
  } else if (digits.startsWith('62')) {
    national = digits.slice(2);
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else {
    return null;
  }
  const total = national.length + 1; // as written in the 0-form
  if (total < 9 || total > 13) return null;
  const lead = national.charCodeAt(0) - 48;
  if (lead === 8) return national.length >= 9 ? national : null;
  if (lead >= 2 && lead <= 7) return national.length <= 11 ? national : null;
  return null;
}

/** Appends PHONE findings for +62 / 62 / 0-prefixed numbers of plausible length. */
export function detectPhone(text: string, out: Finding[]): void {
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = PHONE_CANDIDATE.exec(text); m !== null; m = PHONE_CANDIDATE.exec(text)) {
    let raw = m[0];
    let start = m.index;
    // A whole number wrapped in prose brackets, "(0812 3456 7890)": the brackets are not an area code's.
    if (raw.startsWith('(') && raw.endsWith(')') && raw.indexOf(')') === raw.length - 1) {
      raw = raw.slice(1, -1);
      start += 1;
    }
    // A closing bracket captured at the end belongs to the surrounding prose unless it closes an area code.
    if (raw.endsWith(')') && !raw.slice(0, -1).includes('(')) raw = raw.slice(0, -1);
    const end = start + raw.length;
    if (TRAILING_WORD.test(text.slice(end, end + 1))) continue;
    const national = nationalNumber(raw);
    if (national === null) continue;
    const opensBracket = raw.startsWith('(');
    if (opensBracket && !raw.includes(')')) continue;
    const context = hasContextBefore(text, start, PHONE_CONTEXT, CONTEXT_WINDOW);
    const mobile = national.startsWith('8');
    const international = raw.startsWith('+') || raw.startsWith('62');
    let confidence = mobile ? 0.85 : opensBracket || international ? 0.75 : 0.55;
    if (context) confidence = Math.min(0.98, confidence + 0.13);
    out.push({ type: 'PHONE', start, end, confidence, detector: mobile ? 'phone-mobile' : 'phone-landline' });
  }
}
