import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('plain addresses in any case', () => {
  for (const email of ['siti.rahma@gmail.com', 'SITI.RAHMA@GMAIL.COM', 'tu_sdn4+ortu@dinas.jabarprov.go.id', 'a@b.co']) {
    assert.deepEqual(matches(`kirim ke ${email}.`, 'EMAIL'), [email], email);
  }
});

test('bracket obfuscations', () => {
  for (const email of ['nama [at] gmail [dot] com', 'nama(at)yahoo.co.id', 'nama [AT] gmail.com', 'nama{at}gmail{dot}com', 'nama at gmail [dot] com', 'nama @ gmail.com']) {
    assert.deepEqual(matches(`email: ${email}, terima kasih`, 'EMAIL'), [email], email);
  }
  assert.equal(scanText('x nama(at)yahoo.co.id')[0]?.detector, 'email-obfuscated');
});

test('non-addresses', () => {
  for (const text of ['mention @budi di grup', 'budi@localhost', 'bertemu at school', 'harga 5@10 ribu', 'jam 10.30 di kantor']) {
    assert.deepEqual(matches(text, 'EMAIL'), [], text);
  }
});
