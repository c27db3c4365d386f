// Context words are looked for in a short window before a candidate, never across the whole
// text, so a scan stays linear in the length of the note; the window stops at the previous
// sentence so "TTL" in one sentence does not turn a visit date in the next into a birth date.

const LETTER = /\p{L}/u;
const SPACE = /\s/;

/** True when a sentence ends at `p`: `;`, `!`, `?`, a newline, or a full stop after a digit or a word of 4+ letters (not "No.", "Tgl."). */
function sentenceEndsAt(text: string, p: number): boolean {
  const ch = text.charAt(p);
  if (ch === ';' || ch === '!' || ch === '?' || ch === '\n') return true;
  if (ch !== '.' || !SPACE.test(text.charAt(p + 1))) return false;
  const before = text.charAt(p - 1);
  if (before >= '0' && before <= '9') return true;
  for (let k = 1; k <= 4; k++) if (!LETTER.test(text.charAt(p - k))) return false;
  return true;
}

/** Start of the context window before `start`: `window` units back, cut at the previous sentence end. */
function windowStart(text: string, start: number, window: number): number {
  const floor = Math.max(0, start - window);
  for (let p = start - 1; p >= floor; p--) if (sentenceEndsAt(text, p)) return p + 1;
  return floor;
}

/** True when `re` (non-global, precompiled) matches within `window` UTF-16 units before `start`, in the same sentence. */
export function hasContextBefore(text: string, start: number, re: RegExp, window: number): boolean {
  if (start === 0) return false;
  return re.test(text.slice(windowStart(text, start, window), start));
}
