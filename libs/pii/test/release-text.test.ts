// releaseText / guardReleasedText: known examples, and on generated notes whose PII the generator
// labelled (@cwp/synthetic createNoteCorpus) the property the analytics output depends on: no
// labelled value survives, even when the scanner finds nothing (the lexicon guard alone), and no
// name the generator writes is a lexicon word.
import { createHash } from 'node:crypto';
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
  assert.equal(guardReleasedText('Laki-laki itu berpindah-pindah, anak-anak juga'), 'Laki-laki itu berpindah-pindah, anak-anak juga', 'reduplications of lexicon words stay');
  assert.equal(guardReleasedText('[NAME] dan [SECRET]'), `[NAME] dan ${REDACTED_WORD}`, 'only known placeholders pass');
  assert.equal(guardReleasedText('An. bila dan Ibu Cahaya; ibu dan ayah'), `An. ${REDACTED_WORD} dan Ibu ${REDACTED_WORD}; ibu dan ayah`, 'the word after a capitalised title is never kept');
  assert.equal(releaseText('', []), '');
});

test('hostile spellings: look-alike digits and letters, invisible characters, split names, grouped numbers, names that are words', () => {
  const R = REDACTED_WORD;
  const N = REDACTED_NUMBER;
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['telp ０８１２３４５６７８９０', `${R} ${N}`, 'fullwidth digits are digits (NFKC)'],
    ['NIK ٣٣٧٢٠٢١٧٠٢٢١٠٠٠١', `NIK ${N}`, 'any script\'s digits are a number'],
    ['hp 𝟎𝟖𝟏𝟐𝟑𝟒𝟓𝟔', `${R} ${N}`, 'mathematical digits are digits'],
    ['anak Ⓓⓘⓐⓝ dan 🅳🅸🅰🅽', `anak ${R} dan ${R}`, 'letter-like symbols are not kept'],
    ['Kepada Bu\u200Bdi dan Di\u00ADan', `Kepada ${R} dan ${R}`, 'a zero-width space or soft hyphen cannot split a name into lexicon words'],
    ['Bu\u2011di dan Bu·di datang', `${R} dan ${R} datang`, 'nor a non-breaking hyphen or an unknown character'],
    ['Bu-di, Di\'an, Pasar-ibu', `${R}, ${R}, ${R}`, 'a compound of lexicon words that is no reduplication is not kept'],
    ['gizi-kurang, kurang-gizi', `${R}, ${R}`, 'nor a hyphenated medical term'],
    ['hp 08,12,34,56,78,90', `${R} ${N}`, 'short numbers in a run are one number'],
    ['NIK 33 72 02 17 / 02 21 00 01', `NIK ${N}`, 'across spaces and punctuation'],
    ['lahir 17 02 21, umur 8 th', `lahir ${N}, umur 8 th`, 'a date in short numbers; a lone age stays'],
    ['[PHONE] 12 dan 3', `[PHONE] ${N} dan 3`, 'a short number next to a numeric placeholder is part of it'],
    ['ibu Bulan dan pak Kuat datang', `ibu ${R} dan pak ${R} datang`, 'a capitalised word inside a sentence is a proper noun'],
    ['Ibu, Bulan; Ibu: Bulan; Ibu (Bulan); Ibu "Bulan"; Ibu/Bulan', `Ibu, ${R}; Ibu: ${R}; Ibu (${R}); Ibu "${R}"; Ibu/${R}`, 'punctuation after a title leaves the name slot open'],
    ['Ibu Bidan bulan', `Ibu ${R}`, 'a title after a title passes the slot on'],
    ['Nenek bulan, Paman kuat, Bidan putih', `Nenek ${R}, Paman ${R}, Bidan ${R}`, 'kin words and bidan are titles'],
    ['dr. bulan', `dr. ${R}`, 'an abbreviated title'],
    ['RT05 RW03, Blok A12', `${R}, ${R}`, 'letters glued to digits'],
    ['Anak tinggal bersama nenek di Desa Sukamaju. Ibu datang ke Puskesmas pada hari Senin. Anak sehat!', `Anak tinggal bersama nenek di Desa ${R}. Ibu ${R} ke Puskesmas pada hari Senin. Anak sehat!`, 'sentence starts, institutions and days may be capitalised'],
    ['Nama anak: Merah; tinggal di Jl. Merah no 5', `Nama anak: ${R}; tinggal di ${R}. ${R} 5`, 'neither a colon nor the full stop of an abbreviation opens a sentence'],
    ['Bulan datang.\nKuat juga', `${R} datang.\n${R} juga`, 'a lexicon word that is also a given name is never kept capitalised'],
    ['Ibu ~ bulan; Ibu😀 bulan; Ibu bidan bulan', `Ibu ${R}; ${R}; Ibu ${R}`, 'a replaced character or a lower-case second title keeps the name slot open'],
    ['hp 08 ~ 12 ~ 34 | 56 • 78 $ 90', `${R} ${N}`, 'replaced characters do not break a run of short numbers'],
  ];
  for (const [input, expected, why] of cases) assert.equal(guardReleasedText(input), expected, `${why}: ${JSON.stringify(input)}`);
});

