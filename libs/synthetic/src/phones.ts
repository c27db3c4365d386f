// Indonesian mobile numbers: 08xx national form or +62 8xx international form, 10–13 digits
// nationally, written with spaces, dots or dashes in free text.
import type { Rng } from './prng.js';
import { MOBILE_PREFIXES } from './reference/vocabulary.js';

/** A national mobile number, digits only, starting 08 (10–13 digits). */
export function createMobileNumber(rng: Rng): string {
  const length = rng.weighted([
    [10, 5],
    [11, 25],
    [12, 55],
    [13, 15],
  ]);
  return `0${rng.pick(MOBILE_PREFIXES)}${rng.digits(length - 4)}`;
}

function group(digits: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(separator);
}

/** How a structured phone field holds the number: mostly 08… or +628…, sometimes with spaces. */
export function storePhone(rng: Rng, national: string): string {
  const subscriber = national.slice(1);
  return rng.weighted<string>([
    [national, 5],
    [`+62${subscriber}`, 4],
    [`+62 ${group(subscriber, [3, 4], '-')}`, 1],
  ]);
}

/** The number as someone types it into free text: 0812-3456-7890, 0812 3456 7890, +62 812.3456.7890, 62812… */
export function writePhone(rng: Rng, national: string): string {
  const subscriber = national.slice(1);
  return rng.weighted<string>([
    [national, 3],
    [group(national, [4, 4], '-'), 4],
    [group(national, [4, 4], ' '), 3],
    [group(national, [4, 4], '.'), 1],
    [`+62${subscriber}`, 2],
    [`+62 ${group(subscriber, [3, 4], ' ')}`, 2],
    [`+62-${group(subscriber, [3, 4], '-')}`, 1],
    [`62${subscriber}`, 1],
  ]);
}
