// Writes personal data into free text the many ways people type it, planting each form and
// marking each span it inserts so the generator can label the finished note (see labels.ts).
import type { Address } from '@cwp/avro';
import { writeAddress } from './addresses.js';
import { writeDate } from './dates.js';
import { markSpan } from './labels.js';
import { writePhone } from './phones.js';
import type { Planter } from './planter.js';
import type { Rng } from './prng.js';

/** Formats personal data for notes and records what it wrote; returned spans carry marks until the generator strips them. */
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

/** Honorifics that some records keep at the front of a name or nickname. */
const LEADING_HONORIFIC = /^((?:dek|adik|neng|an\.|h\.|hj\.)\s+)(\S.*)$/isu;

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
      // Honorifics stay outside the label, including those recorded as part of a name ('Dek Bima',
      // 'Hj. Nurlia'): they name no one.
      const [, title = '', bare = written] = LEADING_HONORIFIC.exec(written) ?? [];
      return `${honorific ? `${honorific} ` : ''}${title}${markSpan('name', bare)}`;
    },
    nik(nik) {
      const written = rng.weighted<string>([
        [nik, 6],
        [groups(nik, [4, 4, 4, 4], ' '), 3],
        [groups(nik, [6, 6, 4], ' '), 1],
        [groups(nik, [4, 4, 4, 4], '.'), 1],
      ]);
      return markSpan('nik', planter.plant('nik', written));
    },
    phone(national) {
      return markSpan('phone', planter.plant('phone', writePhone(rng, national)));
    },
    email(email) {
      const [local = '', domain = ''] = email.split('@');
      const written = rng.chance(0.08) ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}` : email;
      return markSpan('email', planter.plant('email', written));
    },
    address(address) {
      planter.plant('address', address.street);
      return markSpan('address', planter.plant('address', writeAddress(rng, address)));
    },
    dob(iso) {
      return markSpan('dob', planter.plant('dob', writeDate(rng, iso)));
    },
  };
}
