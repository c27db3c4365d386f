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
