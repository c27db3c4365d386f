// Person names in Indonesian prose. A name span is a run of name tokens (gazetteer names in any
// case, or capitalised words) joined by single spaces, started by one of:
//   1. an honorific (Bapak, Ibu, Sdr., Hj., dr., An. …) — the honorific itself stays outside the span;
//   2. a context phrase (bernama, atas nama, a.n., "Nama:", ibunya, anak …);
//   3. a gazetteer name followed by a second name token ("Siti Rahmawati", "RUDI SIREGAR");
//   4. a lone capitalised gazetteer name that is not also an everyday word (AMBIGUOUS_NAMES).
// Case only decides which unknown words may continue a span: Title Case after a Title Case
// start, ALL CAPS after an ALL CAPS start; lower-case words continue only if in the gazetteer.
import type { Finding } from './types.js';
import { AMBIGUOUS_NAMES, isGazetteerName } from './name-gazetteer.js';
import {
  DOTTED_HONORIFICS, HONORIFICS, KIN_WORDS, NAME_ABBREVIATIONS, NAME_CONNECTORS, NAME_CONTEXT, NAME_LABEL_PAIRS, NAME_PREFIXES, NAME_QUALIFIERS, NAME_STOPWORDS,
} from './name-cues.js';

const TOKEN = /\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*/gu;
const SPACE_GAP = /^[ \t\u00a0]+$/;
const DOT_GAP = /^\.[ \t\u00a0]*$/;
const CONTEXT_GAP = /^[\s:,\-–(]*$/;
const LABEL_GAP = /^[ \t]*[:=\-–][ \t\r\n]*$/;
const A_N = /a\.[ \t]?n\.[ \t]*/iy;
const UPPER_CHAR = /\p{Lu}/u;
const LOWER_CHAR = /\p{Ll}/u;
const MAX_NAME_TOKENS = 5;
const WEAK_CONTEXT: ReadonlySet<string> = new Set([
  'anak', 'korban', 'pelapor', 'terlapor', 'pelaku', 'inisial', 'siswa', 'siswi', 'murid', 'pasien', 'wali', 'keluarga', 'tetangga',
  'menemani', 'mendampingi', 'hubungi', 'menghubungi', 'almarhum', 'almarhumah', 'alm',
]);
const APPOSITION_GAP = /^[ \t]*,[ \t]*$/;
// A non-space run holding "@" is an e-mail address (or a handle): its words are not name tokens.
const AT_WORD = /\S*@\S*/g;
// A capitalised run right before an age or birth date is a person: "Fathan (lahir 23-11-2014)",
// "Ilham (umur 6 th)", "Bima, lahir 27/10/2014", "Keenan Saepudin, 12 th".
const BEFORE_AGE = /\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,3}(?=[ \t]*(?:\([ \t]*(?:\d{1,2}[ \t]*(?:tahun|thn|th)\b|umur|usia|lahir|lhr|tgl\.?[ \t]*lahir)|,[ \t]*(?:lahir|lhr|umur|usia|\d{1,2}[ \t]*(?:tahun|thn|th)\b)))/gu;

const LOWER = 0;
const TITLE = 1;
const UPPER = 2;
type Shape = typeof LOWER | typeof TITLE | typeof UPPER;
const TRIGGERED = 3;
// After an abbreviated honorific ("Ny.", "dr.", "Sdri.") the first word is a name whatever its case.
const TRIGGERED_ANY_CASE = 4;
type Style = Shape | typeof TRIGGERED | typeof TRIGGERED_ANY_CASE;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly shape: Shape;
  readonly gazetteer: boolean;
}

function shapeOf(word: string): Shape {
  if (!UPPER_CHAR.test(word.charAt(0))) return LOWER;
  return word.length > 1 && !LOWER_CHAR.test(word) ? UPPER : TITLE;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const skipped: [number, number][] = [];
  if (text.includes('@')) for (const m of text.matchAll(AT_WORD)) skipped.push([m.index, m.index + m[0].length]);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const at = m.index;
    if (skipped.some(([a, b]) => at >= a && at < b)) continue;
    const key = m[0].toLowerCase().replace(/’/g, "'");
    tokens.push({ start: m.index, end: m.index + m[0].length, key, shape: shapeOf(m[0]), gazetteer: isGazetteerName(key) });
  }
  return tokens;
}

function gapAfter(text: string, tokens: readonly Token[], i: number): string | null {
  const a = tokens[i];
  const b = tokens[i + 1];
  return a === undefined || b === undefined ? null : text.slice(a.end, b.start);
}

