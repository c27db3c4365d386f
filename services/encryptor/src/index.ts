// Public surface of @cwp/encryptor: the transform, its plan, authorised decryption (events, alert identities), the schema files.
export { ENCRYPTOR_RUNTIME_DEFAULTS, createEncryptor, encryptEvent, sealEvent } from './transform.js';
export type { EncryptorDeps } from './transform.js';
export { planEncryption, mapPlannedFields, compilePlannedFields } from './encryption-plan.js';
export type { EncryptionPlan, RecordPlan, BranchPlan } from './encryption-plan.js';
export { createAuthorisedDecryptor, decryptEvent, READER_ROLES } from './decrypt-event.js';
export type { AuthorisedDecryptor, Reader, ReaderRole } from './decrypt-event.js';
export { createAlertIdentityOpener, ALERT_IDENTITY_READER_ROLES, DECRYPT_ALERT_IDENTITY } from './decrypt-alert-identity.js';
export type { AlertIdentityOpener, AlertIdentityRef } from './decrypt-alert-identity.js';
export { encryptedSchemaFiles, rawSchemaCatalog, ENCRYPTED_SCHEMA_DIR } from './encrypted-schema-files.js';
export type { EncryptedEvent } from './types.js';
