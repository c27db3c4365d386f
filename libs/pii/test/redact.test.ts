import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDigits, redact, scanText } from '../src/index.js';

const PLANTED = ['3201 0245 1209 0003', '3201.0245.1209.0003', '3201-024512-090003', '+62 812-3456-7890', '0812.3456.7890', '(021) 555 1234', '081398765432'];

test('redact leaves no digit run of a planted NIK or phone', () => {
  for (const planted of PLANTED) {
    const text = `Data: ${planted}. Hubungi petugas.`;
    const out = redact(text, scanText(text));
    assert.doesNotMatch(out, /\d/, `${planted} → ${out}`);
    const digits = normalizeDigits(planted);
    for (let i = 0; i + 4 <= digits.length; i++) assert.ok(!normalizeDigits(out).includes(digits.slice(i, i + 4)));
  }
});

test('default and custom placeholders', () => {
  const text = 'Ibu Siti Aminah, hp 0812 3456 7890.';
  const findings = scanText(text);
  assert.equal(redact(text, findings), 'Ibu [NAME], hp [PHONE].');
  assert.equal(redact(text, findings, (type) => `<${type.toLowerCase()}>`), 'Ibu <name>, hp <phone>.');
  assert.equal(redact(text, []), text);
});

test('unsorted and overlapping findings are handled; out-of-range findings throw', () => {
  const text = 'abcdefghij';
  const d = 'test';
  assert.equal(redact(text, [{ type: 'NAME', start: 6, end: 8, confidence: 1, detector: d }, { type: 'NIK', start: 1, end: 4, confidence: 1, detector: d }, { type: 'PHONE', start: 2, end: 5, confidence: 1, detector: d }]), 'a[NIK]f[NAME]ij');
  assert.throws(() => redact(text, [{ type: 'NAME', start: 5, end: 50, confidence: 1, detector: d }]), RangeError);
});