test('fuzz: released text is a fixed point of the guard and holds only placeholders, lexicon words, short numbers, spaces and plain punctuation', () => {
  // Deterministic inputs from SHA-256 in counter mode: words of the lexicon and of the gazetteer, digits
  // of several scripts, separators, invisible and look-alike characters, in random case.
  const pool = [...RELEASE_LEXICON].slice(0, 400).concat([...GIVEN_NAMES].slice(0, 100), ['Ibu', 'Pak', 'dr.', 'An.', '[NAME]', '[PHONE]', '[X]', 'gizi kurang', '08', '17', '3', '２１', '2024']);
  const glue = [' ', ' ', ' ', ', ', '. ', ': ', ' ~ ', '😀', '-', "'", '\u200B', '\u00AD', '\u2011', '/', '\n', '·', '@', ' 12 ', '０８', '٣٣', '3a', '(', '"'];
  let counter = 0;
  let block = Buffer.alloc(0);
  const next = (n: number): number => {
    if (block.length < 4) block = createHash('sha256').update(`release-fuzz-${counter++}`).digest();
    const v = block.readUInt32BE(0) % n;
    block = block.subarray(4);
    return v;
  };
  const placeholders = new Set(['NAME', 'NIK', 'PHONE', 'EMAIL', 'ADDRESS', 'DATE_OF_BIRTH', 'MEDICAL_TERM'].map((t) => `[${t}]`).concat(REDACTED_WORD, REDACTED_NUMBER));
  const onLexicon = (w: string): boolean => RELEASE_LEXICON.has(w) || ['nya', 'lah', 'kah', 'pun'].some((c) => w.endsWith(c) && RELEASE_LEXICON.has(w.slice(0, -c.length)));
  const token = /\[[A-Z_]+\]|[\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*|[0-9]+|\s+|./gu;
  for (let i = 0; i < 20_000; i++) {
    let text = '';
    for (let k = 0, len = 1 + next(12); k < len; k++) {
      const w = pool[next(pool.length)]!;
      text += (next(4) === 0 ? w.toUpperCase() : next(3) === 0 ? w[0]!.toUpperCase() + w.slice(1) : w) + glue[next(glue.length)];
    }
    const out = guardReleasedText(text);
    assert.equal(guardReleasedText(out), out, `not a fixed point: ${JSON.stringify(text)} → ${JSON.stringify(out)}`);
    for (const t of out.match(token) ?? []) {
      const ok = /^\[[A-Z_]+\]$/u.test(t) ? placeholders.has(t)
        : /^\p{L}/u.test(t) ? onLexicon(t.toLowerCase()) || t.toLowerCase().split(/['-]/u).every(onLexicon)
          : /^[0-9]+$/u.test(t) ? t.length <= 2 : /^\s+$/u.test(t) || /^[.,;:!?()"'/%+&*=#_‘’“”…-]$/u.test(t);
      assert.ok(ok, `${JSON.stringify(t)} released from ${JSON.stringify(text)} → ${JSON.stringify(out)}`);
    }
    assert.doesNotMatch(out, /[0-9]+[\s\p{P}]+[0-9]+/u, `a run of short numbers survives: ${JSON.stringify(out)}`);
  }
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
    // Utility: how many of the words outside labels the released text (with the scanner's spans) keeps.
    let plain = text;
    for (const l of [...ls].sort((a, b) => b.start - a.start)) plain = plain.slice(0, l.start) + ' ' + plain.slice(l.end);
    plainWords += wordsOf(plain).length;
    keptWords += wordsOf(withScanner.replace(/\[[A-Z_]+\]/gu, ' ')).length;
  }
  assert.ok(labels > 2000, `${labels} labels checked`);
  const kept = keptWords / plainWords;
  process.stdout.write(`# release-text: ${labels} labelled PII spans in ${corpus.length} notes, none survived; ${(100 * kept).toFixed(1)} % of the ${plainWords} unlabelled words stay\n`);
  // A floor so a lexicon emptied by mistake (nothing would leak, and nothing would be useful) fails.
  assert.ok(kept > 0.5, `only ${(100 * kept).toFixed(1)} % of unlabelled words kept`);
});
