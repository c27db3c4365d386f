// Calendar dates as written in Indonesian records and notes.
import type { Rng } from './prng.js';
import { MONTHS_ID } from './reference/vocabulary.js';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' (UTC) of an epoch-millisecond instant. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole years between an ISO birth date and an instant. */
export function ageYears(dateOfBirth: string, atMs: number): number {
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  const at = new Date(atMs);
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())) age -= 1;
  return age;
}

/** An ISO date written one of the ways people write it: 12-09-2014, 12/09/2014, 12 September 2014, 2014-09-12, 12 Sept 2014. */
export function writeDate(rng: Rng, iso: string): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  const month = MONTHS_ID[Number(m) - 1] ?? '';
  return rng.weighted<string>([
    [`${d}-${m}-${y}`, 4],
    [`${d}/${m}/${y}`, 2],
    [`${Number(d)} ${month} ${y}`, 4],
    [`${d} ${month} ${y}`, 1],
    [iso, 2],
    [`${Number(d)} ${month.slice(0, 3)} ${y}`, 1],
  ]);
}
