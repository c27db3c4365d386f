// Searching released free text for planted PII. Released text keeps ordinary words (@cwp/pii
// RELEASE_LEXICON), and a planted name can be spelt inside one by chance: a lower-case "hadi" in
// "hadir", "Dina" in "Dinas". Such a hit names no one, so searches mask the whole lexicon words of
// released text, only where that text stands in a record value (never in keys or headers); that
// hides nothing else, because no planted value is itself a lexicon word (assertNoPlantedLexiconWord,
// and @cwp/pii's release-text test over the generator's names).
import assert from 'node:assert/strict';
import { RELEASE_LEXICON } from '@cwp/pii';

const WORD = /[\p{L}\p{M}]+/gu;
const CLITICS = ['nya', 'lah', 'kah', 'pun'];

/** `text` with every lexicon word (whole word, any case) replaced by as many '#': same length in UTF-16 and, lexicon words being ASCII, in UTF-8. */
export function maskLexiconWords(text: string): string {
  return text.replace(WORD, (w) => (RELEASE_LEXICON.has(w.toLowerCase()) ? '#'.repeat(w.length) : w));
}

/** A copy of `buf` in which every occurrence of each released text (UTF-8, as Avro writes strings) has its lexicon words masked; the rest of the bytes untouched. */
export function maskReleasedTextIn(buf: Buffer, texts: Iterable<string>): Buffer {
  const out = Buffer.from(buf);
  for (const t of texts) {
    const clear = Buffer.from(t, 'utf8');
    const masked = Buffer.from(maskLexiconWords(t), 'utf8');
    assert.equal(masked.length, clear.length, 'masking keeps the byte length');
    if (clear.length === 0) continue;
    for (let at = out.indexOf(clear); at >= 0; at = out.indexOf(clear, at + clear.length)) masked.copy(out, at);
  }
  return out;
}

/** The lexicon words of `texts` as written. */
export function lexiconWordsIn(texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const w of t.match(WORD) ?? []) if (RELEASE_LEXICON.has(w.toLowerCase())) out.add(w);
  return [...out];
}

/** Fails when a planted value is itself a lexicon word: masking would then hide a real leak. */
export function assertNoPlantedLexiconWord(values: Iterable<string>): void {
  for (const v of values) assert.ok(!RELEASE_LEXICON.has(v.trim().toLowerCase()), `planted value ${JSON.stringify(v)} is a lexicon word: the masked search would not see it`);
}

const onLexicon = (w: string): boolean => RELEASE_LEXICON.has(w) || CLITICS.some((c) => w.length > c.length + 1 && w.endsWith(c) && RELEASE_LEXICON.has(w.slice(0, -c.length)));

/**
 * Checks released text by its definition, independently of @cwp/pii's guard: outside the type
 * placeholders every word is a lexicon word (with a clitic, or a hyphenated reduplication of them),
 * no run of three digits or of short numbers, no '@'. Fails naming the first text and word that break it.
 */
export function assertReleasedForm(texts: Iterable<string>): void {
  for (const t of texts) {
    const rest = t.replace(/\[(?:NAME|NIK|PHONE|EMAIL|ADDRESS|DATE_OF_BIRTH|MEDICAL_TERM|REDACTED|NUMBER)\]/gu, ' ');
    for (const w of rest.match(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu) ?? []) {
      const lower = w.toLowerCase();
      assert.ok(onLexicon(lower) || lower.split(/['’-]/u).every(onLexicon), `released text keeps ${JSON.stringify(w)}, not a lexicon word: ${JSON.stringify(t)}`);
    }
    assert.doesNotMatch(rest, /\p{N}{3}|@/u, `released text keeps a long number or an e-mail: ${JSON.stringify(t)}`);
    assert.doesNotMatch(rest, /\p{N}[^\p{L}\p{N}]+\p{N}/u, `released text keeps a run of short numbers: ${JSON.stringify(t)}`);
  }
}

/**
 * Every string value inside a decoded Avro value (records, maps, arrays, unions), without object
 * keys. A decoded record's keys are its schema's field names, which the data never wrote and the
 * Avro binary does not carry; a planted name can be spelt inside one by chance ("ange" in
 * "caretakerChangeReason"). A map's keys are data, but Avro writes them as plain UTF-8 in the
 * binary, so a search of the record's raw bytes already covers them.
 */
export function decodedStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) decodedStrings(x, out);
  else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) for (const x of Object.values(v)) decodedStrings(x, out);
  return out;
}
