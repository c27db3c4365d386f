// The people and places events refer to: pools of children, guardians, donors, volunteers,
// facilities, partners and caseworkers, created once per generator so events link together.
import type { Address, CareStatus, Immunisation, MedicalProfile, PartnerType } from '@cwp/avro';
import type { Locality } from './addresses.js';
import { createLocality, createStreetLine, toAddress } from './addresses.js';
import { DAY_MS, ageYears, isoDate } from './dates.js';
import { composeNik } from './nik.js';
import type { PersonName, PersonSex } from './people.js';
import { createCallName, createEmail, createName, pickStyle } from './people.js';
import { createMobileNumber, storePhone } from './phones.js';
import type { Rng } from './prng.js';
import { ALLERGIES, DISABILITIES, FACILITY_NAMES, MEDICAL_CONDITIONS } from './reference/vocabulary.js';

/** An adult with contact details as one system stores them. */
export interface Adult {
  readonly name: PersonName;
  readonly sex: PersonSex;
  /** National digits (08…), for writing into notes. */
  readonly mobile: string | null;
  /** The phone as stored in structured fields. */
  readonly storedPhone: string | null;
  readonly email: string | null;
  readonly relationship: string | null;
}

/** A child's current state; events read it and some events change it. */
export interface Child {
  readonly id: string;
  readonly sex: PersonSex;
  readonly name: PersonName;
  readonly nickname: string | null;
  readonly dateOfBirth: string;
  readonly dateOfBirthEstimated: boolean;
  readonly nik: string | null;
  readonly placeOfBirth: string | null;
  locality: Locality;
  address: Address | null;
  guardian: Adult | null;
  careStatus: CareStatus;
  facilityId: string | null;
  readonly caseworker: Caseworker;
  readonly medical: { conditions: string[]; allergies: string[]; disability: string | null; bloodType: string | null; immunisations: Immunisation[] };
  /** Weight with which risk events pick this child (a few children draw most reports). */
  readonly riskWeight: number;
  missedStreak: number;
}

/** A care facility (LKSA / panti asuhan). */
export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly locality: Locality;
  readonly address: Address;
  readonly capacity: number;
  occupancy: number;
  staff: number;
}

/** A donor. */
export interface Donor extends Adult {
  readonly id: string;
}

/** A volunteer. */
export interface Volunteer extends Adult {
  readonly id: string;
  readonly facilityId: string | null;
  readonly locality: Locality;
}

/** An external partner organisation. */
export interface Partner {
  readonly id: string;
  readonly type: PartnerType;
  readonly name: string;
  readonly locality: Locality;
}

/** A caseworker (pekerja sosial). */
export interface Caseworker {
  readonly id: string;
  readonly name: PersonName;
  readonly sex: PersonSex;
}

/** Every pool, plus NIK serial counters. */
export interface World {
  readonly children: readonly Child[];
  readonly facilities: readonly Facility[];
  readonly donors: readonly Donor[];
  readonly volunteers: readonly Volunteer[];
  readonly partners: readonly Partner[];
  readonly caseworkers: readonly Caseworker[];
  facility(id: string | null): Facility | undefined;
  /** A fresh adult who lives in the locality's province. */
  createAdult(rng: Rng, provinceCode: string, relationship: string | null, family?: string | null, sex?: PersonSex): Adult;
}

