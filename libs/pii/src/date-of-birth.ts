// Calendar dates as written in Indonesian case notes: 12-09-2014, 12/09/2014, 12.09.2014,
// 2014-09-12 (ISO 8601), 12 September 2014, 12 Sept 2014, 12 Agt. 2014, September 12, 2014.
// Near a birth context word a date is a date of birth; elsewhere it is still reported, at lower
// confidence, because any exact date about a child is a quasi-identifier.
import type { Finding } from './types.js';
import { hasContextBefore } from './context.js';

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['januari', 1], ['january', 1], ['jan', 1],
  ['februari', 2], ['pebruari', 2], ['february', 2], ['feb', 2], ['peb', 2],
  ['maret', 3], ['march', 3], ['mar', 3],
  ['april', 4], ['apr', 4],
  ['mei', 5], ['may', 5],
  ['juni', 6], ['june', 6], ['jun', 6],
  ['juli', 7], ['july', 7], ['jul', 7],
  ['agustus', 8], ['august', 8], ['agu', 8], ['agt', 8], ['agst', 8], ['aug', 8], ['ags', 8],
  ['september', 9], ['sept', 9], ['sep', 9],
  ['oktober', 10], ['october', 10], ['okt', 10], ['oct', 10],
  ['november', 11], ['nopember', 11], ['nov', 11], ['nop', 11],
  ['desember', 12], ['december', 12], ['des', 12], ['dec', 12],
]);
// Longest first so "sept" is not cut to "sep".
const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

const NUMERIC_DMY = /(?<![\d.\-/])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.\-/]\d)/g;
const NUMERIC_YMD = /(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.\-/]\d)/g;
const TEXT_DMY = new RegExp(String.raw`(?<![\w])(\d{1,2})\s+(${MONTH_ALT})\.?\s+(\d{4})(?!\d)`, 'gi');
const TEXT_MDY = new RegExp(String.raw`(?<![\w])(${MONTH_ALT})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)`, 'gi');
const BIRTH_CONTEXT = /\b(?:lahir|kelahiran|lhr|tgl\.?\s*lahir|ttl|dob|d\.o\.b|born|birth)\b/i;
const CONTEXT_WINDOW = 40;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function valid(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (year < 1900 || year > 2099) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 ? (leap ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

function twoDigitYear(yy: number): number {
  // Case notes concern children and their parents: 00–39 are 2000s, the rest 1900s.
  return yy < 40 ? 2000 + yy : 1900 + yy;
}

function push(text: string, out: Finding[], start: number, end: number, detector: string): void {
  const birth = hasContextBefore(text, start, BIRTH_CONTEXT, CONTEXT_WINDOW);
  out.push({ type: 'DATE_OF_BIRTH', start, end, confidence: birth ? 0.95 : 0.6, detector: birth ? `${detector}-birth` : detector });
}

/** Appends DATE_OF_BIRTH findings for every valid calendar date; confidence is high only near a birth context word. */
export function detectDateOfBirth(text: string, out: Finding[]): void {
  NUMERIC_DMY.lastIndex = 0;
  for (let m = NUMERIC_DMY.exec(text); m !== null; m = NUMERIC_DMY.exec(text)) {
    const yearText = m[4] ?? '';
    const year = yearText.length === 2 ? twoDigitYear(Number(yearText)) : Number(yearText);
    // Two-digit years with dots ("1.2.14") read too often as version or section numbers.
    if (yearText.length === 2 && m[2] === '.') continue;
    if (valid(Number(m[1]), Number(m[3]), year)) push(text, out, m.index, m.index + m[0].length, 'date-numeric');
  }
  NUMERIC_YMD.lastIndex = 0;
  for (let m = NUMERIC_YMD.exec(text); m !== null; m = NUMERIC_YMD.exec(text)) {
    if (valid(Number(m[4]), Number(m[3]), Number(m[1]))) push(text, out, m.index, m.index + m[0].length, 'date-iso');
  }
  TEXT_DMY.lastIndex = 0;
  for (let m = TEXT_DMY.exec(text); m !== null; m = TEXT_DMY.exec(text)) {
    const month = MONTHS.get((m[2] ?? '').toLowerCase()) ?? 0;
    if (valid(Number(m[1]), month, Number(m[3]))) push(text, out, m.index, m.index + m[0].length, 'date-text');
  }
  TEXT_MDY.lastIndex = 0;
  for (let m = TEXT_MDY.exec(text); m !== null; m = TEXT_MDY.exec(text)) {
    const month = MONTHS.get((m[1] ?? '').toLowerCase()) ?? 0;
    if (valid(Number(m[2]), month, Number(m[3]))) push(text, out, m.index, m.index + m[0].length, 'date-text');
  }
}
