export { createSerde } from './serde.js';
export type { Serde, SerdeOptions, Decoded } from './serde.js';
export { encodeFramed, readFrame, writeFrame, MAGIC_BYTE, HEADER_BYTES } from './wire-format.js';
export { writerGapCheck } from './strict-writer.js';
export type { GapCheck } from './strict-writer.js';
export type { AvroEncoder } from './wire-format.js';
