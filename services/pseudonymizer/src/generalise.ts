// The generalisation functions behind config/generalisation.json's levels. Each one either returns
// the generalised value or throws a ValidationError with a stable code (the record is dead-lettered:
// a value that cannot be generalised is never passed on as it came). Messages never quote values.
import { ValidationError } from '@cwp/errors';
import type { GeneralisationConfig } from './generalisation-config.js';
import { normalisePlace } from './generalisation-config.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Oldest plausible age; an older date of birth is a data error, not a person. */
const MAX_AGE_YEARS = 130;
// A district is a place name: letters, spaces and a little punctuation, no digits (street numbers,
// RT/RW, postal codes, phone numbers), at most 60 characters. Anything else is not generalised output.
const DISTRICT_SHAPE = /^\p{L}[\p{L}\p{M} .'()-]{0,59}$/u;

/** ISO 8601 week of `ms` (UTC), "YYYY-Www": the week containing the Thursday decides the year. */
export function isoWeekOf(ms: number): string {
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) throw new ValidationError('OCCURRED_AT_INVALID', 'occurredAt is not a valid time');
  const dayIndex = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (3 - dayIndex) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Calendar month of `ms` (UTC), "YYYY-MM". */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) throw new ValidationError('OCCURRED_AT_INVALID', 'occurredAt is not a valid time');
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Completed years between the ISO date `dateOfBirth` and `atMs` (UTC); throws DOB_INVALID / DOB_AFTER_EVENT / DOB_IMPLAUSIBLE. */
export function ageInYears(dateOfBirth: string, atMs: number): number {
  const m = ISO_DATE.exec(dateOfBirth);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const dob = new Date(Date.UTC(y, mo - 1, d));
  if (!m || dob.getUTCFullYear() !== y || dob.getUTCMonth() !== mo - 1 || dob.getUTCDate() !== d) {
    throw new ValidationError('DOB_INVALID', 'dateOfBirth is not a calendar date YYYY-MM-DD: it cannot be generalised to an age band');
  }
  const at = new Date(atMs);
  if (dob.getTime() > atMs) throw new ValidationError('DOB_AFTER_EVENT', 'dateOfBirth is after the event time: it cannot be generalised to an age band');
  let age = at.getUTCFullYear() - y;
  const beforeBirthday = at.getUTCMonth() + 1 < mo || (at.getUTCMonth() + 1 === mo && at.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  if (age > MAX_AGE_YEARS) throw new ValidationError('DOB_IMPLAUSIBLE', `dateOfBirth gives an age above ${MAX_AGE_YEARS}: it cannot be generalised to an age band`);
  return age;
}

/** The configured band label of the age at `atMs`. */
export function ageBandOf(dateOfBirth: string, atMs: number, config: GeneralisationConfig): string {
  const age = ageInYears(dateOfBirth, atMs);
  const band = config.dateOfBirth.bands.find((b) => age >= b.minYears && (b.maxYears === null || age <= b.maxYears));
  // Unreachable with a validated config (bands tile [0, ∞)); kept so a bad config fails loudly.
  if (!band) throw new ValidationError('AGE_BAND_MISSING', 'no configured age band contains this age');
  return band.label;
}

/** A location as it arrives: the clear district and province of an address or a record. */
export interface PlaceInput {
  readonly district: string | null;
  readonly province: string | null;
}

/** A generalised location and the level actually kept. */
export interface GeneralisedPlace {
  readonly district: string | null;
  readonly province: string;
  readonly level: 'district' | 'province';
}

/** Generalises `place` to the configured level. Throws PROVINCE_MISSING, PROVINCE_UNKNOWN or DISTRICT_INVALID. */
export function createPlaceGeneraliser(config: GeneralisationConfig): (place: PlaceInput) => GeneralisedPlace {
  const provinces = new Map(config.address.provinces.map((p) => [normalisePlace(p.name), p.name]));
  const level = config.address.level;
  return (place) => {
    if (place.province === null || place.province.trim() === '') throw new ValidationError('PROVINCE_MISSING', 'the event\'s location has no province: it cannot be generalised');
    const province = provinces.get(normalisePlace(place.province));
    if (province === undefined) throw new ValidationError('PROVINCE_UNKNOWN', 'the event\'s province is not in the configured province list: it cannot be generalised');
    if (level === 'province') return { district: null, province, level };
    const district = place.district === null ? '' : place.district.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (district === '') return { district: null, province, level: 'province' };
    if (!DISTRICT_SHAPE.test(district)) throw new ValidationError('DISTRICT_INVALID', 'the event\'s district is not a place name (digits, symbols or over 60 characters): it cannot be passed on');
    return { district, province, level };
  };
}
