// Replacement of found spans, the step the pseudonymizer builds on.
import type { Finding, PiiType } from './types.js';

/** Default placeholder: the type in brackets, e.g. "[NIK]". */
export const defaultPlaceholder = (type: PiiType): string => `[${type}]`;

/** Returns `text` with every finding's span replaced by `placeholder(type, finding)`; findings may come in any order, overlaps are merged into the earlier one. */
export function redact(text: string, findings: readonly Finding[], placeholder: (type: PiiType, finding: Finding) => string = defaultPlaceholder): string {
  if (findings.length === 0) return text;
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const f of ordered) {
    if (f.end <= cursor) continue;
    if (f.start < 0 || f.end > text.length || f.start >= f.end) throw new RangeError(`finding [${f.start}, ${f.end}) lies outside the text (length ${text.length}); scan the same text you redact`);
    if (f.start >= cursor) {
      out += text.slice(cursor, f.start) + placeholder(f.type, f);
    }
    // An overlapping finding extends the span already replaced; its own placeholder is dropped.
    cursor = f.end;
  }
  return out + text.slice(cursor);
}
