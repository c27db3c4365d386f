// Public surface of @cwp/synthetic: the seeded event generator, NIK helpers and reference tables.
export { createGenerator, DEFAULT_START_TIME, EVENT_TYPES } from './generator.js';
export type { Generator, GeneratedEvent, GeneratorOptions, PlantedPii, PiiKind } from './types.js';
export { isValidNikStructure, parseNik, composeNik } from './nik.js';
export type { NikParts } from './nik.js';
export { reference } from './reference/index.js';
export type { District, Province, Regency } from './reference/index.js';
export { createRng } from './prng.js';
export type { Rng } from './prng.js';
export { createNoteCorpus, NOTE_FIELDS } from './note-corpus.js';
export type { LabelledNote, NoteCorpusOptions } from './note-corpus.js';
export type { PiiLabel } from './labels.js';
