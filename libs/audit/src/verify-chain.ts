// Verification of the chain, pure: feed it the stored rows in seq order and the checkpoints; it names
// the first record that was altered, deleted, inserted or moved, and any checkpoint that disagrees.
import type { AuditRecord } from './chain.js';
import { GENESIS_HASH, chainHash, sameBytes } from './chain.js';
import type { Checkpoint, CheckpointVerifier } from './checkpoint-signer.js';

/** A stored row: the record and the hashes stored beside it. */
export interface StoredAuditRow extends AuditRecord {
  readonly prevHash: Uint8Array;
  readonly hash: Uint8Array;
}

/** What verification found. `firstBadSeq` names the first row (or checkpoint seq) that fails. */
export type VerifyReport =
  | { readonly ok: true; readonly records: number; readonly checkpoints: number; readonly headSeq: number }
  | { readonly ok: false; readonly records: number; readonly checkpoints: number; readonly firstBadSeq: number; readonly reason: string };

/** Incremental verifier: push rows in ascending seq order, then finish() with checkpoints and head. */
export function createChainVerifier(): {
  push(row: StoredAuditRow): VerifyReport | null;
  finish(checkpoints: readonly Checkpoint[], verifier: CheckpointVerifier | null, head: { seq: number; hash: Uint8Array }): VerifyReport;
} {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  const hashes = new Map<number, Uint8Array>();
  let count = 0;
  const bad = (seq: number, reason: string, checkpoints = 0): VerifyReport => ({ ok: false, records: count, checkpoints, firstBadSeq: seq, reason });

  return {
    push(row) {
      count += 1;
      if (row.seq !== expectedSeq) {
        return row.seq > expectedSeq
          ? bad(expectedSeq, `record ${expectedSeq} is missing (deleted): the next stored record is ${row.seq}`)
          : bad(row.seq, `record ${row.seq} appears out of order after record ${expectedSeq - 1}`);
      }
      if (!sameBytes(row.prevHash, prev)) return bad(row.seq, `record ${row.seq} does not link to record ${row.seq - 1} (prev_hash differs): a record before it was removed, inserted or moved`);
      const computed = chainHash(prev, row);
      if (!sameBytes(computed, row.hash)) return bad(row.seq, `record ${row.seq} was altered: its content no longer matches its hash`);
      hashes.set(row.seq, computed);
      prev = computed;
      expectedSeq += 1;
      return null;
    },
    finish(checkpoints, verifier, head) {
      const last = expectedSeq - 1;
      for (const cp of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
        if (verifier && !verifier.knows(cp.keyId)) return bad(cp.seq, `checkpoint at record ${cp.seq} is signed by unknown key ${cp.keyId}`, checkpoints.length);
        if (verifier && !verifier.verify(cp)) return bad(cp.seq, `checkpoint at record ${cp.seq} has an invalid signature`, checkpoints.length);
        const h = hashes.get(cp.seq);
        if (!h) return bad(last + 1, `records after ${last} are missing: a signed checkpoint covers record ${cp.seq}`, checkpoints.length);
        if (!sameBytes(h, cp.hash)) return bad(cp.seq, `the chain was rewritten: record ${cp.seq} no longer has the hash its signed checkpoint holds`, checkpoints.length);
      }
      if (head.seq !== last) {
        return bad(Math.min(head.seq, last) + 1, `the chain head names record ${head.seq} but the last stored record is ${last}`, checkpoints.length);
      }
      if (!sameBytes(head.hash, prev)) return bad(last, `the chain head hash differs from record ${last}'s hash`, checkpoints.length);
      return { ok: true, records: count, checkpoints: checkpoints.length, headSeq: last };
    },
  };
}
