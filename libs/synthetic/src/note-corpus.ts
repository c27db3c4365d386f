// A labelled corpus of free-text notes for measuring PII detection: the generator's own notes,
// each with the exact spans its writer inserted, so labels are produced with the text.
import type { EventType, RawEvent } from '@cwp/avro';
import { unwrapPayload } from '@cwp/avro';
import { createGenerator } from './generator.js';
import type { PiiLabel } from './labels.js';

/** The payload fields the note writer fills (those tagged "freeText": true on raw events). */
export const NOTE_FIELDS = ['caseNotes', 'notes', 'description', 'message', 'summary'] as const;

/** One generated free-text note and its PII labels (possibly none). */
export interface LabelledNote {
  readonly text: string;
  readonly labels: readonly PiiLabel[];
  readonly eventType: EventType;
  readonly field: (typeof NOTE_FIELDS)[number];
}

/** Options of createNoteCorpus. */
export interface NoteCorpusOptions {
  /** Same seed, same corpus. */
  readonly seed: number | string;
  /** Number of notes (events without a note are skipped, so more events are drawn). */
  readonly count: number;
}

function noteOf(event: RawEvent): { field: LabelledNote['field']; text: string } | null {
  const payload = unwrapPayload(event) as unknown as Record<string, unknown>;
  for (const field of NOTE_FIELDS) {
    const text = payload[field];
    if (typeof text === 'string') return { field, text };
  }
  return null;
}

/** `count` seeded notes from the generator's event mix, with labels; throws RangeError on a bad count. */
export function createNoteCorpus(options: NoteCorpusOptions): LabelledNote[] {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  const generator = createGenerator({ seed: options.seed });
  const notes: LabelledNote[] = [];
  while (notes.length < options.count) {
    const { event, labels } = generator.next();
    const note = noteOf(event);
    if (note !== null) notes.push({ ...note, labels: labels?.[note.field] ?? [], eventType: event.eventType });
  }
  return notes;
}
