import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('street addresses with their components', () => {
  for (const [text, span] of [
    ['tinggal di Jl. Merdeka No. 12, Bandung', 'Jl. Merdeka No. 12'],
    ['di Jln Ahmad Yani no 5 rt 3 rw 4 dekat pasar', 'Jln Ahmad Yani no 5 rt 3 rw 4'],
    ['Alamat: Jalan Sudirman Gg. Mawar II No. 3', 'Jalan Sudirman Gg. Mawar II No. 3'],
    ['di JL. KENJERAN NO. 112 RT 05 RW 03 SURABAYA', 'JL. KENJERAN NO. 112 RT 05 RW 03'],
    ['rumah di jl. cempaka no 7 belakang pasar', 'jl. cempaka no 7'],
    ['Gang Kelinci No. 4, RT 003/RW 005, Kel. Sukajadi, Kec. Sukasari, Kab. Bandung.', 'Gang Kelinci No. 4, RT 003/RW 005, Kel. Sukajadi, Kec. Sukasari, Kab. Bandung'],
    ['di Jl. Veteran Selatan Km. 5 arah kota', 'Jl. Veteran Selatan Km. 5'],
    ['Perum. Griya Asri Blok C-12 Bekasi', 'Perum. Griya Asri Blok C-12'],
  ] as const) assert.deepEqual(matches(text, 'ADDRESS'), [span], text);
});

test('RT/RW or Kel./Kec. alone count, at lower confidence than a street', () => {
  const area = scanText('tinggal di RT 04/RW 02 dekat masjid').find((f) => f.type === 'ADDRESS');
  const street = scanText('tinggal di Jl. Merdeka No. 1').find((f) => f.type === 'ADDRESS');
  assert.ok(area !== undefined && street !== undefined && area.confidence < street.confidence);
  assert.deepEqual(matches('RT 003 RW 005 Kelurahan Tegalsari', 'ADDRESS'), ['RT 003 RW 005 Kelurahan Tegalsari']);
  assert.deepEqual(matches('pindah ke Kecamatan Coblong', 'ADDRESS'), ['Kecamatan Coblong']);
});

test('jalan and gang as ordinary words are not addresses', () => {
  for (const text of [
    'Anak berjalan kaki ke sekolah.', 'Jalan menuju rumah rusak.', 'rumah di gang sempit dekat pasar', 'di jalan raya ramai',
    'Jalan itu licin.', 'perjalanan ke kota', 'Pak RT menyampaikan.', 'kelas 3 rt',
  ]) assert.deepEqual(matches(text, 'ADDRESS'), [], text);
});
