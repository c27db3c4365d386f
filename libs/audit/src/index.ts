export { createAuditLog, AUDIT_MIGRATIONS_DIR } from './audit-log.js';
export type { AuditLog, AuditLogOptions, AuditEntry, AuditOutcome } from './audit-log.js';
export { chainHash, canonicalBytes, GENESIS_HASH } from './chain.js';
export type { AuditRecord, AuditDetailValue } from './chain.js';
export { createCheckpointSigner, createCheckpointVerifier, checkpointMessage, keyIdOf } from './checkpoint-signer.js';
export type { Checkpoint, CheckpointSigner, CheckpointVerifier } from './checkpoint-signer.js';
export { createChainVerifier } from './verify-chain.js';
export type { StoredAuditRow, VerifyReport } from './verify-chain.js';
