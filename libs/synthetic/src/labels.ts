// Labels produced with the text: the note writer wraps every PII span it inserts in invisible
// marks, and the generator strips them once the note is finished, recording exact offsets.
// Marks use Unicode private-use code points (U+E000..U+E001), which no template or reference
// table contains, so a label can never drift from the characters it names.
import type { PiiKind } from './types.js';

/** One PII span inside a generated free-text field; `start`/`end` are UTF-16 offsets, `end` exclusive. */
export interface PiiLabel {
  readonly kind: PiiKind;
  readonly start: number;
  readonly end: number;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const KIND_CODES: Readonly<Record<PiiKind, string>> = { name: 'n', nik: 'k', phone: 'p', email: 'e', address: 'a', dob: 'd' };
const KINDS_BY_CODE: ReadonlyMap<string, PiiKind> = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as PiiKind]));
const MARK = /\uE000(.)([^\uE000\uE001]*)\uE001/gu;

/** `value` wrapped in marks that stripMarks() turns into a label of `kind`; marks never nest. */
export function markSpan(kind: PiiKind, value: string): string {
  return value === '' ? value : `${OPEN}${KIND_CODES[kind]}${value}${CLOSE}`;
}

/** The text without marks and the labels the marks stood for, in text order. Throws on a stray mark. */
export function stripMarks(marked: string): { text: string; labels: PiiLabel[] } {
  if (!marked.includes(OPEN)) return { text: marked, labels: [] };
  let text = '';
  let cursor = 0;
  const labels: PiiLabel[] = [];
  for (const m of marked.matchAll(MARK)) {
    const kind = KINDS_BY_CODE.get(m[1] ?? '');
    if (kind === undefined) throw new Error(`unknown PII mark ${JSON.stringify(m[1])} in a generated note`);
    text += marked.slice(cursor, m.index);
    const value = m[2] ?? '';
    labels.push({ kind, start: text.length, end: text.length + value.length });
    text += value;
    cursor = m.index + m[0].length;
  }
  text += marked.slice(cursor);
  if (text.includes(OPEN) || text.includes(CLOSE)) throw new Error('unbalanced PII mark in a generated note');
  return { text, labels };
}

/**
 * Strips marks from every string in a payload: the payload without marks (objects holding no
 * mark are returned as they are, key order kept) and the labels of each marked string keyed by
 * its dot path inside the payload ('caseNotes', 'reporter.fullName').
 */
export function stripPayloadMarks<P>(payload: P): { payload: P; labels: Record<string, readonly PiiLabel[]> } {
  const labels: Record<string, readonly PiiLabel[]> = {};
  const visit = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const { text, labels: found } = stripMarks(value);
      if (found.length > 0) labels[path] = found;
      return text;
    }
    if (Array.isArray(value)) {
      const items = value.map((v, i) => visit(v, `${path}.${i}`));
      return items.every((v, i) => v === value[i]) ? value : items;
    }
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
    const entries = Object.entries(value);
    const visited = entries.map(([k, v]) => [k, visit(v, path === '' ? k : `${path}.${k}`)] as const);
    return visited.every(([, v], i) => v === entries[i]?.[1]) ? value : Object.fromEntries(visited);
  };
  return { payload: visit(payload, '') as P, labels };
}
