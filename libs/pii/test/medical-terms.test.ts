import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches } from './helpers.js';

test('medical terms, case-insensitive, multi-word across whitespace, with -nya', () => {
  for (const term of [
    'gizi buruk', 'GIZI BURUK', 'Stunting', 'wasting', 'malnutrisi', 'TBC', 'tuberkulosis', 'demam  berdarah', 'DBD', 'diare',
    'pneumonia', 'HIV', 'hepatitis', 'campak', 'luka memar', 'patah tulang', 'trauma', 'depresi', 'asma', 'anemia', 'disabilitas',
    'autisme', 'epilepsi', 'diarenya',
  ]) assert.deepEqual(matches(`anak mengalami ${term} sejak lama`, 'MEDICAL_TERM'), [term], term);
});

test('longest term wins and words containing a term are not matches', () => {
  assert.deepEqual(matches('dengan autisme ringan', 'MEDICAL_TERM'), ['autisme']);
  assert.deepEqual(matches('gangguan kecemasan berat', 'MEDICAL_TERM'), ['gangguan kecemasan']);
  for (const text of ['kisah asmara remaja', 'sikap traumatis', 'kampak di dapur', 'membuat diagram', 'Shivani', 'tubercle']) {
    assert.deepEqual(matches(text, 'MEDICAL_TERM'), [], text);
  }
});
