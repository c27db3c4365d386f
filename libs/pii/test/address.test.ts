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

test('estates without a full stop, honorific titles in street names, "Jl. Raya …", province and kode pos', () => {
  for (const [text, span] of [
    ['di Perum Griya Asri Blok B3 No. 35, Kec. Sokaraja.', 'Perum Griya Asri Blok B3 No. 35, Kec. Sokaraja'],
    ['di Komplek Villa Melati Blok D12 No. 6 dekat pasar', 'Komplek Villa Melati Blok D12 No. 6'],
    ['alamat Jl. KH. Hasyim Asyari No. 122 RT 01/RW 04 Depok', 'Jl. KH. Hasyim Asyari No. 122 RT 01/RW 04'],
    ['alamat Jl. Jend. Sudirman No. 75, Kota Surabaya.', 'Jl. Jend. Sudirman No. 75, Kota Surabaya'],
    ['di Jl. Raya Bogor No. 12 sejak lama', 'Jl. Raya Bogor No. 12'],
    ['Gg. Kenanga No. 10, Kel. Dr. Soetomo, Kec. Tegalsari, Kota Surabaya, Jawa Timur 60211; anak', 'Gg. Kenanga No. 10, Kel. Dr. Soetomo, Kec. Tegalsari, Kota Surabaya, Jawa Timur 60211'],
    ['Jl. Mawar No. 3, Kab. Bantul, DI Yogyakarta.', 'Jl. Mawar No. 3, Kab. Bantul, DI Yogyakarta'],
  ] as const) assert.deepEqual(matches(text, 'ADDRESS'), [span], text);
  assert.deepEqual(matches('di jalan raya ramai', 'ADDRESS'), []);
  assert.deepEqual(matches('Bali indah sekali, Jawa Timur juga.', 'ADDRESS'), []);
});
