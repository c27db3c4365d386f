// RFC 4648 §6 base32, lower case, no padding: case-insensitive and safe in Kafka keys, Redis keys,
// file names and URLs.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Encodes bytes as unpadded lower-case base32 (8 characters per 5 bytes). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
