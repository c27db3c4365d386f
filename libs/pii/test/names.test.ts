import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('names after honorifics (honorific outside the span)', () => {
  for (const [text, name] of [
    ['bertemu Ibu Siti Rahmawati kemarin', 'Siti Rahmawati'],
    ['bertemu Bapak H. Ahmad Fauzi kemarin', 'Ahmad Fauzi'],
    ['dihadiri Hj. Nurhayati saja', 'Nurhayati'],
    ['diperiksa dr. Hendra Gunawan di RS', 'Hendra Gunawan'],
    ['An. Muhammad Rizki tidak hadir', 'Muhammad Rizki'],
    ['dari Sdr. Togar Siregar dan', 'Togar Siregar'],
    ['Sdri. Nur Aini melapor', 'Nur Aini'],
    ['Kak Seto datang', 'Seto'],
    ['Mbak Wulan datang', 'Wulan'],
    ['Ny. Lina Halim hadir', 'Lina Halim'],
    ['sy telp pak joko td', 'joko'],
    ['Bpk. M. Yusuf hadir', 'M. Yusuf'],
  ] as const) assert.deepEqual(matches(text, 'NAME'), [name], text);
});

test('names after context words', () => {
  for (const [text, name] of [
    ['anak bernama Rizky Pratama.', 'Rizky Pratama'],
    ['rekening atas nama Budi Santoso.', 'Budi Santoso'],
    ['transfer a.n. Dewi Lestari.', 'Dewi Lestari'],
    ['Nama: Andi Wijaya', 'Andi Wijaya'],
    ['Nama lengkap: Yohanes Kurniadi', 'Yohanes Kurniadi'],
    ['ibunya, Sarinah, bekerja', 'Sarinah'],
    ['anak bernama putri umur 9', 'putri'],
  ] as const) assert.deepEqual(matches(text, 'NAME'), [name], text);
});

test('gazetteer names with a second token, in any case', () => {
  for (const [text, name] of [
    ['Siti Rahmawati datang', 'Siti Rahmawati'],
    ['SITI RAHMAWATI DATANG', 'SITI RAHMAWATI'],
    ['kemarin siti rahmawati datang', 'siti rahmawati'],
    ['laporan Rudi Siregar tadi', 'Rudi Siregar'],
    ['laporan I Wayan Sudarma tadi', 'I Wayan Sudarma'],
    ['laporan Ni Made Ayu tadi', 'Ni Made Ayu'],
    ['nenek Rosmawati br. Simanjuntak tadi', 'Rosmawati br. Simanjuntak'],
    ['ayah Ahmad bin Hasan tadi', 'Ahmad bin Hasan'],
    ['dengan Siti Kurniasih tadi', 'Siti Kurniasih'],
  ] as const) assert.deepEqual(matches(text, 'NAME'), [name], text);
});

test('a lone capitalised unambiguous given name counts, at low confidence', () => {
  const f = scanText('Kemarin Rizky tidak masuk.').filter((x) => x.type === 'NAME');
  assert.equal(f.length, 1);
  assert.ok((f[0]?.confidence ?? 1) < 0.7);
  assert.deepEqual(matches('kemarin rizky tidak masuk', 'NAME'), []);
});

test('everyday words that are also names need context or a second name token', () => {
  for (const text of [
    'Pemandangan di desa itu indah sekali.', 'Indah sekali tamannya.', 'Bunga mekar di halaman.', 'Jalan kaki ke sekolah.',
    'Cahaya matahari masuk.', 'Harapan kami program berjalan.', 'Ibu rumah tangga itu bekerja.', 'Bapak Kepala Desa datang.',
    'Pak RT menyampaikan.', 'Ibu Kota Jakarta padat.', 'Hari Senin sekolah libur.', 'Dini hari ia menangis.', 'Ibu hamil diperiksa.',
    'putri bunga desa', 'Anak tersebut sehat.', 'Setelah itu korban pulang.', 'Bu Bidan datang.',
  ]) assert.deepEqual(matches(text, 'NAME'), [], text);
});

test('a name ends at punctuation and at lower-case words', () => {
  assert.deepEqual(matches('Ibu Siti. Anak sakit.', 'NAME'), ['Siti']);
  assert.deepEqual(matches('Ibu Siti Aminah mengatakan', 'NAME'), ['Siti Aminah']);
  assert.deepEqual(matches('bernama Rizky, Dimas, dan Bagas', 'NAME'), ['Rizky', 'Dimas', 'Bagas']);
});

test('names right before an age or a birth date, after "Dek", in appositions and before an e-mail address', () => {
  for (const [text, names] of [
    ['Pemeriksaan rutin Fathan (lahir 23 November 2014).', ['Fathan']],
    ['Kelv, lahir 04-02-2018, belum memiliki akta.', ['Kelv']],
    ['DEK BIMA (14 tahun) terakhir terlihat di pasar.', ['BIMA']],
    ['Rujukan untuk Dek Arse; kontak keluarga.', ['Arse']],
    ['Atas nama almarhum ayah saya, Slamet.', ['Slamet']],
    ['kontak keluarga Ny. Astuti astuti.95@gmail.com.', ['Astuti']],
    ['bersama dr. florentina lado.', ['florentina lado']],
    ['Penanggung jawab: Ratna 087826634012.', ['Ratna']],
    ['Siswa Fitri terdaftar di kelas 1.', ['Fitri']],
  ] as const) assert.deepEqual(matches(text, 'NAME'), names, text);
  for (const text of ['Anak perempuan 10 tahun akan dinikahkan.', 'Semua anak (12 tahun ke bawah) hadir.', 'Ibu saya, yang sakit, datang.']) {
    assert.deepEqual(matches(text, 'NAME'), [], text);
  }
});
