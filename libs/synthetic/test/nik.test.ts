import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeNik, createRng, isValidNikStructure, parseNik, reference } from '../src/index.js';

test('a woman born 12 Sep 2014 in Kota Bandung: day + 40', () => {
  const nik = composeNik({ province: '32', regency: '73', district: '01' }, '2014-09-12', 'FEMALE', 3);
  assert.equal(nik, '3273015209140003');
  assert.deepEqual(parseNik(nik), { provinceCode: '32', regencyCode: '73', districtCode: '01', day: 12, month: 9, yearOfCentury: 14, sex: 'FEMALE', serial: '0003' });
  assert.equal(parseNik('3273011209140003')?.sex, 'MALE');
});

test('structurally valid NIKs from every province code', () => {
  for (const code of reference.provinceCodes) assert.ok(isValidNikStructure(`${code}7101${'0101'}100001`), code);
  for (const nik of ['1171012908000001', '9471010101990001', '3578024101230512', '5103016812109999']) assert.ok(isValidNikStructure(nik), nik);
});

test('invalid NIKs are refused, each for one reason', () => {
  const cases: Record<string, string> = {
    'too short': '327301520914000',
    'too long': '32730152091400031',
    separators: '3273 0152 0914 0003',
    letters: '32730152O9140003',
    'unknown province 00': '0073015209140003',
    'unknown province 20': '2073015209140003',
    'unknown province 99': '9973015209140003',
    'regency 00': '3200015209140003',
    'regency 80': '3280015209140003',
    'district 00': '3273005209140003',
    'day 00': '3273010009140003',
    'day 32': '3273013209140003',
    'day 40': '3273014009140003',
    'day 72': '3273017209140003',
    'month 00': '3273015200140003',
    'month 13': '3273015213140003',
    '31 April': '3273013104140003',
    '30 February': '3273013002160003',
    '29 February, non-leap': '3273012902150003',
    'serial 0000': '3273015209140000',
  };
  for (const [reason, nik] of Object.entries(cases)) assert.equal(isValidNikStructure(nik), false, reason);
  assert.ok(isValidNikStructure('3273016902160003'), '29 February 2016 (female) is valid');
});

test('property: every composed NIK parses back to its inputs', () => {
  const rng = createRng('nik-property');
  const provinces = reference.provinces.filter((p) => p.regencies.length > 0);
  for (let i = 0; i < 2000; i++) {
    const province = rng.pick(provinces);
    const regency = rng.pick(province.regencies);
    const district = rng.pick(regency.districts);
    const date = new Date(Date.UTC(2007, 0, 1) + rng.int(0, 6800) * 86_400_000).toISOString().slice(0, 10);
    const sex = rng.chance(0.5) ? 'MALE' : 'FEMALE';
    const nik = composeNik({ province: province.code, regency: regency.code, district: district.code }, date, sex, rng.int(1, 9999));
    const parts = parseNik(nik);
    assert.ok(parts, nik);
    assert.equal(parts.sex, sex);
    assert.equal(`${parts.month}`.padStart(2, '0'), date.slice(5, 7));
    assert.equal(parts.day, Number(date.slice(8)));
  }
  assert.throws(() => composeNik({ province: '32', regency: '73', district: '01' }, '2014-09-12', 'MALE', 0), RangeError);
});
