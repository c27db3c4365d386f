// Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body.
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format
import { DecodeError } from '@cwp/errors';

export const MAGIC_BYTE = 0;
export const HEADER_BYTES = 5;

/** Splits a framed value into schema id and body; throws DecodeError on bad framing. */
export function readFrame(bytes: Buffer): { schemaId: number; body: Buffer } {
  if (bytes.length < HEADER_BYTES) {
    throw new DecodeError('BAD_WIRE_FORMAT', `value is ${bytes.length} bytes, shorter than the 5-byte Confluent wire-format header`);
  }
  if (bytes[0] !== MAGIC_BYTE) {
    throw new DecodeError('BAD_WIRE_FORMAT', `value starts with byte ${bytes[0]}, not the Confluent magic byte 0`);
  }
  return { schemaId: bytes.readUInt32BE(1), body: bytes.subarray(HEADER_BYTES) };
}

/** Prefixes an Avro body with the wire-format header for `schemaId`. */
export function writeFrame(schemaId: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  body.copy(out, HEADER_BYTES);
  return out;
}

/** What encodeFramed needs of an avsc Type: encode(val, buf, pos) → the end position, or minus the bytes missing. */
export interface AvroEncoder {
  encode(value: unknown, buf: Buffer, pos?: number): number;
}

// One scratch buffer, grown on demand, so a record is written once: avsc's toBuffer writes into a
// fixed 1 KiB buffer and writes a larger record a second time, and the frame would be one more copy.
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * Frames `value` encoded by `type` under `schemaId` in one pass (header and body written into the
 * scratch buffer, then copied out once). The scratch bytes are zeroed after the copy: the buffer
 * would otherwise hold the last record (a raw event's PII) until the next write. Throws what avsc's
 * writer throws for a value that does not match (its message names the type, not the value).
 */
export function encodeFramed(schemaId: number, type: AvroEncoder, value: unknown): Buffer {
  for (;;) {
    scratch[0] = MAGIC_BYTE;
    scratch.writeUInt32BE(schemaId, 1);
    const end = type.encode(value, scratch, HEADER_BYTES);
    if (end >= 0) {
      const out = Buffer.allocUnsafe(end);
      scratch.copy(out, 0, 0, end);
      scratch.fill(0, HEADER_BYTES, end);
      return out;
    }
    scratch.fill(0);
    scratch = Buffer.allocUnsafe(2 * (scratch.length - end));
  }
}