/** Tokens i and i+1 belong to one name: single spacing, or a full stop after an initial or abbreviation ("M. Rizki"). */
function joined(text: string, tokens: readonly Token[], i: number): boolean {
  const gap = gapAfter(text, tokens, i);
  if (gap === null) return false;
  if (SPACE_GAP.test(gap)) return true;
  const t = tokens[i];
  if (t === undefined || !DOT_GAP.test(gap)) return false;
  return (t.key.length === 1 && t.shape !== LOWER) || NAME_ABBREVIATIONS.has(t.key) || t.key === 'br';
}

function isBarrier(t: Token): boolean {
  return NAME_STOPWORDS.has(t.key) || HONORIFICS.has(t.key) || NAME_CONTEXT.has(t.key);
}

function isHonorific(t: Token | undefined): boolean {
  return t !== undefined && (HONORIFICS.has(t.key) || DOTTED_HONORIFICS.has(t.key));
}

function accepts(t: Token, style: Style): boolean {
  if (isBarrier(t)) return false;
  if (t.gazetteer) return true;
  if (style === TRIGGERED_ANY_CASE) return true;
  if (style === TRIGGERED) return t.shape !== LOWER;
  return style !== LOWER && t.shape === style;
}

/** Index of the last name token of the run starting at `first`, or -1 when `first` is not a name token. */
function extend(text: string, tokens: readonly Token[], first: number, style: Style): number {
  let last = -1;
  let j = first;
  while (j < tokens.length && j - first < MAX_NAME_TOKENS) {
    const t = tokens[j];
    if (t === undefined) break;
    if (j > first && !joined(text, tokens, j - 1)) break;
    // Any case is allowed for the first word only: a lower-case verb after "Ny. yuliana" is not her name.
    if (accepts(t, j === first || style !== TRIGGERED_ANY_CASE ? style : TRIGGERED)) {
      last = j;
      j++;
      continue;
    }
    // "bin", "binti", "br." and Balinese "I"/"Ni" stay in the span only when a name follows them.
    const next = tokens[j + 1];
    if ((NAME_CONNECTORS.has(t.key) || (NAME_PREFIXES.has(t.key) && t.shape !== LOWER)) && next !== undefined && joined(text, tokens, j) && accepts(next, style)) {
      j++;
      continue;
    }
    break;
  }
  return last;
}

/** Index of the first token after a trigger at i (honorific or context), or -1 when token i triggers nothing. */
function afterTrigger(text: string, tokens: readonly Token[], i: number): { next: number; weak: boolean; anyCase?: true } | null {
  const t = tokens[i];
  const gap = gapAfter(text, tokens, i);
  if (t === undefined || gap === null) return null;
  if (HONORIFICS.has(t.key) && SPACE_GAP.test(gap)) return { next: i + 1, weak: false };
  if (DOTTED_HONORIFICS.has(t.key) && DOT_GAP.test(gap)) {
    // "H." and "An." are honorifics only when capitalised; lower-case they are ordinary letters/words.
    if ((t.key === 'h' || t.key === 'an') && t.shape === LOWER) return null;
    return { next: i + 1, weak: false, anyCase: true };
  }
  if (NAME_CONTEXT.has(t.key) && CONTEXT_GAP.test(gap)) return { next: i + 1, weak: WEAK_CONTEXT.has(t.key) };
  // "almarhum ayah saya, Slamet", "ibu kami, Sarinah": an apposition after a kin word.
  if ((t.key === 'saya' || t.key === 'kami') && APPOSITION_GAP.test(gap)) {
    const prev = tokens[i - 1];
    if (prev !== undefined && KIN_WORDS.has(prev.key) && joined(text, tokens, i - 1)) return { next: i + 1, weak: true };
  }
  const pair = NAME_LABEL_PAIRS.get(t.key);
  if (pair !== undefined && LABEL_GAP.test(gap)) {
    const prev = tokens[i - 1];
    if (prev !== undefined && prev.key === pair && joined(text, tokens, i - 1)) return { next: i + 1, weak: false };
  }
  if (t.key === 'nama') {
    const prev = tokens[i - 1];
    if (prev !== undefined && prev.key === 'atas' && joined(text, tokens, i - 1) && CONTEXT_GAP.test(gap)) return { next: i + 1, weak: false };
    if (LABEL_GAP.test(gap)) return { next: i + 1, weak: false };
    // "Nama lengkap: …", "Nama orang tua: …"
    for (let q = i + 1; q <= i + 2 && q < tokens.length; q++) {
      const qt = tokens[q];
      const qGap = gapAfter(text, tokens, q);
      if (qt === undefined || qGap === null || !NAME_QUALIFIERS.has(qt.key)) break;
      if (LABEL_GAP.test(qGap)) return { next: q + 1, weak: false };
    }
    return null;
  }
  if (t.key === 'a') {
    A_N.lastIndex = t.start;
    if (A_N.test(text)) {
      let next = i + 1;
      while (tokens[next] !== undefined && (tokens[next]?.start ?? 0) < A_N.lastIndex) next++;
      return { next, weak: false };
    }
  }
  return null;
}

