import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOverlaps, scanText } from '../src/index.js';
import type { Finding } from '../src/index.js';

const f = (type: Finding['type'], start: number, end: number, confidence: number): Finding => ({ type, start, end, confidence, detector: 't' });

test('higher confidence wins, then the longer span, and the result is sorted by start', () => {
  const out = resolveOverlaps([f('NAME', 10, 20, 0.6), f('ADDRESS', 5, 25, 0.9), f('PHONE', 0, 4, 0.8), f('NAME', 30, 35, 0.7), f('DATE_OF_BIRTH', 30, 40, 0.7)]);
  assert.deepEqual(out.map((x) => [x.type, x.start, x.end]), [['PHONE', 0, 4], ['ADDRESS', 5, 25], ['DATE_OF_BIRTH', 30, 40]]);
});

test('touching spans do not overlap; the outcome does not depend on input order', () => {
  const input = [f('NAME', 0, 5, 0.9), f('NAME', 5, 9, 0.9), f('EMAIL', 3, 7, 0.5)];
  const a = resolveOverlaps(input);
  const b = resolveOverlaps([...input].reverse());
  assert.deepEqual(a, b);
  assert.deepEqual(a.map((x) => [x.start, x.end]), [[0, 5], [5, 9]]);
});

test('scanText resolves real overlaps: a street named after a person is one ADDRESS', () => {
  const out = scanText('tinggal di Jl. Siti Nurbaya No. 5 sekarang');
  assert.deepEqual(out.map((x) => x.type), ['ADDRESS']);
  const email = scanText('kirim ke siti.rahmawati@gmail.com');
  assert.deepEqual(email.map((x) => x.type), ['EMAIL']);
});

test('findings never overlap and are sorted on a busy note', () => {
  const out = scanText('Ibu Siti Aminah (NIK 3201024512090003, hp 0812-3456-7890, siti@x.id) Jl. Melati No. 3, lahir 12-09-1985, TBC.');
  for (let i = 1; i < out.length; i++) assert.ok((out[i - 1]?.end ?? 0) <= (out[i]?.start ?? 0));
  assert.deepEqual(out.map((x) => x.type), ['NAME', 'NIK', 'PHONE', 'EMAIL', 'ADDRESS', 'DATE_OF_BIRTH', 'MEDICAL_TERM']);
});
