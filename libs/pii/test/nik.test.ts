import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNik, isProvinceCode, normalizeDigits, scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('isValidNik accepts structurally valid NIKs (male, female +40, leap day, new Papuan provinces)', () => {
  for (const nik of [
    '3174051209140001', // DKI, 12-09-2014
    '3201024512090003', // Jabar, female, 05-12-2009
    '3201052902160001', // 29-02-2016
    '3201056902160001', // female 29-02-2016
    '9201051209140001', // 92: Papua Barat (Kemendagri) / Papua Barat Daya (BPS)
    '9701051209140001', // 97: Papua Pegunungan (BPS)
    '1101057112990001', // female 31-12-1999 (71 = 31 + 40)
  ]) assert.equal(isValidNik(nik), true, nik);
});

test('isValidNik rejects bad province, regency, district, date and serial', () => {
  for (const [nik, why] of [
    ['2001051209140001', 'province 20 unassigned'],
    ['3801051209140001', 'province 38 unassigned'],
    ['9901051209140001', 'province 99 unassigned'],
    ['3200051209140001', 'regency 00'],
    ['3201001209140001', 'district 00'],
    ['3201053209140001', 'day 32'],
    ['3201057209140001', 'female day 72 = 32'],
    ['3201050009140001', 'day 00'],
    ['3201054009140001', 'day 40 = female 0'],
    ['3201051213140001', 'month 13'],
    ['3201051200140001', 'month 00'],
    ['3201053104140001', '31 April'],
    ['3201052902150001', '29-02-2015 not leap'],
    ['3201051209140000', 'serial 0000'],
    ['320105120914000', '15 digits'],
    ['32010512091400011', '17 digits'],
    ['3201 0512 0914 0001', 'not normalised'],
  ] as const) assert.equal(isValidNik(nik), false, why);
});

test('isProvinceCode covers all 38 provinces', () => {
  let n = 0;
  for (let c = 10; c < 100; c++) if (isProvinceCode(String(c))) n++;
  assert.equal(n, 39); // 38 provinces; Papua's 91–97 spans both numberings
});

test('normalizeDigits strips separators', () => {
  assert.equal(normalizeDigits('3201.0245-1209 0003'), '3201024512090003');
  assert.equal(normalizeDigits('(021) 555-1234'), '0215551234');
});

test('NIK written plain, spaced, dotted, dashed and in the official 2-2-2-6-4 grouping', () => {
  for (const nik of ['3201024512090003', '3201 0245 1209 0003', '3201.0245.1209.0003', '3201-024512-090003', '32.01.02.451209.0003']) {
    assert.deepEqual(matches(`NIK ${nik}.`, 'NIK'), [nik], nik);
    assert.deepEqual(matches(`tercatat ${nik} di KK`, 'NIK'), [nik], `${nik} without context`);
  }
});

test('context words raise NIK confidence', () => {
  const bare = scanText('data 3201 0245 1209 0003').find((f) => f.type === 'NIK');
  for (const label of ['NIK', 'No. KTP', 'nomor induk kependudukan', 'nik:']) {
    const labelled = scanText(`${label} 3201 0245 1209 0003`).find((f) => f.type === 'NIK');
    assert.ok(bare !== undefined && labelled !== undefined && labelled.confidence > bare.confidence, label);
  }
});

test('invalid 16-digit numbers are not NIKs unless labelled, then at low confidence', () => {
  assert.deepEqual(matches('kartu 2001 0512 0914 0001', 'NIK'), []);
  assert.deepEqual(matches('rekening 1234567890123456', 'NIK'), []);
  const typo = scanText('NIK 3201 0532 0914 0001').find((f) => f.type === 'NIK');
  assert.equal(typo?.confidence, 0.5);
});

test('a NIK inside a longer digit run is not reported', () => {
  assert.deepEqual(matches('ref 99 3201 0245 1209 0003', 'NIK'), []);
  assert.deepEqual(matches('ref 3201024512090003123', 'NIK'), []);
  assert.deepEqual(matches('ref 3201.0245.1209.0003.77', 'NIK'), []);
});