/** Appends NAME findings (see the rules at the top of this file). */
export function detectNames(text: string, out: Finding[]): void {
  const tokens = tokenize(text);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === undefined) break;
    const trigger = afterTrigger(text, tokens, i);
    if (trigger !== null) {
      let first = trigger.next;
      let anyCase = trigger.anyCase === true;
      // Stacked honorifics: "Bapak H. Ahmad", "Ibu dr. Siti".
      for (let stacked = afterTrigger(text, tokens, first); isHonorific(tokens[first]) && stacked?.weak === false; stacked = afterTrigger(text, tokens, first)) {
        anyCase = stacked.anyCase === true;
        first++;
      }
      const head = tokens[first];
      const last = head === undefined ? -1 : extend(text, tokens, first, anyCase ? TRIGGERED_ANY_CASE : TRIGGERED);
      const tail = tokens[last];
      if (head !== undefined && tail !== undefined) {
        const confidence = head.gazetteer ? 0.95 : trigger.weak ? 0.75 : 0.85;
        out.push({ type: 'NAME', start: head.start, end: tail.end, confidence, detector: trigger.weak ? 'name-context' : 'name-honorific' });
        i = last + 1;
        continue;
      }
      i++;
      continue;
    }
    const prefixed = NAME_PREFIXES.has(t.key) && t.shape !== LOWER && tokens[i + 1]?.gazetteer === true && joined(text, tokens, i);
    if ((t.gazetteer || prefixed) && !isBarrier(t)) {
      const style = prefixed ? (tokens[i + 1]?.shape ?? LOWER) : t.shape;
      const last = extend(text, tokens, i, style === LOWER && prefixed ? TITLE : style);
      const tail = tokens[last];
      const count = last - i + 1;
      if (tail !== undefined && count >= 2) {
        let gazetteerCount = 0;
        let ambiguousOnly = true;
        for (let k = i; k <= last; k++) {
          const tk = tokens[k];
          if (tk?.gazetteer === true) gazetteerCount++;
          if (tk !== undefined && !AMBIGUOUS_NAMES.has(tk.key) && !NAME_PREFIXES.has(tk.key)) ambiguousOnly = false;
        }
        // Two everyday words in lower case ("putri bunga") are prose, not a name.
        if (!(ambiguousOnly && t.shape === LOWER)) {
          out.push({ type: 'NAME', start: t.start, end: tail.end, confidence: gazetteerCount >= 2 ? 0.9 : 0.8, detector: 'name-gazetteer' });
          i = last + 1;
          continue;
        }
      } else if (t.gazetteer && t.shape !== LOWER && !AMBIGUOUS_NAMES.has(t.key)) {
        out.push({ type: 'NAME', start: t.start, end: t.end, confidence: 0.6, detector: 'name-single' });
      }
    }
    i++;
  }
  detectBeforeAge(text, out);
}

/** Appends NAME findings for a capitalised run right before an age or birth date (barrier words at its front dropped). */
function detectBeforeAge(text: string, out: Finding[]): void {
  if (!/\d/.test(text)) return;
  BEFORE_AGE.lastIndex = 0;
  for (let m = BEFORE_AGE.exec(text); m !== null; m = BEFORE_AGE.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    const words = m[0].split(/([ \t]+)/);
    // Keep the words after the last barrier ("Pasien An. Keenan" → "Keenan", "DEK BIMA" → "BIMA").
    for (let k = 0; k < words.length; k += 2) {
      const key = (words[k] ?? '').toLowerCase().replace(/’/g, "'");
      if (isBarrier({ start: 0, end: 0, key, shape: TITLE, gazetteer: false }) || HONORIFICS.has(key) || (NAME_PREFIXES.has(key) && k + 2 >= words.length)) {
        start = m.index + words.slice(0, k + 2).join('').length;
      }
    }
    if (start < end) out.push({ type: 'NAME', start, end, confidence: 0.75, detector: 'name-age' });
  }
}
