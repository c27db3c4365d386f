// AES-256-GCM through node:crypto against the GCM specification's test vectors (McGrew & Viega,
// "The Galois/Counter Mode of Operation", test cases 13-16: AES-256, 96-bit IV), which NIST's
// SP 800-38D validation suite (GCMVS) includes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gcmDecrypt, gcmEncrypt, randomIv, CryptoError } from '../src/index.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const K16 = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
const VECTORS = [
  { name: 'TC13 (empty P, empty A)', key: hex('00'.repeat(32)), iv: hex('00'.repeat(12)), p: hex(''), a: hex(''), c: hex(''), t: hex('530f8afbc74536b9a963b4f1c4cb738b') },
  { name: 'TC14 (one zero block)', key: hex('00'.repeat(32)), iv: hex('00'.repeat(12)), p: hex('00'.repeat(16)), a: hex(''), c: hex('cea7403d4d606b6e074ec5d3baf39d18'), t: hex('d0d1c8a799996bf0265b98b5d48ab919') },
  {
    name: 'TC16 (60-byte P, 20-byte A)', key: K16, iv: hex('cafebabefacedbaddecaf888'),
    p: hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'),
    a: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
    c: hex('522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662'),
    t: hex('76fc6ece0f4e1768cddf8853bb2d551b'),
  },
];

for (const v of VECTORS) {
  test(`GCM spec vector ${v.name}: encrypt gives C and T, decrypt gives P`, () => {
    const { ciphertext, tag } = gcmEncrypt(v.key, v.iv, v.p, v.a);
    assert.equal(ciphertext.toString('hex'), v.c.toString('hex'));
    assert.equal(tag.toString('hex'), v.t.toString('hex'));
    assert.equal(gcmDecrypt(v.key, v.iv, v.c, v.a, v.t).toString('hex'), v.p.toString('hex'));
  });
}

test('TC16: every single-bit flip of C, T, IV or A is rejected', () => {
  const v = VECTORS[2]!;
  const parts = { c: v.c, t: v.t, iv: v.iv, a: v.a } as const;
  let rejected = 0;
  for (const [name, buf] of Object.entries(parts)) {
    for (let bit = 0; bit < buf.length * 8; bit += 1) {
      const flipped = Buffer.from(buf);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const args = { ...parts, [name]: flipped };
      assert.throws(() => gcmDecrypt(v.key, args.iv, args.c, args.a, args.t), (e: unknown) => e instanceof CryptoError && e.code === 'DECRYPT_FAILED');
      rejected += 1;
    }
  }
  assert.equal(rejected, (60 + 16 + 12 + 20) * 8);
});

test('a truncated tag, a wrong key and a wrong IV length are refused', () => {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const { ciphertext, tag } = gcmEncrypt(key, iv, Buffer.from('x'), Buffer.alloc(0));
  assert.throws(() => gcmDecrypt(key, iv, ciphertext, Buffer.alloc(0), tag.subarray(0, 12)), CryptoError);
  assert.throws(() => gcmDecrypt(randomBytes(32), iv, ciphertext, Buffer.alloc(0), tag), CryptoError);
  assert.throws(() => gcmEncrypt(key, randomBytes(16), Buffer.from('x'), Buffer.alloc(0)), CryptoError);
});

test('pooled random IVs are 96 bits and never repeat (100k draws, across pool refills)', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i += 1) {
    const iv = randomIv();
    assert.equal(iv.length, 12);
    seen.add(iv.toString('hex'));
  }
  assert.equal(seen.size, 100_000);
});
