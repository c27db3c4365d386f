import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../src/index.js';
import { matches } from './helpers.js';

test('numeric, ISO and month-name dates, Indonesian and English', () => {
  for (const date of [
    '12-09-2014', '12/09/2014', '12.09.2014', '2014-09-12', '12 September 2014', '12 Sept 2014', '12 sept. 2014',
    '12 Agustus 2014', '12 Agt 2014', '1 Mei 2015', '3 PEBRUARI 2010', '5 Okt 2013', '31 Desember 1999', 'September 12, 2014',
    '29-02-2016', '12/09/14',
  ]) assert.deepEqual(matches(`tanggal ${date} tercatat`, 'DATE_OF_BIRTH'), [date], date);
});

test('birth context words raise confidence', () => {
  const bare = scanText('kunjungan 12-09-2014').find((f) => f.type === 'DATE_OF_BIRTH');
  assert.equal(bare?.confidence, 0.6);
  for (const ctx of ['lahir', 'tanggal lahir', 'tgl. lahir', 'TTL: Bandung,', 'DOB', 'born on']) {
    const f = scanText(`${ctx} 12-09-2014`).find((x) => x.type === 'DATE_OF_BIRTH');
    assert.equal(f?.confidence, 0.95, ctx);
  }
});

test('birth context does not leak into the next sentence', () => {
  const f = scanText('TTL: Medan, 2014-09-12. Kunjungan 03/10/2023.').filter((x) => x.type === 'DATE_OF_BIRTH');
  assert.deepEqual(f.map((x) => x.confidence), [0.95, 0.6]);
});

test('invalid dates and date-like numbers are not dates', () => {
  for (const text of ['31-02-2014', '2014-13-01', '00/10/2015', '32 Januari 2014', 'skor 12/15', 'versi 1.2.14', 'pasal 12.09.2014.1', 'Rp 12.000.000', '12 Mei']) {
    assert.deepEqual(matches(text, 'DATE_OF_BIRTH'), [], text);
  }
});
