import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, generateKeyPairSync, sign as ed25519Sign } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import type { AuditRecord, StoredAuditRow } from '../src/index.js';
import { GENESIS_HASH, chainHash, createChainVerifier, createCheckpointSigner, createCheckpointVerifier } from '../src/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('SHA-256 matches the FIPS 180-4 "abc" vector and node:crypto', () => {
  assert.equal(hex(sha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const msg = new TextEncoder().encode('audit chain');
  assert.equal(hex(sha256(msg)), createHash('sha256').update(msg).digest('hex'));
});

test('Ed25519 signing matches RFC 8032 section 7.1 test 1', () => {
  // PKCS#8 wrapping of the RFC's 32-byte secret key; the vector signs the empty message.
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  assert.equal(
    hex(ed25519Sign(null, Buffer.alloc(0), key)),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  );
  assert.equal(createCheckpointSigner(key.export({ type: 'pkcs8', format: 'pem' }).toString()).keyId.length, 16);
});

function record(seq: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return { seq, recordedAt: new Date(Date.UTC(2026, 10, 25, 8, 0, seq)), actor: `officer-${seq % 3}`, role: 'CHILD_PROTECTION_OFFICER', action: 'DECRYPT', subject: `CHD-${seq}`, purpose: 'CASE_REVIEW', outcome: 'SUCCESS', details: { fields: 2, z: 'last', a: true }, ...over };
}

function buildChain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const r = record(i);
    const hash = chainHash(prev, r);
    rows.push({ ...r, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verifyRows(rows: readonly StoredAuditRow[], headSeq = rows.length, headHash = rows[rows.length - 1]?.hash ?? GENESIS_HASH) {
  const v = createChainVerifier();
  for (const r of rows) {
    const bad = v.push(r);
    if (bad) return bad;
  }
  return v.finish([], null, { seq: headSeq, hash: headHash });
}

test('details key order does not change the hash; any field change does', () => {
  const a = chainHash(GENESIS_HASH, record(1));
  assert.deepEqual(a, chainHash(GENESIS_HASH, record(1, { details: { a: true, z: 'last', fields: 2 } })));
  for (const change of [{ actor: 'x' }, { outcome: 'DENIED' }, { subject: null }, { seq: 2 }, { recordedAt: new Date(0) }, { details: { fields: 3, z: 'last', a: true } }]) {
    assert.notDeepEqual(chainHash(GENESIS_HASH, record(1, change)), a, JSON.stringify(change));
  }
});

test('an untouched chain verifies', () => {
  const report = verifyRows(buildChain(50));
  assert.equal(report.ok, true);
  assert.equal(report.records, 50);
});

test('altering any single record names that record', () => {
  for (const k of [1, 17, 50]) {
    const rows = buildChain(50);
    rows[k - 1] = { ...rows[k - 1]!, action: 'EXPORT' };
    const report = verifyRows(rows);
    assert.equal(report.ok, false);
    assert.equal(!report.ok && report.firstBadSeq, k);
    assert.match(!report.ok ? report.reason : '', /altered/);
  }
});

test('deleting any single record names it', () => {
  for (const k of [1, 23, 49]) {
    const rows = buildChain(50).filter((r) => r.seq !== k);
    const report = verifyRows(rows);
    assert.equal(!report.ok && report.firstBadSeq, k, `deleted ${k}`);
  }
  // The last record: the head still names it.
  const rows = buildChain(50);
  const report = verifyRows(rows.slice(0, 49), 50, rows[49]!.hash);
  assert.equal(!report.ok && report.firstBadSeq, 50);
});

test('swapping two records (content or position) names the first of them', () => {
  const rows = buildChain(50);
  const swappedContent = rows.map((r) => (r.seq === 10 ? { ...rows[19]!, seq: 10 } : r.seq === 20 ? { ...rows[9]!, seq: 20 } : r));
  const byContent = verifyRows(swappedContent);
  assert.equal(!byContent.ok && byContent.firstBadSeq, 10);
  const swappedOrder = [...rows];
  [swappedOrder[9], swappedOrder[19]] = [swappedOrder[19]!, swappedOrder[9]!];
  const report = verifyRows(swappedOrder);
  assert.equal(!report.ok && report.firstBadSeq, 10);
});

test('a rewritten chain is caught by its signed checkpoint; signatures bind seq and hash', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = createCheckpointSigner(pem);
  const verifier = createCheckpointVerifier([pem]);
  const rows = buildChain(30);
  const cp = signer.sign(20, rows[19]!.hash, new Date(Date.UTC(2026, 10, 25)));
  assert.equal(verifier.verify(cp), true);
  assert.equal(verifier.verify({ ...cp, seq: 21 }), false);
  assert.equal(verifier.verify({ ...cp, hash: rows[20]!.hash }), false);

  // An attacker alters record 5 and recomputes every later hash: the chain itself is consistent again.
  let prev = GENESIS_HASH;
  const rewritten = rows.map((r) => {
    const changed = r.seq === 5 ? { ...r, outcome: 'DENIED' } : r;
    const hash = chainHash(prev, changed);
    const out = { ...changed, prevHash: prev, hash };
    prev = hash;
    return out;
  });
  const v = createChainVerifier();
  for (const r of rewritten) assert.equal(v.push(r), null);
  const report = v.finish([cp], verifier, { seq: 30, hash: prev });
  assert.equal(report.ok, false);
  assert.equal(!report.ok && report.firstBadSeq, 20);
  assert.match(!report.ok ? report.reason : '', /rewritten/);

  const other = createCheckpointVerifier([generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()]);
  const v2 = createChainVerifier();
  for (const r of rows) v2.push(r);
  const unknown = v2.finish([cp], other, { seq: 30, hash: rows[29]!.hash });
  assert.match(!unknown.ok ? unknown.reason : '', /unknown key/);
});
