// releaseText / guardReleasedText: known examples, and on generated notes whose PII the generator
// labelled (@cwp/synthetic createNoteCorpus) the property the analytics output depends on: no
// labelled value survives, even when the scanner finds nothing (the lexicon guard alone), and no
// name the generator writes is a lexicon word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGenerator, createNoteCorpus } from '@cwp/synthetic';
import { GIVEN_NAMES, FAMILY_NAMES, AMBIGUOUS_NAMES, RELEASE_LEXICON, REDACTED_NUMBER, REDACTED_WORD, guardReleasedText, releaseText, scanText } from '../src/index.js';

const corpus = createNoteCorpus({ seed: 'release-text', count: 3000 });
const WORD = /[\p{L}\p{M}]+/gu;
const wordsOf = (s: string): string[] => (s.match(WORD) ?? []).map((w) => w.toLowerCase());

test('known examples: spans become their type placeholder, unknown words [REDACTED], long numbers [NUMBER]', () => {
  const text = 'Anak atas nama Dek Dafa (NIK 3372021702210001) tinggal bersama ibunya. Gede sering dipukul.';
  const nameAt = text.indexOf('Dafa');
  const nikAt = text.indexOf('3372');
  // The scanner's spans for Dafa and the NIK only; "Gede" is a name the spans miss.
  const out = releaseText(text, [{ type: 'NAME', start: nameAt, end: nameAt + 4 }, { type: 'NIK', start: nikAt, end: nikAt + 16 }]);
  assert.equal(out, `Anak atas nama Dek [NAME] (NIK [NIK]) tinggal bersama ibunya. ${REDACTED_WORD} sering dipukul.`);
  assert.equal(guardReleasedText('Umur 8 th, kelas 4, tahun 2024/2025, telp 0812-3456-789'), `Umur 8 th, kelas 4, tahun ${REDACTED_NUMBER}, ${REDACTED_WORD} ${REDACTED_NUMBER}`);
  assert.equal(guardReleasedText('hubungi budi.s@gmail.com atau Ibu Sri Wahyuni'), `hubungi [EMAIL] atau Ibu ${REDACTED_WORD}`, 'runs of one placeholder collapse');
  assert.equal(guardReleasedText('anak-anak berpindah-pindah, Laki-laki'), 'anak-anak berpindah-pindah, Laki-laki', 'reduplications of lexicon words stay');
  assert.equal(guardReleasedText('[NAME] dan [SECRET]'), `[NAME] dan ${REDACTED_WORD}`, 'only known placeholders pass');
  assert.equal(guardReleasedText('An. bila dan Ibu Cahaya; ibu dan ayah'), `An. ${REDACTED_WORD} dan Ibu ${REDACTED_WORD}; ibu dan ayah`, 'the word after a capitalised title is never kept');
  assert.equal(releaseText('', []), '');
});

test('overlapping spans merge into the first; a span outside the text is a RangeError', () => {
  assert.equal(releaseText('Ibu Sri Wahyuni datang', [{ type: 'NAME', start: 4, end: 11 }, { type: 'NAME', start: 8, end: 15 }]), 'Ibu [NAME] datang');
  assert.throws(() => releaseText('abc', [{ type: 'NAME', start: 2, end: 9 }]), RangeError);
});

test('the lexicon holds no gazetteer name and no name token the generator writes (20,000 events)', () => {
  for (const set of [GIVEN_NAMES, FAMILY_NAMES, AMBIGUOUS_NAMES]) for (const n of set) assert.ok(!RELEASE_LEXICON.has(n), `gazetteer name ${n} on the lexicon`);
  const tokens = new Set<string>();
  // Titles some records keep inside a name (writer.ts: 'Dek Feli', 'Hj. Nurlia'; Sasak 'Lalu Ahmad') name no one.
  const titles = new Set(['dek', 'adik', 'neng', 'an', 'h', 'hj', 'lalu']);
  for (const g of createGenerator({ seed: 'release-lexicon' }).batch(20_000)) for (const p of g.planted) if (p.kind === 'name') for (const w of wordsOf(p.value)) if (!titles.has(w)) tokens.add(w);
  assert.ok(tokens.size > 300, `${tokens.size} distinct name tokens`);
  const onLexicon = [...tokens].filter((w) => RELEASE_LEXICON.has(w));
  assert.deepEqual(onLexicon, [], 'name tokens that are lexicon words');
});

test('3,000 labelled notes: no labelled value survives release, with the scanner\'s findings and with none at all', () => {
  let labels = 0;
  let keptWords = 0;
  let plainWords = 0;
  for (const { text, labels: ls } of corpus) {
    const withScanner = releaseText(text, scanText(text));
    const lexiconOnly = releaseText(text, []);
    assert.equal(guardReleasedText(withScanner), withScanner, 'the guard is idempotent on released text');
    for (const out of [withScanner, lexiconOnly]) {
      const lower = out.toLowerCase();
      const outWords = new Set(wordsOf(out));
      for (const l of ls) {
        const value = text.slice(l.start, l.end);
        // Substrings from 4 characters, as the pipeline's leak test (a 2-letter name such as "Ai" is inside ordinary words); whole words always.
        if (value.length >= 4) assert.ok(!lower.includes(value.toLowerCase()), `a labelled ${l.kind} survives: ${JSON.stringify(value)} in ${JSON.stringify(out)}`);
        if (l.kind === 'name') for (const w of wordsOf(value)) assert.ok(!outWords.has(w), `a word of a labelled name survives: ${w} in ${JSON.stringify(out)}`);
        // No digit of a NIK, phone or date survives in a run longer than two.
        if (l.kind !== 'name') assert.ok(!/\d{3,}/u.test(out), `a long digit run survives in ${JSON.stringify(out)}`);
      }
    }
    labels += ls.length;
    // Utility: how many of the words outside labels the released text keeps.
    let plain = text;
    for (const l of [...ls].sort((a, b) => b.start - a.start)) plain = plain.slice(0, l.start) + ' ' + plain.slice(l.end);
    const pw = wordsOf(plain);
    plainWords += pw.length;
    keptWords += pw.filter((w) => RELEASE_LEXICON.has(w)).length;
  }
  assert.ok(labels > 2000, `${labels} labels checked`);
  const kept = keptWords / plainWords;
  process.stdout.write(`# release-text: ${labels} labelled PII spans in ${corpus.length} notes, none survived; ${(100 * kept).toFixed(1)} % of the ${plainWords} unlabelled words are lexicon words and stay\n`);
  // A floor so a lexicon emptied by mistake (nothing would leak, and nothing would be useful) fails.
  assert.ok(kept > 0.5, `only ${(100 * kept).toFixed(1)} % of unlabelled words kept`);
});
