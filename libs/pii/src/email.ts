// E-mail addresses (RFC 5322 addr-spec, the dot-atom subset people actually type) and the
// obfuscations used to dodge scrapers: "nama [at] gmail [dot] com", "nama(at)yahoo.co.id".
import type { Finding } from './types.js';

const AT = String.raw`(?:\s*@\s*|\s*[\[({<]\s*(?:at|et)\s*[\])}>]\s*|\s+at\s+(?=[a-z0-9-]+\s*[\[({<]\s*dot\s*[\])}>]))`;
const DOT = String.raw`(?:\.|\s*[\[({<]\s*(?:dot|titik)\s*[\])}>]\s*)`;
const EMAIL = new RegExp(
  String.raw`(?<![\w.%+\-])[a-z0-9](?:[a-z0-9._%+\-]*[a-z0-9_])?` + AT + String.raw`[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:` + DOT + String.raw`[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*` + DOT + String.raw`[a-z]{2,24}(?![\w\-])`,
  'gi',
);
const PLAIN = /^[^\s[\](){}<>]+$/;

/** Appends EMAIL findings for plain and bracket-obfuscated addresses (case-insensitive). */
export function detectEmail(text: string, out: Finding[]): void {
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    const plain = PLAIN.test(m[0]);
    out.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length, confidence: plain ? 0.99 : 0.9, detector: plain ? 'email' : 'email-obfuscated' });
  }
}
