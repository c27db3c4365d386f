// Known-answer tests: RFC 5869 appendix A test cases 1–3 (HKDF-SHA-256) and RFC 4231 §4 test
// cases 1–7 (HMAC-SHA-256), run against both backends, plus a randomised cross-check of the two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { nobleBackend, nodeBackend } from '../src/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const HKDF_CASES = [
  { name: 'RFC 5869 A.1', ikm: fill(22, 0x0b), salt: range(0x00, 0x0c), info: range(0xf0, 0xf9), length: 42,
    prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865' },
  { name: 'RFC 5869 A.2', ikm: range(0x00, 0x4f), salt: range(0x60, 0xaf), info: range(0xb0, 0xff), length: 82,
    prk: '06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244',
    okm: 'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87' },
  { name: 'RFC 5869 A.3', ikm: fill(22, 0x0b), salt: new Uint8Array(0), info: new Uint8Array(0), length: 42,
    prk: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8' },
] as const;

const HMAC_CASES = [
  { name: 'RFC 4231 4.2', key: fill(20, 0x0b), data: text('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: 'RFC 4231 4.3', key: text('Jefe'), data: text('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: 'RFC 4231 4.4', key: fill(20, 0xaa), data: fill(50, 0xdd), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { name: 'RFC 4231 4.5', key: range(0x01, 0x19), data: fill(50, 0xcd), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  // 4.6 specifies the output truncated to 128 bits.
  { name: 'RFC 4231 4.6', key: fill(20, 0x0c), data: text('Test With Truncation'), mac: 'a3b6167473100ee06e0c796c2955552b' },
  { name: 'RFC 4231 4.7', key: fill(131, 0xaa), data: text('Test Using Larger Than Block-Size Key - Hash Key First'), mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  { name: 'RFC 4231 4.8', key: fill(131, 0xaa),
    data: text('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2' },
] as const;

for (const backend of [nodeBackend, nobleBackend]) {
  test(`${backend.name}: HKDF-SHA-256 matches RFC 5869 test cases 1–3 (PRK and OKM)`, () => {
    for (const c of HKDF_CASES) {
      assert.equal(toHex(backend.hkdf(c.ikm, c.salt, c.info, c.length)), c.okm, c.name);
      // PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes (RFC 5869 §2.2).
      const salt = c.salt.length === 0 ? new Uint8Array(32) : c.salt;
      assert.equal(toHex(backend.hmacWith(salt)(c.ikm)), c.prk, `${c.name} PRK`);
    }
  });

  test(`${backend.name}: HMAC-SHA-256 matches RFC 4231 test cases 1–7`, () => {
    for (const c of HMAC_CASES) assert.equal(toHex(backend.hmacWith(c.key)(c.data)).slice(0, c.mac.length), c.mac, c.name);
  });

  test(`${backend.name}: a keyed HMAC is reusable (no state leaks between messages)`, () => {
    const mac = backend.hmacWith(text('Jefe'));
    const first = toHex(mac('what do ya want for nothing?'));
    mac('something else entirely');
    assert.equal(toHex(mac('what do ya want for nothing?')), first);
    assert.equal(first, HMAC_CASES[1].mac);
  });
}

test('node:crypto and @noble/hashes agree on random keys, messages and lengths', () => {
  for (let i = 0; i < 300; i++) {
    const key = randomBytes(randomInt(1, 200));
    const message = randomBytes(randomInt(0, 300));
    assert.equal(toHex(nodeBackend.hmacWith(key)(message)), toHex(nobleBackend.hmacWith(key)(message)));
    const id = randomBytes(12).toString('hex');
    assert.equal(toHex(nodeBackend.hmacWith(key)(id)), toHex(nobleBackend.hmacWith(key)(id)), 'string messages are UTF-8 in both');
    const salt = randomBytes(randomInt(0, 64));
    const info = randomBytes(randomInt(0, 64));
    const length = randomInt(1, 255 * 32 + 1);
    assert.equal(toHex(nodeBackend.hkdf(key, salt, info, length)), toHex(nobleBackend.hkdf(key, salt, info, length)));
  }
  const nonAscii = 'anak-ñ-é-漢字-🙂';
  assert.equal(toHex(nodeBackend.hmacWith(hex('00'))(nonAscii)), toHex(nobleBackend.hmacWith(hex('00'))(nonAscii)));
});
