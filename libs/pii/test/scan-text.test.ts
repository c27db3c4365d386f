import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';

const NOTE = 'Anak bernama Rizky Pratama, NIK 3201 0245 1209 0003, telp +62 812-3456-7890, email rizky@mail.id, alamat Jl. Merdeka No. 5, lahir 12 September 2014, gizi buruk.';

test('findings never echo PII unless includeMatch is set', () => {
  for (const f of scanText(NOTE)) assert.equal('text' in f, false);
  for (const f of scanText(NOTE, { includeMatch: true })) assert.equal(f.text, NOTE.slice(f.start, f.end));
});

test('offsets exactly slice the PII', () => {
  const got = scanText(NOTE).map((f) => [f.type, NOTE.slice(f.start, f.end)]);
  assert.deepEqual(got, [
    ['NAME', 'Rizky Pratama'], ['NIK', '3201 0245 1209 0003'], ['PHONE', '+62 812-3456-7890'], ['EMAIL', 'rizky@mail.id'],
    ['ADDRESS', 'Jl. Merdeka No. 5'], ['DATE_OF_BIRTH', '12 September 2014'], ['MEDICAL_TERM', 'gizi buruk'],
  ]);
});

test('offsets are UTF-16 offsets when the text has astral characters before the PII', () => {
  const text = '😀😀 Ibu Siti Aminah 👍 hp 0812 3456 7890';
  const got = scanText(text).map((f) => text.slice(f.start, f.end));
  assert.deepEqual(got, ['Siti Aminah', '0812 3456 7890']);
});

test('types and minConfidence restrict the result', () => {
  assert.deepEqual(scanText(NOTE, { types: ['NIK', 'EMAIL'] }).map((f) => f.type), ['NIK', 'EMAIL']);
  assert.ok(scanText('kunjungan 12-09-2014', { minConfidence: 0.7 }).length === 0);
  assert.deepEqual(scanText(''), []);
});

test('deterministic: repeated scans give identical results, confidence within 0..1', () => {
  const a = scanText(NOTE);
  for (let i = 0; i < 5; i++) assert.deepEqual(scanText(NOTE), a);
  for (const f of a) assert.ok(f.confidence > 0 && f.confidence <= 1);
});
