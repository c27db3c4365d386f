// Free text made releasable to analytics. Two passes:
//  1. every PII span the scanner found is replaced by its type placeholder ([NAME], [NIK], [PHONE],
//     [EMAIL], [ADDRESS], [DATE_OF_BIRTH], [MEDICAL_TERM]), as in redact.ts;
//  2. what is left is kept word by word only if the word is on a vetted lexicon (lexicon.ts), the
//     "concept-match" scrubbing of Berman, "Concept-match medical data scrubbing", Arch Pathol Lab
//     Med 127(6):680-686, 2003: a scrubber that lets through only approved words cannot leak a name
//     its detector missed, because names are not approved words. Any other word becomes [REDACTED],
//     any number longer than two digits (or with separators: dates, phone and NIK fragments) becomes
//     [NUMBER], anything shaped like an e-mail address becomes [EMAIL]. The word after a capitalised
//     title (Ibu, Pak, An., Dek, …) is taken for a name and replaced even when it is a lexicon word.
//     Medical terms of the closed list (medical-terms.ts) become [MEDICAL_TERM] in this pass too,
//     since a few ("gizi kurang") are made of everyday words.
// The scanner's recall (>= 0.95) decides how informative the placeholders are; the lexicon decides
// what can leak, which is nothing outside the list. Pure and deterministic.
import { NAME_TITLES, RELEASE_LEXICON } from './lexicon.js';
import { detectMedicalTerms } from './medical-terms.js';
import type { Finding, PiiType } from './types.js';
import { PII_TYPES } from './types.js';

/** Placeholder of a word that is not on the lexicon. */
export const REDACTED_WORD = '[REDACTED]';
/** Placeholder of a number longer than two digits or written with separators. */
export const REDACTED_NUMBER = '[NUMBER]';

const PLACEHOLDERS: ReadonlySet<string> = new Set([...PII_TYPES.map((t) => `[${t}]`), REDACTED_WORD, REDACTED_NUMBER]);

/** A span to replace: the scanner's findings, or the classifier's PiiFinding records of the field. */
export interface ReleaseSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

// One token per match, in order of preference: a placeholder, an e-mail-like run, a number run
// (digits with internal . / : - separators), a word (letters and marks, joined by - or an apostrophe),
// or one other character kept as it is (space, punctuation).
const TOKEN = /(\[[A-Z_]+\])|([^\s@]+@[^\s@]+)|(\d(?:[\d./:-]*\d)?)|([\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)|([\s\S])/gu;
const CLITICS = ['nya', 'lah', 'kah', 'pun'] as const;

function wordAllowed(word: string, lexicon: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (lexicon.has(w)) return true;
  for (const c of CLITICS) if (w.length > c.length + 1 && w.endsWith(c) && lexicon.has(w.slice(0, -c.length))) return true;
  // Reduplication and compounds (anak-anak, berpindah-pindah, laki-laki): every part on the list.
  const parts = w.split(/['’-]/u);
  return parts.length > 1 && parts.every((p) => p !== '' && wordAllowed(p, lexicon));
}

/**
 * Applies pass 2 to `text`: medical terms of the closed list become [MEDICAL_TERM] whatever spans
 * the caller had (some, e.g. "gizi kurang", are made of everyday words), then lexicon words, 1–2
 * digit numbers, placeholders, spaces and punctuation stay and everything else is replaced. Idempotent.
 */
export function guardReleasedText(text: string, lexicon: ReadonlySet<string> = RELEASE_LEXICON): string {
  const medical: Finding[] = [];
  detectMedicalTerms(text, medical);
  return guardWords(markSpans(text, medical), lexicon);
}

function guardWords(text: string, lexicon: ReadonlySet<string>): string {
  let out = '';
  let lastPlaceholder = '';
  let pendingSpace = '';
  let afterTitle = false;
  let abbreviation = false;
  const emit = (s: string, isPlaceholder: boolean): void => {
    // Runs of one placeholder separated only by white space collapse into one ("[REDACTED] [REDACTED]").
    if (isPlaceholder && s === lastPlaceholder && /^\s*$/u.test(pendingSpace)) {
      pendingSpace = '';
      return;
    }
    out += pendingSpace + s;
    pendingSpace = '';
    lastPlaceholder = isPlaceholder ? s : '';
  };
  for (const m of text.matchAll(TOKEN)) {
    const [tok, placeholder, email, num, word] = m;
    if (placeholder !== undefined) emit(PLACEHOLDERS.has(placeholder) ? placeholder : REDACTED_WORD, true);
    else if (email !== undefined) emit('[EMAIL]', true);
    else if (num !== undefined) {
      if (/^\d{1,2}$/u.test(num)) emit(num, false);
      else emit(REDACTED_NUMBER, true);
    } else if (word !== undefined) {
      if (!afterTitle && wordAllowed(word, lexicon)) {
        emit(word, false);
        // A title counts when capitalised (Ibu, An.) or abbreviated with a full stop (dr., sdr.).
        const title = NAME_TITLES.has(word.toLowerCase());
        afterTitle = title && word[0] !== word[0]!.toLowerCase();
        abbreviation = title && !afterTitle;
        continue;
      }
      emit(REDACTED_WORD, true);
      afterTitle = false;
      abbreviation = false;
      continue;
    } else if (/\s/u.test(tok)) {
      pendingSpace += tok;
      continue;
    } else if (tok === '.' && (afterTitle || abbreviation)) {
      emit(tok, false);
      afterTitle = true;
      abbreviation = false;
      continue;
    } else emit(tok, false);
    afterTitle = false;
    abbreviation = false;
  }
  return out + pendingSpace;
}

/**
 * Releasable form of `text`: every span replaced by `[TYPE]` (overlaps merged into the earlier one;
 * a span outside the text is a caller error), then the guard over the rest (guardReleasedText).
 */
export function releaseText(text: string, spans: readonly ReleaseSpan[], lexicon: ReadonlySet<string> = RELEASE_LEXICON): string {
  return guardReleasedText(markSpans(text, spans), lexicon);
}

function markSpans(text: string, spans: readonly ReleaseSpan[]): string {
  if (spans.length === 0) return text;
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let marked = '';
  let cursor = 0;
  for (const s of ordered) {
    if (s.start < 0 || s.end > text.length || s.start >= s.end) throw new RangeError(`span [${s.start}, ${s.end}) lies outside the text (length ${text.length})`);
    if (s.end <= cursor) continue;
    // An overlapping span extends the one already replaced; a literal "[NAME]" typed in the text is kept as the placeholder it spells.
    if (s.start >= cursor) marked += text.slice(cursor, s.start) + ((PII_TYPES as readonly string[]).includes(s.type) ? `[${s.type as PiiType}]` : REDACTED_WORD);
    cursor = s.end;
  }
  return marked + text.slice(cursor);
}
