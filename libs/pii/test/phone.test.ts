import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('mobile and landline numbers in +62, 62 and 0 forms with any separators', () => {
  for (const phone of [
    '+62 812-3456-7890', '+6281234567890', '6281234567890', '0812 3456 7890', '0812.3456.7890', '0812-3456-7890',
    '081234567890', '(021) 555 1234', '021-5551234', '(0274) 512345', '+62 21 5551 2345', '0811 123 456',
  ]) assert.deepEqual(matches(`hubungi ${phone} segera`, 'PHONE'), [phone], phone);
});

test('context words raise phone confidence', () => {
  const bare = scanText('ada 021 5551234 di sana').find((f) => f.type === 'PHONE');
  const labelled = scanText('telp 021 5551234').find((f) => f.type === 'PHONE');
  assert.ok(bare !== undefined && labelled !== undefined && labelled.confidence > bare.confidence);
  for (const word of ['hp', 'WA', 'Hubungi', 'nomor']) {
    const f = scanText(`${word} 0812 3456 7890`).find((x) => x.type === 'PHONE');
    assert.ok(f !== undefined && f.confidence > 0.9, word);
  }
});

test('NIKs, long reference numbers, dates, money and short numbers are not phones', () => {
  for (const text of [
    'NIK 3201 0245 1209 0003', 'NIK 6271024512090003', 'reg 0212 3456 7890 1122 3344', 'rek 0812345678901234',
    'lahir 12-09-2014', 'tanggal 2014-09-12', 'Rp 1.500.000', 'kode 0812 345', 'nomor 12345678901', 'kode 0912345678',
    'surat 470/0812345678/2023', 'v0812345678',
  ]) assert.deepEqual(matches(text, 'PHONE'), [], text);
});

test('a bracket around the whole number is not part of the span', () => {
  assert.deepEqual(matches('(hp 0812 3456 7890)', 'PHONE'), ['0812 3456 7890']);
});

test('a number wrapped whole in prose brackets is found without the brackets', () => {
  for (const text of ['Pelapor Pak Jajang (085509982967) menyampaikan:', 'wali (0877 3473 93).', 'Ibu Sumarni (6281393371280) menyampaikan']) {
    const found = scanText(text, { types: ['PHONE'] });
    assert.equal(found.length, 1, text);
    const span = text.slice(found[0]!.start, found[0]!.end);
    assert.doesNotMatch(span, /[()]/, text);
  }
  const landline = '(021) 555 1234';
  const [f] = scanText(`telp ${landline}`, { types: ['PHONE'] });
  assert.equal(`telp ${landline}`.slice(f!.start, f!.end), landline);
});
