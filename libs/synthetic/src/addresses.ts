// Addresses in the Indonesian hierarchy: street with RT/RW, kelurahan/desa, kecamatan, kabupaten/kota.
import type { Address } from '@cwp/avro';
import type { Rng } from './prng.js';
import type { District, Province, Regency } from './reference/regions.js';
import { PROVINCES } from './reference/regions.js';
import { ESTATES, STREETS } from './reference/vocabulary.js';

/** Where someone lives in the region tables (codes feed the NIK). */
export interface Locality {
  readonly province: Province;
  readonly regency: Regency;
  readonly district: District;
  readonly village: string;
}

/** Provinces the generator places people in (those with regencies listed), with rough population weights. */
const POPULATED: readonly (readonly [string, number])[] = [
  ['11', 3], ['12', 8], ['13', 3], ['31', 10], ['32', 16], ['33', 12], ['34', 4], ['35', 14], ['36', 6],
  ['51', 3], ['52', 3], ['53', 3], ['61', 3], ['64', 3], ['71', 2], ['73', 5], ['81', 1], ['91', 2],
];

function provinceByCode(code: string): Province {
  const province = PROVINCES.find((p) => p.code === code);
  if (!province || province.regencies.length === 0) throw new RangeError(`province ${code} has no regencies listed`);
  return province;
}

/** A random locality, optionally inside a given province. */
export function createLocality(rng: Rng, provinceCode?: string): Locality {
  const province = provinceByCode(provinceCode ?? rng.weighted(POPULATED));
  const regency = rng.pick(province.regencies);
  const district = rng.pick(regency.districts);
  return { province, regency, district, village: rng.pick(district.villages) };
}

/** Five-digit kode pos of a locality (regency prefix + a stable per-district suffix). */
export function postalCodeOf(locality: Locality): string {
  const index = locality.regency.districts.indexOf(locality.district);
  return `${locality.regency.postalPrefix}${String(11 + index * 7).padStart(2, '0')}`;
}

function rtRw(rng: Rng): string {
  const rt = rng.int(1, 15);
  const rw = rng.int(1, 12);
  return rng.weighted<string>([
    [`RT ${String(rt).padStart(3, '0')}/RW ${String(rw).padStart(3, '0')}`, 5],
    [`RT ${String(rt).padStart(2, '0')}/RW ${String(rw).padStart(2, '0')}`, 3],
    [`RT.${String(rt).padStart(3, '0')} RW.${String(rw).padStart(3, '0')}`, 1],
    [`Rt ${rt} Rw ${rw}`, 1],
  ]);
}

/** A street line: 'Jl. Merdeka No. 12, RT 003/RW 005', 'Gg. Mawar No. 7A RT 02/RW 11', 'Perum Griya Asri Blok C2 No. 5'. */
export function createStreetLine(rng: Rng): string {
  const number = `${rng.int(1, 180)}${rng.chance(0.1) ? rng.pick(['A', 'B', 'C']) : ''}`;
  if (rng.chance(0.15)) {
    return `${rng.pick(ESTATES)} Blok ${rng.pick(['A', 'B', 'C', 'D', 'E', 'F'])}${rng.int(1, 12)} No. ${rng.int(1, 40)}`;
  }
  const street = rng.pick(STREETS);
  const alley = street.startsWith('Gg.') && rng.chance(0.4) ? ` ${rng.pick(['I', 'II', 'III', 'IV'])}` : '';
  return `${street}${alley} No. ${number}${rng.chance(0.8) ? ', ' : ' '}${rtRw(rng)}`;
}

/** The Address record of a street line in a locality. */
export function toAddress(rng: Rng, locality: Locality, street: string): Address {
  return {
    street,
    village: rng.chance(0.92) ? locality.village : null,
    district: locality.district.name,
    regency: locality.regency.name,
    province: locality.province.name,
    postalCode: rng.chance(0.75) ? postalCodeOf(locality) : null,
  };
}

/** The address written out in a note: 'Jl. Merdeka No. 12, RT 003/RW 005, Kel. Citarum, Kec. Bandung Wetan, Kota Bandung'. */
export function writeAddress(rng: Rng, address: Address): string {
  const village = address.village ? `, ${address.regency.startsWith('Kota') ? 'Kel.' : 'Desa'} ${address.village}` : '';
  const tail = rng.chance(0.3) ? `, ${address.province}${address.postalCode ? ` ${address.postalCode}` : ''}` : '';
  return `${address.street}${village}, Kec. ${address.district}, ${address.regency}${tail}`;
}