function idFactory(rng: Rng): (prefix: string, width?: number) => string {
  const used = new Set<string>();
  return (prefix, width = 8) => {
    for (;;) {
      const id = `${prefix}-${rng.int(0, 16 ** width - 1).toString(16).toUpperCase().padStart(width, '0')}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

function adult(rng: Rng, provinceCode: string, relationship: string | null, family: string | null, sex: PersonSex): Adult {
  const name = createName(rng, pickStyle(rng, provinceCode), sex, 'ADULT', family);
  const mobile = rng.chance(0.85) ? createMobileNumber(rng) : null;
  return {
    name,
    sex,
    mobile,
    storedPhone: mobile === null ? null : storePhone(rng, mobile),
    email: rng.chance(0.4) ? createEmail(rng, name) : null,
    relationship,
  };
}

const IMMUNISATION_SCHEDULE: readonly (readonly [vaccine: string, ageMonths: number])[] = [
  ['Hepatitis B0', 0], ['BCG', 1], ['Polio 1', 1], ['DPT-HB-Hib 1', 2], ['Polio 2', 2], ['PCV 1', 2], ['DPT-HB-Hib 2', 3], ['Polio 3', 3],
  ['PCV 2', 3], ['DPT-HB-Hib 3', 4], ['Polio 4', 4], ['IPV', 4], ['Campak-Rubela (MR)', 9], ['PCV 3', 12], ['DPT-HB-Hib lanjutan', 18],
  ['Campak-Rubela lanjutan', 18], ['DT (BIAS kelas 1)', 84], ['Td (BIAS kelas 2)', 96],
];

function medicalProfile(rng: Rng, dateOfBirth: string, startTime: number): Child['medical'] {
  const birth = Date.parse(`${dateOfBirth}T00:00:00Z`);
  const ageMonths = (startTime - birth) / (30.44 * DAY_MS);
  const conditionCount = rng.weighted([[0, 55], [1, 30], [2, 15]]);
  const conditions: string[] = [];
  while (conditions.length < conditionCount) {
    const c = rng.pick(MEDICAL_CONDITIONS);
    if (!conditions.includes(c)) conditions.push(c);
  }
  const immunisations = IMMUNISATION_SCHEDULE.filter(([, due]) => due <= ageMonths && rng.chance(0.85)).map(([vaccine, due]) => ({
    vaccine,
    date: rng.chance(0.85) ? isoDate(birth + due * 30.44 * DAY_MS + rng.int(0, 20) * DAY_MS) : null,
  }));
  const group = rng.weighted([['O', 38], ['A', 27], ['B', 27], ['AB', 8]]);
  return {
    conditions,
    allergies: rng.chance(0.2) ? [rng.pick(ALLERGIES)] : [],
    disability: rng.chance(0.06) ? rng.pick(DISABILITIES) : null,
    bloodType: rng.chance(0.7) ? `${group}${rng.chance(0.4) ? '+' : ''}` : null,
    immunisations,
  };
}

/** Copies a child's medical state into the record shape. */
export function medicalRecord(child: Child): MedicalProfile {
  return {
    conditions: [...child.medical.conditions],
    allergies: [...child.medical.allergies],
    disability: child.medical.disability,
    bloodType: child.medical.bloodType,
    immunisations: child.medical.immunisations.map((i) => ({ ...i })),
  };
}

const PARTNER_KINDS: readonly (readonly [PartnerType, (l: Locality) => string, number])[] = [
  ['GOVERNMENT', (l) => `Disdukcapil ${l.regency.name}`, 3],
  ['GOVERNMENT', (l) => `Dinas Sosial ${l.regency.name}`, 2],
  ['HOSPITAL', (l) => `RSUD ${l.regency.name.replace(/^(Kota|Kab\.) /, '')}`, 3],
  ['SCHOOL', (l) => `SD Negeri ${String(Math.max(1, l.district.villages.length))} ${l.district.name}`, 3],
  ['POLICE', (l) => `Unit PPA Polres ${l.regency.name.replace(/^(Kota|Kab\.) /, '')}`, 2],
  ['NGO', () => 'Yayasan Peduli Anak Nusantara', 2],
];

/** Builds every pool from the seed. */
export function createWorld(rng: Rng, options: { readonly childCount: number; readonly startTime: number }): World {
  const nextId = idFactory(rng);
  const serials = new Map<string, number>();

  const caseworkers: Caseworker[] = Array.from({ length: Math.max(4, Math.ceil(options.childCount / 8)) }, () => {
    const sex: PersonSex = rng.chance(0.65) ? 'FEMALE' : 'MALE';
    const locality = createLocality(rng);
    return { id: nextId('PS', 6), name: createName(rng, pickStyle(rng, locality.province.code), sex, 'ADULT'), sex };
  });

  const facilities: Facility[] = Array.from({ length: Math.min(FACILITY_NAMES.length, Math.max(4, Math.ceil(options.childCount / 12))) }, (_, i) => {
    const locality = createLocality(rng);
    const capacity = rng.int(4, 24) * 5;
    return {
      id: `LKS-${locality.province.code}${locality.regency.code}-${String(i + 1).padStart(2, '0')}`,
      name: FACILITY_NAMES[i] ?? `Panti Asuhan ${i + 1}`,
      locality,
      address: toAddress(rng, locality, createStreetLine(rng)),
      capacity,
      occupancy: Math.floor(capacity * (0.4 + rng.next() * 0.3)),
      staff: rng.int(3, 12),
    };
  });

  const children: Child[] = Array.from({ length: options.childCount }, () => {
    const sex: PersonSex = rng.chance(0.5) ? 'MALE' : 'FEMALE';
    const birthLocality = createLocality(rng);
    const style = pickStyle(rng, birthLocality.province.code);
    const father = createName(rng, style, 'MALE', 'ADULT');
    const name = createName(rng, style, sex, 'CHILD', father.family);
    const dateOfBirth = isoDate(options.startTime - rng.int(14, 18 * 365 - 5) * DAY_MS);
    const careStatus = rng.weighted<CareStatus>([
      ['WITH_PARENTS', 40], ['KINSHIP_CARE', 20], ['INSTITUTIONAL_CARE', 25], ['FOSTER_CARE', 5], ['STREET_CONNECTED', 5],
      [ageYears(dateOfBirth, options.startTime) >= 15 ? 'INDEPENDENT' : 'KINSHIP_CARE', 2], ['UNKNOWN', 3],
    ]);
    const estimated = careStatus === 'STREET_CONNECTED' ? rng.chance(0.4) : rng.chance(0.02);
    const region = { province: birthLocality.province.code, regency: birthLocality.regency.code, district: birthLocality.district.code };
    let nik: string | null = null;
    if (!estimated && rng.chance(careStatus === 'STREET_CONNECTED' ? 0.5 : 0.93)) {
      const key = `${region.province}${region.regency}${region.district}${dateOfBirth}${sex}`;
      const serial = (serials.get(key) ?? rng.int(0, 2)) + 1;
      serials.set(key, serial);
      nik = composeNik(region, dateOfBirth, sex, serial);
    }
    let locality = rng.chance(0.8) ? birthLocality : createLocality(rng);
    let facilityId: string | null = null;
    let address: Address | null = toAddress(rng, locality, createStreetLine(rng));
    if (careStatus === 'INSTITUTIONAL_CARE') {
      const facility = facilities.find((f) => f.locality.province.code === locality.province.code) ?? rng.pick(facilities);
      facilityId = facility.id;
      locality = facility.locality;
      address = facility.address;
      facility.occupancy = Math.min(facility.capacity, facility.occupancy + 1);
    } else if (careStatus === 'STREET_CONNECTED' && rng.chance(0.6)) {
      address = null;
    }
    const relationship = careStatus === 'WITH_PARENTS' ? rng.weighted([['IBU', 6], ['AYAH', 3]]) : rng.pick(['NENEK', 'KAKEK', 'PAMAN', 'BIBI', 'KAKAK', 'ORANG_TUA_ASUH', 'WALI']);
    const hasGuardian = careStatus === 'INSTITUTIONAL_CARE' ? rng.chance(0.5) : careStatus === 'STREET_CONNECTED' ? rng.chance(0.3) : rng.chance(0.97);
    const guardianSex: PersonSex = ['IBU', 'NENEK', 'BIBI'].includes(relationship) ? 'FEMALE' : ['AYAH', 'KAKEK', 'PAMAN'].includes(relationship) ? 'MALE' : rng.chance(0.5) ? 'MALE' : 'FEMALE';
    const guardian = hasGuardian
      ? relationship === 'AYAH'
        ? { ...adult(rng, locality.province.code, relationship, null, 'MALE'), name: father }
        : adult(rng, locality.province.code, relationship, ['KAKEK', 'PAMAN'].includes(relationship) ? father.family : null, guardianSex)
      : null;
    return {
      id: nextId('CHD'),
      sex,
      name,
      nickname: createCallName(rng, name, sex),
      dateOfBirth,
      dateOfBirthEstimated: estimated,
      nik,
      placeOfBirth: rng.chance(0.9) ? birthLocality.regency.name.replace(/^(Kota|Kab\.) /, '') : null,
      locality,
      address,
      guardian,
      careStatus,
      facilityId,
      caseworker: rng.pick(caseworkers),
      medical: medicalProfile(rng, dateOfBirth, options.startTime),
      riskWeight: rng.chance(0.12) ? 8 : 1,
      missedStreak: 0,
    };
  });

  const donors: Donor[] = Array.from({ length: Math.max(10, Math.ceil(options.childCount * 0.4)) }, () => {
    const locality = createLocality(rng);
    return { ...adult(rng, locality.province.code, null, null, rng.chance(0.5) ? 'MALE' : 'FEMALE'), id: nextId('DNR') };
  });
  const volunteers: Volunteer[] = Array.from({ length: Math.max(8, Math.ceil(options.childCount * 0.25)) }, () => {
    const facility = rng.chance(0.8) ? rng.pick(facilities) : null;
    const locality = facility?.locality ?? createLocality(rng);
    const person = adult(rng, locality.province.code, null, null, rng.chance(0.55) ? 'FEMALE' : 'MALE');
    return { ...person, email: person.email ?? (rng.chance(0.6) ? createEmail(rng, person.name) : null), id: nextId('VOL'), facilityId: facility?.id ?? null, locality };
  });
  const partners: Partner[] = Array.from({ length: Math.max(6, Math.ceil(options.childCount / 16)) }, () => {
    const locality = createLocality(rng);
    const [type, name] = rng.weighted(PARTNER_KINDS.map(([t, n, w]) => [[t, n] as const, w] as const));
    return { id: nextId('PTR', 6), type, name: name(locality), locality };
  });

  const byId = new Map(facilities.map((f) => [f.id, f]));
  return {
    children,
    facilities,
    donors,
    volunteers,
    partners,
    caseworkers,
    facility: (id) => (id === null ? undefined : byId.get(id)),
    createAdult: (r, provinceCode, relationship, family, sex) => adult(r, provinceCode, relationship, family ?? null, sex ?? (r.chance(0.5) ? 'MALE' : 'FEMALE')),
  };
}
