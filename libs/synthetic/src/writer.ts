// Writes personal data into free text the many ways people type it, planting each form.
import type { Address } from '@cwp/avro';
import { writeAddress } from './addresses.js';
import { writeDate } from './dates.js';
import { writePhone } from './phones.js';
import type { Planter } from './planter.js';
import type { Rng } from './prng.js';

/** Formats personal data for notes and records what it wrote. */
export interface TextWriter {
  /** A name, optionally after an honorific ('Ibu Sri'); the name part is planted. */
  name(name: string, honorific?: string | null): string;
  /** A NIK as 3273015209140003, 3273 0152 0914 0003, 327301 520914 0003 or 3273.0152.0914.0003. */
  nik(nik: string): string;
  /** A phone number in one of its written forms. */
  phone(national: string): string;
  /** An e-mail address, occasionally with capitals. */
  email(email: string): string;
  /** A full address line. */
  address(address: Address): string;
  /** A date of birth in one of its written forms. */
  dob(iso: string): string;
}

function groups(digits: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(sep);
}

/** A writer that plants into `planter`. */
export function createTextWriter(rng: Rng, planter: Planter): TextWriter {
  return {
    name(name, honorific) {
      const written = rng.chance(0.06) ? name.toLowerCase() : rng.chance(0.05) ? name.toUpperCase() : name;
      planter.plant('name', written);
      return honorific ? `${honorific} ${written}` : written;
    },
    nik(nik) {
      const written = rng.weighted<string>([
        [nik, 6],
        [groups(nik, [4, 4, 4, 4], ' '), 3],
        [groups(nik, [6, 6, 4], ' '), 1],
        [groups(nik, [4, 4, 4, 4], '.'), 1],
      ]);
      return planter.plant('nik', written);
    },
    phone(national) {
      return planter.plant('phone', writePhone(rng, national));
    },
    email(email) {
      const [local = '', domain = ''] = email.split('@');
      const written = rng.chance(0.08) ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}` : email;
      return planter.plant('email', written);
    },
    address(address) {
      planter.plant('address', address.street);
      return planter.plant('address', writeAddress(rng, address));
    },
    dob(iso) {
      return planter.plant('dob', writeDate(rng, iso));
    },
  };
}
