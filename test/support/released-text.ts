// Searching released free text for planted PII. Released text keeps ordinary words (@cwp/pii
// RELEASE_LEXICON), and a planted name can be spelt inside one by chance: a lower-case "hadi" in
// "hadir", "Dina" in "Dinas". Such a hit names no one, so searches mask lexicon words first; that
// hides nothing else, because no planted value is itself a lexicon word (assertNoPlantedLexiconWord,
// and @cwp/pii's release-text test over the generator's names).
import assert from 'node:assert/strict';
import { RELEASE_LEXICON } from '@cwp/pii';

const WORD = /[\p{L}\p{M}]+/gu;

/** `text` with every lexicon word (whole word, any case) replaced by as many '#': same length in UTF-16 and, lexicon words being ASCII, in UTF-8. */
export function maskLexiconWords(text: string): string {
  return text.replace(WORD, (w) => (RELEASE_LEXICON.has(w.toLowerCase()) ? '#'.repeat(w.length) : w));
}

/** The lexicon words of `texts` as written (4 letters or more: shorter ones cannot hold a searched value), for masking raw bytes. */
export function lexiconWordsIn(texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const w of t.match(WORD) ?? []) if (w.length >= 4 && RELEASE_LEXICON.has(w.toLowerCase())) out.add(w);
  return [...out];
}

/** Fails when a planted value is itself a lexicon word: masking would then hide a real leak. */
export function assertNoPlantedLexiconWord(values: Iterable<string>): void {
  for (const v of values) assert.ok(!RELEASE_LEXICON.has(v.trim().toLowerCase()), `planted value ${JSON.stringify(v)} is a lexicon word: the masked search would not see it`);
}
