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
const SCRATCH_BYTES = 16 * 1024;
const SCRATCH_KEEP_BYTES = 1024 * 1024;
let scratch: Buffer = Buffer.allocUnsafe(SCRATCH_BYTES);
let busy = false;

/**
 * Frames `value` encoded by `type` under `schemaId` in one pass (header and body written into the
 * scratch buffer, then copied out once). The scratch bytes are zeroed after the copy and when the
 * writer throws: the buffer would otherwise hold the last record (a raw event's PII). A scratch
 * grown past 1 MiB is let go. A call made while another is writing (a getter that encodes) gets a
 * buffer of its own. Throws what avsc's writer throws for a value that does not match (its message
 * quotes the value: callers must not pass it on).
 */
export function encodeFramed(schemaId: number, type: AvroEncoder, value: unknown): Buffer {
  if (busy) return encodeInto(Buffer.allocUnsafe(SCRATCH_BYTES), schemaId, type, value).out;
  busy = true;
  try {
    const { out, buf } = encodeInto(scratch, schemaId, type, value);
    scratch = buf.length > SCRATCH_KEEP_BYTES ? Buffer.allocUnsafe(SCRATCH_BYTES) : buf;
    return out;
  } finally {
    busy = false;
  }
}

function encodeInto(start: Buffer, schemaId: number, type: AvroEncoder, value: unknown): { out: Buffer; buf: Buffer } {
  let buf: Buffer = start;
  for (;;) {
    buf[0] = MAGIC_BYTE;
    buf.writeUInt32BE(schemaId, 1);
    let end: number;
    try {
      end = type.encode(value, buf, HEADER_BYTES);
    } catch (err) {
      buf.fill(0);
      throw err;
    }
    if (end >= 0) {
      const out = Buffer.allocUnsafe(end);
      buf.copy(out, 0, 0, end);
      buf.fill(0, HEADER_BYTES, end);
      return { out, buf };
    }
    buf.fill(0);
    buf = Buffer.allocUnsafe(2 * (buf.length - end));
  }
}
