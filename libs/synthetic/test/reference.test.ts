import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reference } from '../src/index.js';

test('38 provinces with unique Kemendagri codes, including the 2022 Papua provinces', () => {
  assert.equal(reference.provinces.length, 38);
  assert.equal(reference.provinceCodes.size, 38);
  const byCode = new Map(reference.provinces.map((p) => [p.code, p.name]));
  assert.equal(byCode.get('11'), 'Aceh');
  assert.equal(byCode.get('31'), 'DKI Jakarta');
  assert.equal(byCode.get('32'), 'Jawa Barat');
  assert.equal(byCode.get('34'), 'DI Yogyakarta');
  assert.equal(byCode.get('51'), 'Bali');
  assert.equal(byCode.get('96'), 'Papua Barat Daya');
  for (const code of reference.provinceCodes) assert.match(code, /^(1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-6])$/);
});

test('at least ten provinces list regencies and districts with well-formed codes', () => {
  const detailed = reference.provinces.filter((p) => p.regencies.length > 0);
  assert.ok(detailed.length >= 10, `${detailed.length} provinces with regencies`);
  for (const province of detailed) {
    for (const regency of province.regencies) {
      assert.match(regency.code, /^(0[1-9]|[1-6]\d|7[0-9])$/);
      assert.equal(regency.kind === 'KOTA', regency.name.startsWith('Kota '), regency.name);
      assert.equal(regency.kind === 'KOTA', Number(regency.code) >= 71, regency.name);
      assert.match(regency.postalPrefix, /^\d{3}$/);
      assert.ok(regency.districts.length > 0);
      for (const district of regency.districts) {
        assert.match(district.code, /^\d\d$/);
        assert.ok(district.villages.length > 0);
      }
    }
  }
});

test('vocabulary for the classifier: honorifics, medical terms, months', () => {
  for (const h of ['Bapak', 'Pak', 'Ibu', 'Bu', 'Sdr.', 'Sdri.', 'Kak', 'Mas', 'Mbak', 'dr.']) assert.ok((reference.honorifics as readonly string[]).includes(h), h);
  for (const m of ['gizi buruk', 'stunting', 'TBC', 'demam berdarah', 'diare', 'luka memar']) assert.ok(reference.medicalTerms.includes(m), m);
  assert.equal(reference.months[8], 'September');
  assert.ok(reference.mobilePrefixes.includes('812'));
});
