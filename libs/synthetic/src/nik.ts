// Nomor Induk Kependudukan (NIK), the 16-digit population number (UU 24/2013 on population
// administration; layout per Dukcapil): PP RR DD (province, regency, district codes),
// DDMMYY birth date with 40 added to the day for women, then a 4-digit serial 0001–9999.
import { PROVINCE_CODES } from './reference/regions.js';

/** The fields of a structurally valid NIK. */
export interface NikParts {
  readonly provinceCode: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  /** Day of birth with the +40 for women removed (1–31). */
  readonly day: number;
  readonly month: number;
  /** Two-digit year of birth; the century is not encoded. */
  readonly yearOfCentury: number;
  readonly sex: 'MALE' | 'FEMALE';
  readonly serial: string;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Splits a 16-digit NIK into its fields; null unless every field is structurally possible. Takes digits only (strip separators first). */
export function parseNik(digits: string): NikParts | null {
  if (!/^\d{16}$/.test(digits)) return null;
  const provinceCode = digits.slice(0, 2);
  const regencyCode = digits.slice(2, 4);
  const districtCode = digits.slice(4, 6);
  const rawDay = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const yearOfCentury = Number(digits.slice(10, 12));
  const serial = digits.slice(12);
  if (!PROVINCE_CODES.has(provinceCode)) return null;
  const regency = Number(regencyCode);
  if (regency < 1 || regency > 79 || districtCode === '00' || serial === '0000') return null;
  const sex = rawDay > 40 ? 'FEMALE' : 'MALE';
  const day = sex === 'FEMALE' ? rawDay - 40 : rawDay;
  if (month < 1 || month > 12 || day < 1) return null;
  // 29 February is possible only in years divisible by four (2000 was a leap year, 1900 is out of range).
  const maxDay = month === 2 && yearOfCentury % 4 !== 0 ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > maxDay) return null;
  return { provinceCode, regencyCode, districtCode, day, month, yearOfCentury, sex, serial };
}

/** True when `digits` is 16 digits whose region, birth date (day + 40 for women) and serial are all possible. */
export function isValidNikStructure(digits: string): boolean {
  return parseNik(digits) !== null;
}

/** Builds a NIK from region codes, an ISO birth date, sex and a serial (1–9999). */
export function composeNik(region: { readonly province: string; readonly regency: string; readonly district: string }, dateOfBirth: string, sex: 'MALE' | 'FEMALE', serial: number): string {
  const [year, month, day] = dateOfBirth.split('-');
  if (!year || !month || !day) throw new RangeError(`dateOfBirth must be YYYY-MM-DD, got ${dateOfBirth}`);
  if (serial < 1 || serial > 9999) throw new RangeError(`serial must be 1..9999, got ${serial}`);
  const dd = String(Number(day) + (sex === 'FEMALE' ? 40 : 0)).padStart(2, '0');
  return `${region.province}${region.regency}${region.district}${dd}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}
